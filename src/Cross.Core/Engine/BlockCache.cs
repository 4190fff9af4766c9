using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Cross.Core.Ir;

namespace Cross.Core.Engine;

/// <summary>
/// Translated blocks keyed by (guest PC, mode). Also indexes them by guest page, both for their
/// own code and for the members of the optimised region they run, so that a write to translated
/// code drops every block that covers it and sends every block whose region covers it back to its
/// baseline code. Lookups are lock-free because they run once per executed block; adding,
/// promoting and invalidating take a lock.
/// </summary>
public sealed class BlockCache
{
    private const int PageShift = 12;

    private readonly ConcurrentDictionary<(ulong Pc, ulong Mode), CachedBlock> _blocks = new();
    private readonly Dictionary<ulong, HashSet<CachedBlock>> _byPage = new();
    private readonly object _lock = new();
    private long _invalidations;
    private long _demotions;
    private volatile int _generation;
    private long _invalidationRequests;

    public int Count => _blocks.Count;

    /// <summary>Blocks dropped because their guest code was written, so tests and --jit-stats can see invalidation happen.</summary>
    public long Invalidations => Interlocked.Read(ref _invalidations);

    /// <summary>Optimised regions thrown away because one of their members' guest code was written.</summary>
    public long Demotions => Interlocked.Read(ref _demotions);

    /// <summary>Bumped by every invalidation that dropped or demoted something.</summary>
    public int Generation => _generation;

    /// <summary>
    /// Counts every <see cref="Invalidate"/> call, whether or not it dropped anything: a
    /// translation made on one thread while another wrote code compares it before and after (see
    /// <see cref="Add(ulong, ulong, ICompiledBlock, long)"/>).
    /// </summary>
    public long InvalidationRequests => Interlocked.Read(ref _invalidationRequests);

    /// <summary>The code that runs the block at (pc, mode) now.</summary>
    public bool TryGet(ulong pc, ulong mode, [MaybeNullWhen(false)] out ICompiledBlock block)
    {
        block = _blocks.TryGetValue((pc, mode), out var entry) ? entry.Code : null;
        return block is not null;
    }

    public bool TryGetEntry(ulong pc, ulong mode, [NotNullWhen(true)] out CachedBlock? entry) => _blocks.TryGetValue((pc, mode), out entry);

    /// <summary>Caches a freshly translated block (replacing any older translation at that key).</summary>
    public CachedBlock Add(ulong pc, ulong mode, ICompiledBlock block) => Add(pc, mode, block, InvalidationRequests);

    /// <summary>
    /// Caches a block translated after <see cref="InvalidationRequests"/> read
    /// <paramref name="requestsBefore"/>. If guest code was written since (on another thread, while
    /// this one read the guest bytes), the translation may be stale: it is returned for one run,
    /// already marked removed, and not cached.
    /// </summary>
    public CachedBlock Add(ulong pc, ulong mode, ICompiledBlock block, long requestsBefore)
    {
        var entry = new CachedBlock(pc, mode, block);
        lock (_lock)
        {
            if (_invalidationRequests != requestsBefore)
            {
                entry.MarkRemoved();
                return entry;
            }
            if (_blocks.TryGetValue((pc, mode), out var old)) old.MarkRemoved();
            _blocks[(pc, mode)] = entry;
            Index(block.Source, entry);
        }
        return entry;
    }

    /// <summary>
    /// Makes <paramref name="entry"/> run <paramref name="code"/>, compiled from
    /// <paramref name="region"/> with <paramref name="effort"/>, unless the entry or a member was
    /// invalidated or retranslated since the region was formed (then the code is stale and nothing
    /// changes). A full-effort recompile also needs the entry still on its quick code (not demoted).
    /// </summary>
    public bool Promote(CachedBlock entry, CodeRegion region, ICompiledBlock code, CompileEffort effort)
    {
        lock (_lock)
        {
            if (entry.Removed || !ReferenceEquals(region.Entry, entry.Source)) return false;
            if (effort == CompileEffort.Full && entry.Tier != BlockTier.Quick) return false;
            foreach (var member in region.Blocks)
            {
                if (!_blocks.TryGetValue((member.GuestPc, entry.Mode), out var cached) || cached.Removed || !ReferenceEquals(cached.Source, member))
                    return false;
            }
            foreach (var member in region.Blocks) Index(member, entry);
            entry.Promote(code, region, effort);
            return true;
        }
    }

    /// <summary>Drops every block whose guest bytes overlap [start, end), and demotes every region that does.</summary>
    public void Invalidate(ulong start, ulong end)
    {
        if (end <= start) return;
        lock (_lock)
        {
            _invalidationRequests++;
            var changed = false;
            for (var page = start >> PageShift; page <= (end - 1) >> PageShift; page++)
            {
                if (!_byPage.TryGetValue(page, out var entries)) continue;
                entries.RemoveWhere(entry =>
                {
                    if (entry.Removed) return true;
                    if (CodeRegion.Covers(entry.Source, start, end))
                    {
                        if (_blocks.TryGetValue((entry.Pc, entry.Mode), out var cached) && ReferenceEquals(cached, entry))
                            _blocks.TryRemove((entry.Pc, entry.Mode), out _);
                        entry.MarkRemoved();
                        _invalidations++;
                        changed = true;
                        return true;
                    }
                    if (entry.Region is { } region && region.Overlaps(start, end))
                    {
                        entry.Demote();
                        _demotions++;
                        changed = true;
                    }
                    return false;
                });
                if (entries.Count == 0) _byPage.Remove(page);
            }
            if (changed) _generation++;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            foreach (var entry in _blocks.Values) entry.MarkRemoved();
            _invalidations += _blocks.Count;
            _generation++;
            _blocks.Clear();
            _byPage.Clear();
        }
    }

    private void Index(IrBlock block, CachedBlock entry)
    {
        var last = Math.Max(block.GuestEnd, block.GuestPc + 1) - 1;
        for (var page = block.GuestPc >> PageShift; page <= last >> PageShift; page++)
        {
            if (!_byPage.TryGetValue(page, out var entries)) _byPage[page] = entries = new();
            entries.Add(entry);
        }
    }
}
