using System.Text;
using Cross.UserMode.Native;

namespace Cross.UserMode.Memory;

/// <summary>
/// The guest's memory map on top of a <see cref="GuestAddressSpace"/>: the list of mappings, a
/// top-down allocator for mmap below the stack, and the brk heap above the program image.
/// </summary>
/// <remarks>
/// File-backed MAP_PRIVATE mappings are made by copying the file's bytes into fresh anonymous
/// pages (nothing else can observe the difference, since private mappings are never written
/// back). MAP_SHARED file mappings are copied in the same way and their bytes are written back
/// to the file on msync, munmap and process exit; another process writing the file meanwhile is
/// not seen by the guest. Copying keeps host SIGBUS (a file truncated under a real mapping) away
/// from the emulator.
/// </remarks>
public sealed class GuestMemoryManager : IDisposable
{
    public const ulong PageSize = GuestAddressSpace.PageSize;

    /// <summary>Linux's default mmap_min_addr: nothing is ever mapped below 64 KiB.</summary>
    public const ulong MinimumAddress = 0x10000;

    private readonly List<GuestMapping> _mappings = new();
    private readonly List<SharedFileBacking> _backings = new();
    private readonly object _sync = new();

    /// <summary>
    /// Held by system calls that read the map and then change it (mmap without MAP_FIXED, mremap):
    /// each step takes this manager's own lock, but the pair must not interleave with another
    /// thread's (see MemorySyscalls).
    /// </summary>
    public object MapChangeLock { get; } = new();

    public GuestMemoryManager(GuestAddressSpace space)
    {
        Space = space;
        MmapTop = space.Size;
    }

    public GuestAddressSpace Space { get; }

    /// <summary>The top of the mmap area; allocations grow down from here (set below the stack).</summary>
    public ulong MmapTop { get; set; }

    /// <summary>Where the brk heap starts (page-aligned end of the program image).</summary>
    public ulong BrkStart { get; private set; }

    /// <summary>The current program break.</summary>
    public ulong Brk { get; private set; }

    public IReadOnlyList<GuestMapping> Mappings
    {
        get { lock (_sync) return _mappings.ToArray(); }
    }

    public static ulong PageAlignDown(ulong value) => value & ~(PageSize - 1);

    /// <summary>Rounds up to a page; returns false on overflow.</summary>
    public static bool TryPageAlignUp(ulong value, out ulong aligned)
    {
        aligned = (value + PageSize - 1) & ~(PageSize - 1);
        return aligned >= value;
    }

    public static ulong PageAlignUp(ulong value) =>
        TryPageAlignUp(value, out var aligned) ? aligned : throw new OverflowException("guest address overflow");

    // ---- Mapping ------------------------------------------------------------------------------

    /// <summary>
    /// Maps fresh zero-filled pages at [start, start+length) (page-aligned), replacing any mapping
    /// there (MAP_FIXED semantics), and records them under <paramref name="name"/>.
    /// </summary>
    public GuestMapping Map(ulong start, ulong length, MemoryProtection protection, string name = "", bool shared = false,
        ulong fileOffset = 0, SharedFileBacking? backing = null)
    {
        var mapping = new GuestMapping(start, start + length, protection, shared, name) { FileOffset = fileOffset, Backing = backing };
        lock (_sync)
        {
            RemoveRange(start, start + length);
            Space.Map(start, length, protection);
            Insert(mapping);
        }
        return mapping;
    }

    /// <summary>Unmaps [start, start+length) (page-aligned), writing shared file pages back first.</summary>
    public void Unmap(ulong start, ulong length)
    {
        if (length == 0) return;
        lock (_sync)
        {
            RemoveRange(start, start + length);
            Space.Unmap(start, length);
        }
    }

    /// <summary>Changes protection; false (nothing changed) when part of the range is unmapped.</summary>
    public bool Protect(ulong start, ulong length, MemoryProtection protection)
    {
        lock (_sync)
        {
            if (!Space.Protect(start, length, protection)) return false;
            var end = start + length;
            var pieces = Split(start, end);
            foreach (var piece in pieces) Insert(piece with { Protection = protection });
        }
        return true;
    }

