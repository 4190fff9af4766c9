using System.Collections.Concurrent;

namespace Cross.Core.Engine;

/// <summary>
/// Compiled blocks keyed by (guest PC, mode). Also indexes blocks by guest page so a write to
/// translated code can drop every block that covers it. Lookups are lock-free because they run
/// once per executed block; adding and invalidating take a lock.
/// </summary>
public sealed class BlockCache
{
    private const int PageShift = 12;

    private readonly ConcurrentDictionary<(ulong Pc, ulong Mode), ICompiledBlock> _blocks = new();
    private readonly Dictionary<ulong, List<(ulong Pc, ulong Mode)>> _blocksByPage = new();
    private readonly object _lock = new();

    public int Count => _blocks.Count;

    /// <summary>Counts invalidated blocks, so tests and --jit-stats can see invalidation happen.</summary>
    public long Invalidations { get; private set; }

    public bool TryGet(ulong pc, ulong mode, out ICompiledBlock block) => _blocks.TryGetValue((pc, mode), out block!);

    /// <summary>Bumped on every invalidation, so callers' lookup caches know to drop their entries.</summary>
    public int Generation => _generation;

    private volatile int _generation;

    public void Add(ulong pc, ulong mode, ICompiledBlock block)
    {
        lock (_lock)
        {
            _blocks[(pc, mode)] = block;
            var source = block.Source;
            var last = Math.Max(source.GuestEnd, source.GuestPc + 1) - 1;
            for (var page = source.GuestPc >> PageShift; page <= last >> PageShift; page++)
            {
                if (!_blocksByPage.TryGetValue(page, out var list)) _blocksByPage[page] = list = new();
                list.Add((pc, mode));
            }
        }
    }

    /// <summary>Drops every block whose guest bytes overlap [start, end).</summary>
    public void Invalidate(ulong start, ulong end)
    {
        if (end <= start) return;
        lock (_lock)
        {
            for (var page = start >> PageShift; page <= (end - 1) >> PageShift; page++)
            {
                if (!_blocksByPage.TryGetValue(page, out var keys)) continue;
                keys.RemoveAll(key =>
                {
                    if (!_blocks.TryGetValue(key, out var block)) return true;
                    var source = block.Source;
                    if (source.GuestPc >= end || Math.Max(source.GuestEnd, source.GuestPc + 1) <= start) return false;
                    _blocks.TryRemove(key, out _);
                    Invalidations++;
                    _generation++;
                    return true;
                });
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            Invalidations += _blocks.Count;
            _generation++;
            _blocks.Clear();
            _blocksByPage.Clear();
        }
    }
}
