using Cross.Backends.Llvm.Compilation;
using Cross.Core.Engine;
using Cross.Core.Ir;

namespace Cross.Backends.Llvm;

/// <summary>A block, or a region entered at its first block, compiled to host code by <see cref="LlvmBackend"/>.</summary>
public sealed class LlvmCompiledBlock : ICompiledBlock
{
    private readonly LlvmBackend _backend;
    private readonly CompiledCode _code;
    private readonly bool _chaining;

    internal LlvmCompiledBlock(LlvmBackend backend, CodeRegion region, CompiledCode code)
    {
        _backend = backend;
        Region = region;
        _code = code;
        _chaining = backend.Options.Chaining;
    }

    public IrBlock Source => Region.Entry;

    /// <summary>The blocks this code was compiled from (just <see cref="Source"/> for a single block).</summary>
    public CodeRegion Region { get; }

    /// <summary>Host address of the compiled function.</summary>
    public nint EntryPoint => _code.Entry;

    public nint NativeEntry => _code.Entry;

    /// <summary>Exit slots of other code linked to this one (guarded by the backend's link lock).</summary>
    internal HashSet<nint> IncomingLinks { get; } = new();

    internal bool Overlaps(ulong start, ulong end) => Region.Overlaps(start, end);

    public void Superseded(ICompiledBlock replacement)
    {
        if (replacement is LlvmCompiledBlock better) _backend.Redirect(this, better);
    }

    public BlockExit Execute(GuestContext context, long budget)
    {
        _backend.ThrowIfDisposed();
        var needed = Math.Max(_code.StateExtent, context.PcOffset + 8);
        if (context.State.Size < needed)
            throw new InvalidOperationException(
                $"block 0x{Source.GuestPc:x} uses {needed} bytes of guest state but the context has {context.State.Size}");
        var frame = _backend.FrameFor(context);
        if (_chaining && frame.TakePendingLink(Source.GuestPc) is var slot and not 0)
            _backend.Link(slot, this);
        return frame.Run(_code.Entry, budget);
    }
}
