using Cross.Core.Engine;
using Cross.Core.Ir;

namespace Cross.Backends.Interpreter;

/// <summary>
/// Runs IR directly. It is the portable reference every other backend is compared with, and
/// the first tier of execution.
/// </summary>
public sealed class InterpreterBackend : IBackend
{
    public string Name => "interp";

    public ICompiledBlock Compile(IrBlock block) => new InterpretedBlock(block);
}