    /// <summary>The mapping that contains <paramref name="address"/>, or null.</summary>
    public GuestMapping? Find(ulong address)
    {
        lock (_sync)
        {
            foreach (var mapping in _mappings)
                if (address >= mapping.Start && address < mapping.End) return mapping;
        }
        return null;
    }

    /// <summary>True when [start, start+length) is inside the space and nothing is mapped there.</summary>
    public bool IsFree(ulong start, ulong length) => start >= MinimumAddress && Space.IsFree(start, length);

    /// <summary>
    /// Finds a free page-aligned range of <paramref name="length"/> bytes: at
    /// <paramref name="hint"/> when that is free, otherwise the highest free range below
    /// <see cref="MmapTop"/>. Null when the space is full.
    /// </summary>
    public ulong? FindFree(ulong length, ulong hint = 0)
    {
        if (length == 0) return null;
        lock (_sync)
        {
            if (hint != 0)
            {
                var aligned = PageAlignDown(hint);
                if (aligned + length >= aligned && IsFree(aligned, length)) return aligned;
            }

            var cursor = MmapTop;
            for (var i = _mappings.Count - 1; i >= 0; i--)
            {
                var mapping = _mappings[i];
                if (mapping.Start >= cursor) continue;
                if (mapping.End <= cursor && cursor - mapping.End >= length) return Place(mapping.End, cursor, length);
                cursor = mapping.Start;
            }
            var floor = Math.Max(MinimumAddress, Brk == 0 ? 0 : PageAlignUp(Brk));
            return cursor > floor && cursor - floor >= length ? Place(floor, cursor, length) : null;
        }
    }

    /// <summary>
    /// Where a mapping of <paramref name="length"/> goes in the free gap [floor, top): at the top,
    /// or for 2 MiB and more a little lower on a 2 MiB boundary when that still fits, as Linux
    /// (6.7 and later) places large anonymous mappings, so the host can back them with huge pages.
    /// </summary>
    private static ulong Place(ulong floor, ulong top, ulong length)
    {
        var start = top - length;
        if (length < HostRegion.HugePageSize) return start;
        var aligned = start & ~(HostRegion.HugePageSize - 1);
        return aligned >= floor ? aligned : start;
    }

    /// <summary>Writes every shared file mapping in [start, end) back to its file (msync).</summary>
    public void Sync(ulong start, ulong end)
    {
        lock (_sync)
        {
            foreach (var mapping in _mappings)
            {
                if (mapping.Backing is null || mapping.End <= start || mapping.Start >= end) continue;
                WriteBack(mapping.Slice(Math.Max(start, mapping.Start), Math.Min(end, mapping.End)));
            }
        }
    }

    // ---- brk ----------------------------------------------------------------------------------

    /// <summary>Sets where the heap starts (the end of the program image); the break starts there.</summary>
    public void InitializeBrk(ulong start)
    {
        BrkStart = PageAlignUp(start);
        Brk = BrkStart;
    }

    /// <summary>Takes over a forked parent's heap bounds (its [heap] mapping is restored with the others).</summary>
    internal void RestoreBrk(ulong start, ulong current)
    {
        BrkStart = start;
        Brk = current;
    }

    /// <summary>
    /// The brk system call: moves the break to <paramref name="requested"/> when it can (mapping or
    /// unmapping whole pages) and returns the break now in force, as Linux does.
    /// </summary>
    public ulong SetBrk(ulong requested)
    {
        lock (_sync)
        {
            if (requested < BrkStart || !TryPageAlignUp(requested, out var newTop)) return Brk;
            var oldTop = PageAlignUp(Brk);
            if (newTop > oldTop)
            {
                if (newTop > MmapTop || !Space.IsFree(oldTop, newTop - oldTop)) return Brk;
                var heap = _mappings.FindIndex(m => m.End == oldTop && m.Name == "[heap]");
                Space.Map(oldTop, newTop - oldTop, MemoryProtection.ReadWrite);
                if (heap >= 0)
                {
                    _mappings[heap] = _mappings[heap] with { End = newTop };
                }
                else
                {
                    Insert(new GuestMapping(oldTop, newTop, MemoryProtection.ReadWrite, false, "[heap]"));
                }
            }
            else if (newTop < oldTop)
            {
                RemoveRange(newTop, oldTop);
                Space.Unmap(newTop, oldTop - newTop);
            }
            Brk = requested;
            return Brk;
        }
    }

