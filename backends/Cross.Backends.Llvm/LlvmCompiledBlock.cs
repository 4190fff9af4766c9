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

    public BlockExit Execute(GuestContext context)
    {
        _backend.ThrowIfDisposed();
        if (context.State.Size < _code.StateExtent)
            throw new InvalidOperationException(
                $"block 0x{Source.GuestPc:x} uses {_code.StateExtent} bytes of guest state but the context has {context.State.Size}");
        return _backend.FrameFor(context).Run(_code.Entry);
    }
}
