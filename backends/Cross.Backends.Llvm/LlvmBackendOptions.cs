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
    /// <summary>
    /// A scalar optimisation pipeline (SROA, early CSE, instcombine, GVN, LICM, DSE, simplifycfg:
    /// <c>default&lt;O2&gt;</c> without its vectorisers and loop transforms) and the default code
    /// generator: for hot regions.
    /// </summary>
    O2,
}

public sealed record LlvmBackendOptions
{
    /// <summary>The level of single blocks and of regions compiled with <see cref="Core.Engine.CompileEffort.Full"/>.</summary>
    public LlvmOptimizationLevel OptimizationLevel { get; init; } = LlvmOptimizationLevel.O2;

    /// <summary>The level of regions compiled with <see cref="Core.Engine.CompileEffort.Quick"/>.</summary>
    public LlvmOptimizationLevel QuickOptimizationLevel { get; init; } = LlvmOptimizationLevel.O1;

    /// <summary>
    /// Emit the inline direct-memory path (used when the context's memory implements
    /// <see cref="Core.Memory.IDirectGuestMemory"/>). Without it every access calls the slow path.
    /// </summary>
    public bool DirectMemory { get; init; } = true;

    /// <summary>
    /// An LLVM new-pass-manager pipeline (the text <c>opt -passes=</c> takes) to use instead of
    /// each level's default; the level still chooses the code generator's effort.
    /// </summary>
    public string? PassPipeline { get; init; }

    /// <summary>
    /// Chaining (on by default): a direct exit gets an exit slot, which the backend links to the
    /// code that ran next at its target, and an indirect exit probes the context's jump cache
    /// (when the engine provides one); later runs then go straight on into that code, without
    /// returning to the engine, while the budget passed to
    /// <see cref="Core.Engine.ICompiledBlock.Execute"/> lasts and the context's dispatch flags are
    /// clear (the run may overshoot by one block, as the engine's own loop does, or inside a
    /// region by one pass along its forward edges: only backward edges check the budget).
    /// Chaining assumes that a block ending in ExitDirect or ExitCond does not change the
    /// frontend's mode key; frontends end mode-changing blocks with ExitIndirect or a trap.
    /// </summary>
    public bool Chaining { get; init; } = true;

    /// <summary>Run LLVM's module verifier on every block before compiling it (cheap; catches lowering bugs early).</summary>
    public bool VerifyModules { get; init; } = true;

    /// <summary>Called with each region's entry block and its LLVM IR after optimisation, for --dump-llvm style debugging.</summary>
    public Action<Core.Ir.IrBlock, string>? OnLlvmIr { get; init; }
}
