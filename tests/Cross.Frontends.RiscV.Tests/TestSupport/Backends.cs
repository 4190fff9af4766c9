using System.Reflection;
using Cross.Backends.Interpreter;
using Cross.Core.Engine;
using Xunit.Sdk;

namespace Cross.Frontends.RiscV.Tests.TestSupport;

/// <summary>The backends every execution test runs on. Add the LLVM backend here when it exists.</summary>
public static class TestBackends
{
    public static IReadOnlyList<string> All { get; } = ["interp"];

    public static IBackend Create(string name) => name switch
    {
        "interp" => new InterpreterBackend(),
        _ => throw new ArgumentException($"unknown backend {name}", nameof(name)),
    };
}

/// <summary>Supplies each backend name in <see cref="TestBackends.All"/> as the test's first argument.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllBackendsAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => TestBackends.All.Select(name => new object[] { name });
}
