using Cross.Core.Ir;

namespace Cross.Core.Engine;

/// <summary>Where a cached block is on its way from the first tier to optimised code.</summary>
public enum BlockTier
{
    /// <summary>Runs the code translation produced (the interpreter, under tiering).</summary>
    Baseline,
    /// <summary>Hot: a region starting here is waiting for, or in, the optimising compiler.</summary>
    Queued,
    /// <summary>Runs region code compiled with <see cref="CompileEffort.Quick"/> (a full recompile may be on its way).</summary>
    Quick,
    /// <summary>Runs region code compiled with <see cref="CompileEffort.Full"/>.</summary>
    Optimized,
    /// <summary>The optimising compiler failed on its region; it stays on the baseline code.</summary>
    Failed,
}

/// <summary>
/// One translated guest block in the <see cref="BlockCache"/>: its IR, the code translation
/// produced, and the code that runs it now, which tiering may swap for optimised code of a
/// region starting here (and swap back when a member's guest code is overwritten).
/// </summary>
public sealed class CachedBlock
{
    private volatile ActiveCode _active;
    private int _tier;
    private volatile bool _removed;

    internal CachedBlock(ulong pc, ulong mode, ICompiledBlock code)
    {
        Pc = pc;
        Mode = mode;
        Baseline = code;
        _active = new ActiveCode(code, code.NativeEntry, null);
    }

    public ulong Pc { get; }

    public ulong Mode { get; }

    public IrBlock Source => Baseline.Source;

    /// <summary>The code translation produced.</summary>
    public ICompiledBlock Baseline { get; }

    /// <summary>The code the engine runs for this block now.</summary>
    public ICompiledBlock Code => _active.Code;

    /// <summary>The region <see cref="Code"/> was compiled from, when it is optimised code.</summary>
    public CodeRegion? Region => _active.Region;

    public BlockTier Tier => (BlockTier)Volatile.Read(ref _tier);

    /// <summary>Dropped from the cache: its guest code was overwritten, or another translation replaced it.</summary>
    public bool Removed => _removed;

    /// <summary>Dispatches on the baseline code since translation or the last demotion (racy between threads; only a heuristic).</summary>
    internal int Executions;

    /// <summary>Set when the tier-up compiler passed this block over once because compiled code already holds it.</summary>
    internal bool ReachedAgain;

    internal ActiveCode Active => _active;

    private int _fullRequested;

    /// <summary>True the first time it is called since the last promotion with quick code.</summary>
    internal bool TryRequestFull() => Interlocked.Exchange(ref _fullRequested, 1) == 0;

    internal bool TryChangeTier(BlockTier from, BlockTier to) => Interlocked.CompareExchange(ref _tier, (int)to, (int)from) == (int)from;

    /// <summary>Caller holds the cache lock.</summary>
    internal void Promote(ICompiledBlock code, CodeRegion region, CompileEffort effort)
    {
        _active = new ActiveCode(code, code.NativeEntry, region);
        if (effort == CompileEffort.Quick) Volatile.Write(ref _fullRequested, 0);
        Volatile.Write(ref _tier, (int)(effort == CompileEffort.Full ? BlockTier.Optimized : BlockTier.Quick));
    }

    /// <summary>Back to the baseline code, counting afresh (caller holds the cache lock).</summary>
    internal void Demote()
    {
        _active = new ActiveCode(Baseline, Baseline.NativeEntry, null);
        Executions = 0;
        Volatile.Write(ref _tier, (int)BlockTier.Baseline);
    }

    internal void MarkRemoved() => _removed = true;
}

/// <summary>What a cached block runs now: replaced as a whole, so readers never see half a swap.</summary>
internal sealed record ActiveCode(ICompiledBlock Code, nint NativeEntry, CodeRegion? Region)
{
    public bool Optimized => Region is not null;
}
