using System.Reflection;
using Cross.Testing;
using Xunit.Sdk;

namespace Cross.Frontends.Arm64.Tests.TestSupport;

/// <summary>
/// Supplies each backend every execution test runs on (the interpreter, and LLVM compiling every
/// block) as the test's first argument.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllBackendsAttribute : DataAttribute
{
    public static IReadOnlyList<string> Names { get; } = [TestBackendFactory.Interpreter, TestBackendFactory.Llvm];

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => Names.Select(name => new object[] { name });
}
