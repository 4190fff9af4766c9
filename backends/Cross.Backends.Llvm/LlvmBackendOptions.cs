namespace Cross.Backends.Llvm;

/// <summary>How hard LLVM works on each block: compile time against code quality.</summary>
public enum LlvmOptimizationLevel
{
    /// <summary>No IR passes, fast instruction selection: the quickest compile.</summary>
    O0,
    /// <summary>LLVM's <c>default&lt;O1&gt;</c> pipeline and codegen level "less".</summary>
    O1,
    /// <summary>LLVM's <c>default&lt;O2&gt;</c> pipeline and default codegen.</summary>
    O2,
}

public sealed record LlvmBackendOptions
{
    public LlvmOptimizationLevel OptimizationLevel { get; init; } = LlvmOptimizationLevel.O2;

    /// <summary>
    /// Emit the inline direct-memory path (used when the context's memory implements
    /// <see cref="Core.Memory.IDirectGuestMemory"/>). Without it every access calls the slow path.
    /// </summary>
    public bool DirectMemory { get; init; } = true;

    /// <summary>
    /// An LLVM new-pass-manager pipeline (the text <c>opt -passes=</c> takes) to use instead of the
    /// level's default; the level still chooses the code generator's effort.
    /// </summary>
    public string? PassPipeline { get; init; }

    /// <summary>Run LLVM's module verifier on every block before compiling it (cheap; catches lowering bugs early).</summary>
    public bool VerifyModules { get; init; } = true;

    /// <summary>Called with each block's LLVM IR after optimisation, for --dump-llvm style debugging.</summary>
    public Action<Core.Ir.IrBlock, string>? OnLlvmIr { get; init; }
}
