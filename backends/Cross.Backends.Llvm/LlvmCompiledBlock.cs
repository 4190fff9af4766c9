using Cross.Backends.Llvm.Compilation;
using Cross.Core.Engine;
using Cross.Core.Ir;

namespace Cross.Backends.Llvm;

/// <summary>A block compiled to host code by <see cref="LlvmBackend"/>.</summary>
public sealed class LlvmCompiledBlock : ICompiledBlock
{
    private readonly LlvmBackend _backend;
    private readonly CompiledCode _code;

    internal LlvmCompiledBlock(LlvmBackend backend, IrBlock source, CompiledCode code)
    {
        _backend = backend;
        Source = source;
        _code = code;
    }

    public IrBlock Source { get; }

    /// <summary>Host address of the compiled function, for diagnostics.</summary>
    public nint EntryPoint => _code.Entry;

    /// <summary>Exit slots of other blocks linked to this one (guarded by the backend's link lock).</summary>
    internal HashSet<nint> IncomingLinks { get; } = new();

    internal bool Overlaps(ulong start, ulong end) =>
        Source.GuestPc < end && Math.Max(Source.GuestEnd, Source.GuestPc + 1) > start;

    public BlockExit Execute(GuestContext context)
    {
        _backend.ThrowIfDisposed();
        var chainBudget = _backend.Options.MaxChainedInstructions;
        var needed = chainBudget > 0 ? Math.Max(_code.StateExtent, context.PcOffset + 8) : _code.StateExtent;
        if (context.State.Size < needed)
            throw new InvalidOperationException(
                $"block 0x{Source.GuestPc:x} uses {needed} bytes of guest state but the context has {context.State.Size}");
        var frame = _backend.FrameFor(context);
        if (chainBudget > 0 && frame.TakePendingLink(Source.GuestPc) is var slot and not 0)
            _backend.Link(slot, this);
        return frame.Run(_code.Entry, chainBudget);
    }
}
