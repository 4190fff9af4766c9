using Cross.Core.Ir;

namespace Cross.Core.Engine;

/// <summary>Turns IR blocks into something that runs: the interpreter, the LLVM JIT.</summary>
public interface IBackend
{
    string Name { get; }

    ICompiledBlock Compile(IrBlock block);
}

public interface ICompiledBlock
{
    IrBlock Source { get; }

    BlockExit Execute(GuestContext context);
}
