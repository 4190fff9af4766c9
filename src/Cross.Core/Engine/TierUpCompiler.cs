using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cross.Core.Engine;

/// <summary>
/// An engine's optimising tier: takes hot blocks, forms a region from each
/// (<see cref="RegionBuilder"/>), compiles it quickly with the optimising backend and swaps it in
/// through <see cref="BlockCache.Promote"/>, which refuses code that went stale while it
/// compiled. Quick code reports when it has run <see cref="TieringOptions.RecompileAfter"/> times
/// (<see cref="BlockExitKind.Hot"/>); such regions are compiled again with full effort when no
/// quick compile waits. Compiles run on a background thread that exists only while there is
/// work, unless <see cref="TieringOptions.Background"/> is off.
/// </summary>
internal sealed class TierUpCompiler
{
    private readonly BlockCache _cache;
    private readonly TieredBackend _backend;
    private readonly EngineStats _stats;
    // Hot blocks waiting for a quick compile: the worker takes the one run most often first (the
    // dispatcher goes on counting while they wait). Regions waiting for a full compile: in order.
    private readonly List<CachedBlock> _quick = new();
    private readonly ConcurrentQueue<CachedBlock> _full = new();
    // Blocks that are members of a region swapped in (under its own lock: without a background
    // thread, engines compile on their own threads).
    private readonly HashSet<(ulong Pc, ulong Mode)> _inRegions = new();
    private int _workerRunning;

    private readonly Action _codeReplaced;

    /// <param name="codeReplaced">Called after full code replaced quick code, to drop jumps to the old code.</param>
    public TierUpCompiler(BlockCache cache, TieredBackend backend, EngineStats stats, Action codeReplaced)
    {
        _codeReplaced = codeReplaced;
        _cache = cache;
        _backend = backend;
        _stats = stats;
    }

    /// <summary>Called by the dispatcher when a block reaches the threshold.</summary>
    public void Request(CachedBlock entry)
    {
        if (!entry.TryChangeTier(BlockTier.Baseline, BlockTier.Queued)) return;
        if (!_backend.Options.Background)
        {
            Compile(entry, CompileEffort.Quick);
            return;
        }
        lock (_quick) _quick.Add(entry);
        StartWorker();
    }

    /// <summary>Called by the dispatcher when quick code reports that it is hot.</summary>
    public void RequestFull(CachedBlock entry)
    {
        if (entry.Tier != BlockTier.Quick || !entry.TryRequestFull()) return;
        if (!_backend.Options.Background)
        {
            Compile(entry, CompileEffort.Full);
            return;
        }
        _full.Enqueue(entry);
        StartWorker();
    }

    private void StartWorker()
    {
        if (Interlocked.CompareExchange(ref _workerRunning, 1, 0) == 0)
            new Thread(Work) { IsBackground = true, Name = "cross tier-up" }.Start();
    }

    /// <summary>Waits until every requested compile has finished (or was dropped); for tests and benchmarks.</summary>
    public void WaitIdle()
    {
        var spinner = new SpinWait();
        while (Volatile.Read(ref _workerRunning) != 0 || QuickCount > 0 || !_full.IsEmpty) spinner.SpinOnce(sleep1Threshold: 10);
    }

    private void Work()
    {
        while (true)
        {
            while (true)
            {
                if (TakeHottest() is { } entry) Compile(entry, CompileEffort.Quick);
                else if (_full.TryDequeue(out entry)) Compile(entry, CompileEffort.Full);
                else break;
            }
            Volatile.Write(ref _workerRunning, 0);
            // A request that came in after the queues looked empty may have seen the worker still running.
            if ((QuickCount == 0 && _full.IsEmpty) || Interlocked.CompareExchange(ref _workerRunning, 1, 0) != 0) return;
        }
    }

    private int QuickCount
    {
        get { lock (_quick) return _quick.Count; }
    }

    private CachedBlock? TakeHottest()
    {
        lock (_quick)
        {
            if (_quick.Count == 0) return null;
            var hottest = 0;
            for (var i = 1; i < _quick.Count; i++)
                if (_quick[i].Executions > _quick[hottest].Executions) hottest = i;
            var entry = _quick[hottest];
            _quick[hottest] = _quick[^1];
            _quick.RemoveAt(_quick.Count - 1);
            return entry;
        }
    }

    /// <summary>Compiles and swaps in a region from <paramref name="head"/>; true when it was swapped in.</summary>
    private bool Compile(CachedBlock head, CompileEffort effort)
    {
        var expected = effort == CompileEffort.Quick ? BlockTier.Queued : BlockTier.Quick;
        if (head.Removed || head.Tier != expected)
        {
            if (effort == CompileEffort.Quick) BackToBaseline(head);
            return false;
        }
        // The blocks of a loop all get hot together, and every one would start a region holding
        // much the same loop. A block already inside compiled code waits: it is compiled as a
        // region of its own only when the engine still enters it often (it gets hot again).
        if (effort == CompileEffort.Quick && !head.ReachedAgain && InRegion(head))
        {
            head.ReachedAgain = true;
            _stats.RegionSkipped();
            BackToBaseline(head);
            return false;
        }
        var region = RegionBuilder.Build(_cache, head, _backend.Options);
        if (effort == CompileEffort.Quick) region = new CodeRegion(region.Blocks) { ReportHotAfter = _backend.Options.RecompileAfter };
        ICompiledBlock code;
        var start = Stopwatch.GetTimestamp();
        try
        {
            code = _backend.Compile(region, effort);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The optimiser cannot take this code (or was disposed under us): keep what runs now.
            if (error is not ObjectDisposedException) _stats.CompileFailed(error);
            if (effort == CompileEffort.Quick) head.TryChangeTier(BlockTier.Queued, BlockTier.Failed);
            return false;
        }
        finally
        {
            _stats.AddRegionCompile(effort, Stopwatch.GetTimestamp() - start);
        }

        var previous = head.Code;
        if (_cache.Promote(head, region, code, effort))
        {
            if (effort == CompileEffort.Full && !ReferenceEquals(previous, code))
            {
                previous.Superseded(code);
                _codeReplaced();
            }
            _stats.RegionSwappedIn(region.Blocks.Count);
            lock (_inRegions)
                foreach (var member in region.Blocks) _inRegions.Add((member.GuestPc, head.Mode));
            return true;
        }
        // A member changed while this compiled: count afresh and try again when hot again.
        _stats.RegionDiscarded();
        if (effort == CompileEffort.Quick) BackToBaseline(head);
        return false;
    }

    private bool InRegion(CachedBlock block)
    {
        lock (_inRegions) return _inRegions.Contains((block.Pc, block.Mode));
    }

    private static void BackToBaseline(CachedBlock head)
    {
        head.Executions = 0;
        head.TryChangeTier(BlockTier.Queued, BlockTier.Baseline);
    }
}
