using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Cross.Backends.Llvm.Compilation;
using Cross.Backends.Llvm.Interop;
using Cross.Backends.Llvm.Runtime;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Llvm;

/// <summary>
/// Compiles IR blocks and multi-block regions to host code with LLVM 19 (ORC LLJIT), through our
/// own LLVM-C bindings. Matches the interpreter bit for bit. Create it with
/// <see cref="TryCreate(out LlvmBackend?, out string)"/>, which fails with a one-line reason when
/// libLLVM-19 cannot be loaded, so callers can fall back to the interpreter. One LLJIT per
/// instance; compiling is thread-safe (a background tier-up thread may compile while guest code
/// runs); dispose to free all code (no compiled block may run after that).
/// </summary>
/// <remarks>
/// Compiled code chains (see <see cref="LlvmBackendOptions.Chaining"/>): direct exits through exit
/// slots, which <see cref="Link"/> points at the code that ran next at their target, and which
/// are cut again when any guest code that code was compiled from is written; indirect exits
/// through the context's jump cache, which the engine fills and clears.
/// </remarks>
public sealed class LlvmBackend : IBackend, IDisposable
{
    private readonly object _compileLock = new();
    private readonly Dictionary<LlvmOptimizationLevel, LlvmJit> _jits = new();
    private readonly BlockCompiler _compiler;
    private readonly HelperTable _helpers = new();
    private readonly ExitSlotArena _exitSlots = new();
    private readonly object _linkLock = new();
    private readonly HashSet<LlvmCompiledBlock> _linkTargets = new();
    private readonly ConditionalWeakTable<IGuestMemory, object> _watchedMemories = new();
    private readonly Action<ulong, ulong> _invalidate;
    private readonly ConditionalWeakTable<GuestContext, ExecutionFrame> _frames = new();
    private readonly ConditionalWeakTable<GuestContext, ExecutionFrame>.CreateValueCallback _createFrame;
    private ExecutionFrame? _lastFrame;
    private long _blocksCompiled;
    private long _compileTicks;
    private volatile bool _disposed;

    public string Name => "llvm";

    public LlvmBackendOptions Options { get; }

    /// <summary>The libLLVM version in use.</summary>
    public Version LlvmVersion { get; }

    /// <summary>Blocks compiled so far (each member of a region counts).</summary>
    public long BlocksCompiled => Interlocked.Read(ref _blocksCompiled);

