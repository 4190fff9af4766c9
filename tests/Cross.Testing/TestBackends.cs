using Cross.Backends.Interpreter;
using Cross.Backends.Llvm;
using Cross.Core.Engine;

namespace Cross.Testing;

/// <summary>
/// The backends guest-code tests run on, by name. Every name is a complete way to run guest
/// code; the LLVM ones need libLLVM-19 (installed by .ci/setup) and fail, saying so, without it.
/// </summary>
public static class TestBackendFactory
{
    /// <summary>The interpreter: the reference.</summary>
    public const string Interpreter = "interp";

    /// <summary>LLVM compiling every block before it first runs (O1), so every instruction runs as LLVM code.</summary>
    public const string Llvm = "llvm";

    /// <summary>
    /// What <c>cross run --jit llvm</c> does, made deterministic: blocks start in the interpreter,
    /// hot ones become quickly compiled LLVM regions on the dispatching thread (chaining, the
    /// jump cache, fallback exits), and very hot ones are compiled again at O2.
    /// </summary>
    public const string LlvmTiered = "llvm-tiered";

    // One LLVM backend per configuration for the whole test process: an LLJIT is costly to make,
    // and compiled code lives as long as its backend. Backends are thread-safe.
    private static readonly Lazy<LlvmBackend> EveryBlock = new(() => CreateLlvm(new LlvmBackendOptions { OptimizationLevel = LlvmOptimizationLevel.O1 }));
    private static readonly Lazy<LlvmBackend> Tiered = new(() => CreateLlvm(new LlvmBackendOptions()));

    public static IBackend Create(string name) => name switch
    {
        Interpreter => new InterpreterBackend(),
        Llvm => EveryBlock.Value,
        LlvmTiered => CreateTiered(threshold: 20, recompileAfter: 5_000),
        _ => throw new ArgumentException($"unknown backend {name}", nameof(name)),
    };

    /// <summary>A deterministic tiered backend (compiles on the dispatching thread) over the shared LLVM backend; never dispose it.</summary>
    public static TieredBackend CreateTiered(int threshold, long recompileAfter) =>
        new(new InterpreterBackend(), Tiered.Value,
            new TieringOptions { Threshold = threshold, RecompileAfter = recompileAfter, Background = false });

    private static LlvmBackend CreateLlvm(LlvmBackendOptions options) =>
        LlvmBackend.TryCreate(options, out var backend, out var reason)
            ? backend
            : throw new InvalidOperationException($"the LLVM backend needs libLLVM-19 (Debian package libllvm19, installed by .ci/setup): {reason}");
}
