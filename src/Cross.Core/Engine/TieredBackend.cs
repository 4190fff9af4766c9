using Cross.Core.Ir;

namespace Cross.Core.Engine;

/// <summary>How the engine promotes hot code from the first tier to the optimising one.</summary>
public sealed record TieringOptions
{
    /// <summary>Dispatches of a block on the first tier before a region starting there is optimised (at least 1).</summary>
    public int Threshold { get; init; } = 50;

    /// <summary>Most blocks in one region: the hot block and the translated blocks its direct exits reach.</summary>
    public int MaxRegionBlocks { get; init; } = 32;

    /// <summary>Most guest instructions in one region.</summary>
    public int MaxRegionInstructions { get; init; } = 1024;

    /// <summary>
    /// Compile on a background thread (the default: the guest goes on in the first tier and
    /// switches when the code is ready), or on the dispatching thread (deterministic, for tests).
    /// </summary>
    public bool Background { get; init; } = true;

    /// <summary>
    /// Regions are first compiled with <see cref="CompileEffort.Quick"/>. Once such code has run
    /// this many times (entries plus loop back edges), the region is compiled again with
    /// <see cref="CompileEffort.Full"/> (re-formed: more of its successors may be translated by
    /// then) when no quick compile is waiting, and that is swapped in. 0: never recompile.
    /// </summary>
    /// <remarks>
    /// 100,000 rather than 20,000: fewer regions that are only warm pay for a full compile (on two
    /// cores it competes with the guest); riscv64 sort ran about 7% faster, the other workloads the same.
    /// </remarks>
    public long RecompileAfter { get; init; } = 100_000;
}

/// <summary>
/// Two backends as tiers: every block starts on <see cref="Baseline"/> (the interpreter: no
/// compile cost); once the engine has dispatched it <see cref="TieringOptions.Threshold"/> times,
/// it compiles a region starting there (the block and the translated blocks its direct exits
/// lead to, so loops stay in compiled code) with <see cref="Optimizer"/>, quickly first and then
/// again with full effort, and swaps each in. The engine does the counting and swapping (see
/// <see cref="ExecutionEngine"/>); this class only names the tiers. Disposing it disposes both.
/// </summary>
public sealed class TieredBackend : IBackend, IDisposable
{
    public TieredBackend(IBackend baseline, IBackend optimizer, TieringOptions? options = null)
    {
        Baseline = baseline;
        Optimizer = optimizer;
        Options = options ?? new TieringOptions();
        if (Options.Threshold < 1) throw new ArgumentOutOfRangeException(nameof(options), "the tier-up threshold is at least 1");
        if (Options.MaxRegionBlocks < 1) throw new ArgumentOutOfRangeException(nameof(options), "a region has at least one block");
    }

    public IBackend Baseline { get; }

    public IBackend Optimizer { get; }

    public TieringOptions Options { get; }

    public string Name => $"{Optimizer.Name} over {Baseline.Name}";

    /// <summary>Translation compiles on the first tier.</summary>
    public ICompiledBlock Compile(IrBlock block) => Baseline.Compile(block);

    /// <summary>Hot regions compile on the optimising tier.</summary>
    public ICompiledBlock Compile(CodeRegion region, CompileEffort effort) => Optimizer.Compile(region, effort);

    public void Dispose()
    {
        (Optimizer as IDisposable)?.Dispose();
        (Baseline as IDisposable)?.Dispose();
    }
}
