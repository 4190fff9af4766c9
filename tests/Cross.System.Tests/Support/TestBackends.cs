using Cross.Backends.Interpreter;
using Cross.Backends.Llvm;
using Cross.Core.Engine;

namespace Cross.System.Tests.Support;

/// <summary>The backends every boot test runs on, by the names --jit takes.</summary>
public static class TestBackends
{
    public static readonly string[] Names = ["interp", "llvm"];

    public static TheoryData<string> All => new(Names);

    public static IBackend Create(string name) => name switch
    {
        "interp" => new InterpreterBackend(),
        "llvm" => LlvmBackend.TryCreate(new LlvmBackendOptions { OptimizationLevel = LlvmOptimizationLevel.O1 }, out var llvm, out var reason)
            ? llvm
            : throw new InvalidOperationException($"the LLVM backend needs libLLVM-19 (Debian package libllvm19, installed by .ci/setup): {reason}"),
        _ => throw new ArgumentException($"unknown backend {name}", nameof(name)),
    };
}