    /// <summary>Total wall-clock time spent compiling (lowering, passes, code generation).</summary>
    public TimeSpan CompileTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _compileTicks));

    private LlvmBackend(LlvmBackendOptions options, Version version)
    {
        Options = options;
        LlvmVersion = version;
        _jits[options.OptimizationLevel] = new LlvmJit(options.OptimizationLevel, options.PassPipeline);
        _compiler = new BlockCompiler(_helpers, _exitSlots, options);
        _invalidate = Unlink;
        _createFrame = context =>
        {
            if (options.Chaining) Watch(context.Memory);
            return new ExecutionFrame(context, _helpers);
        };
    }

    /// <summary>Creates a backend with default options, or says in one line why LLVM is unavailable.</summary>
    public static bool TryCreate([NotNullWhen(true)] out LlvmBackend? backend, out string reason) =>
        TryCreate(new LlvmBackendOptions(), out backend, out reason);

    public static bool TryCreate(LlvmBackendOptions options, [NotNullWhen(true)] out LlvmBackend? backend, out string reason)
    {
        backend = null;
        if (!IsAvailable(out reason, out var version)) return false;
        try
        {
            backend = new LlvmBackend(options, version!);
            return true;
        }
        catch (Exception error) when (error is LlvmException or DllNotFoundException or EntryPointNotFoundException)
        {
            reason = OneLine(error.Message);
            return false;
        }
    }

    /// <summary>Creates a backend or throws <see cref="LlvmException"/> saying why LLVM is unavailable.</summary>
    public static LlvmBackend Create(LlvmBackendOptions? options = null) =>
        TryCreate(options ?? new LlvmBackendOptions(), out var backend, out var reason)
            ? backend
            : throw new LlvmException($"LLVM backend unavailable: {reason}");

    /// <summary>Whether libLLVM-19 can be loaded and called.</summary>
    public static bool IsAvailable(out string reason) => IsAvailable(out reason, out _);

    private static bool IsAvailable(out string reason, out Version? version)
    {
        version = null;
        try
        {
            version = LlvmApi.GetVersion();
        }
        catch (DllNotFoundException error)
        {
            reason = OneLine(error.Message);
            return false;
        }
        catch (Exception error) when (error is EntryPointNotFoundException or BadImageFormatException)
        {
            reason = $"the LLVM library is not a usable libLLVM-19: {OneLine(error.Message)}";
            return false;
        }
        if (version.Major != 19)
        {
            reason = $"libLLVM-19 reports version {version}";
            return false;
        }
        reason = "";
        return true;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Compiles one block at the options' level, with complete slow paths (it never exits with <see cref="BlockExitKind.Fallback"/>).</summary>
    public ICompiledBlock Compile(IrBlock block) => Compile(new CodeRegion(block), Options.OptimizationLevel, fallbackExits: false);

    /// <summary>
    /// Compiles a region for the optimising tier, at <see cref="LlvmBackendOptions.QuickOptimizationLevel"/>
    /// or <see cref="LlvmBackendOptions.OptimizationLevel"/>: a guest memory access off the inline
    /// fast path leaves through <see cref="BlockExitKind.Fallback"/> (when direct memory is on).
    /// </summary>
    public ICompiledBlock Compile(CodeRegion region, CompileEffort effort) =>
        Compile(region, effort == CompileEffort.Quick ? Options.QuickOptimizationLevel : Options.OptimizationLevel, fallbackExits: true);

    private LlvmCompiledBlock Compile(CodeRegion region, LlvmOptimizationLevel level, bool fallbackExits)
    {
        lock (_compileLock)
        {
            ThrowIfDisposed();
            if (!_jits.TryGetValue(level, out var jit)) _jits[level] = jit = new LlvmJit(level, Options.PassPipeline);
            var start = Stopwatch.GetTimestamp();
            var code = _compiler.Compile(jit, region, fallbackExits);
            Interlocked.Add(ref _compileTicks, Stopwatch.GetTimestamp() - start);
            Interlocked.Add(ref _blocksCompiled, region.Blocks.Count);
            return new LlvmCompiledBlock(this, region, code);
        }
    }

    internal ExecutionFrame FrameFor(GuestContext context)
    {
        var last = _lastFrame;
        if (last is not null && ReferenceEquals(last.Context, context)) return last;
        var frame = _frames.GetValue(context, _createFrame);
        _lastFrame = frame;
        return frame;
    }

    /// <summary>Points an exit slot at a block, so the exit tail-calls it from now on.</summary>
    internal void Link(nint slot, LlvmCompiledBlock target)
    {
        lock (_linkLock)
        {
            if (_disposed || !target.IncomingLinks.Add(slot)) return;
            ExitSlotArena.Write(slot, target.EntryPoint);
            _linkTargets.Add(target);
        }
    }

    /// <summary>Points every exit slot linked to <paramref name="old"/> at <paramref name="replacement"/> (same guest entry, better code).</summary>
    internal void Redirect(LlvmCompiledBlock old, LlvmCompiledBlock replacement)
    {
        lock (_linkLock)
        {
            if (_disposed) return;
            foreach (var slot in old.IncomingLinks)
            {
                if (!replacement.IncomingLinks.Add(slot)) continue;
                ExitSlotArena.Write(slot, replacement.EntryPoint);
            }
            old.IncomingLinks.Clear();
            _linkTargets.Remove(old);
            if (replacement.IncomingLinks.Count > 0) _linkTargets.Add(replacement);
        }
    }

    /// <summary>Cuts every chain into blocks whose guest code overlaps [start, end) (it was written).</summary>
    private void Unlink(ulong start, ulong end)
    {
        lock (_linkLock)
        {
            if (_disposed) return;
            _linkTargets.RemoveWhere(block =>
            {
                if (!block.Overlaps(start, end)) return false;
                foreach (var slot in block.IncomingLinks) ExitSlotArena.Write(slot, 0);
                block.IncomingLinks.Clear();
                return true;
            });
        }
    }

    private void Watch(IGuestMemory memory)
    {
        lock (_linkLock)
        {
            if (_disposed || _watchedMemories.TryGetValue(memory, out _)) return;
            _watchedMemories.Add(memory, memory);
            memory.CodeModified += _invalidate;
        }
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    public void Dispose()
    {
        lock (_compileLock)
        {
            if (_disposed) return;
            lock (_linkLock)
            {
                _disposed = true;
                foreach (var (memory, _) in _watchedMemories) memory.CodeModified -= _invalidate;
                _linkTargets.Clear();
            }
            _lastFrame = null;
            foreach (var jit in _jits.Values) jit.Dispose();
            _exitSlots.Dispose();
        }
    }
}
