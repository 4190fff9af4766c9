namespace Cross.Backends.Llvm;

/// <summary>How hard LLVM works on each block: compile time against code quality.</summary>
public enum LlvmOptimizationLevel
{
    /// <summary>No IR passes, fast instruction selection and register allocation: the quickest compile.</summary>
    O0,
    /// <summary>
    /// A short clean-up pipeline (early CSE with memory SSA, instcombine, simplifycfg: guest
    /// register loads forwarded within a block), still with the fast code generator. A cheap first tier.
    /// </summary>
    O1,
    /// <summary>LLVM's <c>default&lt;O2&gt;</c> pipeline and its default code generator: for hot blocks.</summary>
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

    /// <summary>
    /// Block chaining: when above zero, a direct exit whose target block has run after it before
    /// is linked to that block, and later runs tail-call it directly while fewer than this many
    /// guest instructions have retired in one <see cref="Core.Engine.ICompiledBlock.Execute"/>
    /// call (the run may overshoot by one block). Zero (the default) compiles no chaining code.
    /// Chaining assumes that a block ending in ExitDirect or ExitCond does not change the
    /// frontend's mode key; frontends end mode-changing blocks with ExitIndirect or a trap.
    /// </summary>
    public int MaxChainedInstructions { get; init; }

    /// <summary>Run LLVM's module verifier on every block before compiling it (cheap; catches lowering bugs early).</summary>
    public bool VerifyModules { get; init; } = true;

    /// <summary>Called with each block's LLVM IR after optimisation, for --dump-llvm style debugging.</summary>
    public Action<Core.Ir.IrBlock, string>? OnLlvmIr { get; init; }
}
