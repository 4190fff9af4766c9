using Cross.Core.Engine;
using Cross.Testing;

namespace Cross.System.Tests.Support;

/// <summary>
/// The backends every boot test runs on, by the names --jit takes. In-process runs get them from
/// the shared factory ("llvm" compiles every block); runs through the real command get what
/// --jit llvm means there (tiered over the interpreter).
/// </summary>
public static class TestBackends
{
    public static readonly string[] Names = [TestBackendFactory.Interpreter, TestBackendFactory.Llvm];

    public static TheoryData<string> All => new(Names);

    public static IBackend Create(string name) => TestBackendFactory.Create(name);
}
