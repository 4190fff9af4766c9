using Cross.Backends.Interpreter;
using Cross.Backends.Llvm;
using Cross.Core.Engine;

namespace Cross.Machines.Tests.Support;

/// <summary>The backends every whole-machine test runs on, by name (theory data).</summary>
public static class TestBackends
{
    public static TheoryData<string> All => new() { "interp", "llvm" };

    public static IBackend Create(string name) => name switch
    {
        "interp" => new InterpreterBackend(),
        "llvm" => LlvmBackend.TryCreate(new LlvmBackendOptions { OptimizationLevel = LlvmOptimizationLevel.O1 }, out var llvm, out var reason)
            ? llvm
            : throw new InvalidOperationException($"the LLVM backend needs libLLVM-19 (Debian package libllvm19, installed by .ci/setup): {reason}"),
        _ => throw new ArgumentException($"unknown backend {name}", nameof(name)),
    };
}