    // ---- /proc/self/maps ----------------------------------------------------------------------

    /// <summary>The guest's /proc/self/maps text.</summary>
    public string FormatMaps()
    {
        var text = new StringBuilder();
        foreach (var m in Mappings)
        {
            var perms = $"{(m.Protection.HasFlag(MemoryProtection.Read) ? 'r' : '-')}{(m.Protection.HasFlag(MemoryProtection.Write) ? 'w' : '-')}{(m.Protection.HasFlag(MemoryProtection.Execute) ? 'x' : '-')}{(m.Shared ? 's' : 'p')}";
            var line = $"{m.Start:x8}-{m.End:x8} {perms} {m.FileOffset:x8} 00:00 0";
            text.Append(line);
            if (m.Name.Length > 0) text.Append(' ', Math.Max(1, 73 - line.Length)).Append(m.Name);
            text.Append('\n');
        }
        return text.ToString();
    }

    // ---- Internals ----------------------------------------------------------------------------

    /// <summary>Remembers a host descriptor that shared mappings write back to; closed on dispose.</summary>
    internal SharedFileBacking AddBacking(int hostFd)
    {
        var backing = new SharedFileBacking(hostFd);
        lock (_sync) _backings.Add(backing);
        return backing;
    }

    private void Insert(GuestMapping mapping)
    {
        var index = _mappings.FindIndex(m => m.Start > mapping.Start);
        if (index < 0) _mappings.Add(mapping);
        else _mappings.Insert(index, mapping);
    }

    /// <summary>Cuts [start, end) out of the mapping list (writing shared file pages back) and returns the removed pieces.</summary>
    private List<GuestMapping> Split(ulong start, ulong end)
    {
        var removed = new List<GuestMapping>();
        for (var i = 0; i < _mappings.Count; i++)
        {
            var mapping = _mappings[i];
            if (mapping.End <= start || mapping.Start >= end) continue;
            _mappings.RemoveAt(i);
            var insertAt = i;
            if (mapping.Start < start) _mappings.Insert(insertAt++, mapping.Slice(mapping.Start, start));
            removed.Add(mapping.Slice(Math.Max(start, mapping.Start), Math.Min(end, mapping.End)));
            if (mapping.End > end) _mappings.Insert(insertAt++, mapping.Slice(end, mapping.End));
            i = insertAt - 1;
        }
        return removed;
    }

    private void RemoveRange(ulong start, ulong end)
    {
        foreach (var piece in Split(start, end))
            if (piece.Backing is not null) WriteBack(piece);
    }

    private void WriteBack(GuestMapping mapping)
    {
        if (mapping.Backing is null || !Space.IsMapped(mapping.Start, mapping.Length)) return;
        // Only bytes that exist in the file are written: a real mapping cannot extend its file.
        var fileSize = Libc.Lseek(mapping.Backing.HostFd, 0, 2);
        if (fileSize < 0 || (ulong)fileSize <= mapping.FileOffset) return;
        var length = Math.Min(mapping.Length, (ulong)fileSize - mapping.FileOffset);
        var host = Space.HostAddressOfMapped(mapping.Start, length);
        ulong done = 0;
        while (done < length)
        {
            var written = Libc.Pwrite(mapping.Backing.HostFd, host + (nint)done, (nuint)(length - done), (long)(mapping.FileOffset + done));
            if (written <= 0) break;
            done += (ulong)written;
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            foreach (var mapping in _mappings)
                if (mapping.Backing is not null) WriteBack(mapping);
            foreach (var backing in _backings) Libc.Close(backing.HostFd);
            _backings.Clear();
        }
    }
}
