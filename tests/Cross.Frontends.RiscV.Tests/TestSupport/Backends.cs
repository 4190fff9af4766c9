using System.Reflection;
using Cross.Core.Engine;
using Cross.Testing;
using Xunit.Sdk;

namespace Cross.Frontends.RiscV.Tests.TestSupport;

/// <summary>
/// The backends every execution test runs on: the interpreter, and LLVM compiling every block
/// (see <see cref="TestBackendFactory"/>).
/// </summary>
public static class TestBackends
{
    public static IReadOnlyList<string> All { get; } = [TestBackendFactory.Interpreter, TestBackendFactory.Llvm];

    public static IBackend Create(string name) => TestBackendFactory.Create(name);
}

/// <summary>Supplies each backend name in <see cref="TestBackends.All"/> as the test's first argument.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllBackendsAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => TestBackends.All.Select(name => new object[] { name });
}
