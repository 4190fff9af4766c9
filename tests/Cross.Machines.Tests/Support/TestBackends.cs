using Cross.Core.Engine;
using Cross.Testing;

namespace Cross.Machines.Tests.Support;

/// <summary>The backends every whole-machine test runs on, by name (theory data); built by the shared factory.</summary>
public static class TestBackends
{
    public static TheoryData<string> All => new() { TestBackendFactory.Interpreter, TestBackendFactory.Llvm };

    public static IBackend Create(string name) => TestBackendFactory.Create(name);
}
