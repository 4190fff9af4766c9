namespace Cross.Frontends.RiscV.Mmu;

/// <summary>
/// A direct-mapped soft TLB of 4 KiB translations, indexed by the low bits of the virtual page
/// number. Each entry keeps the leaf PTE's permission bits, so one entry serves every access type
/// and privilege: permissions (with the current SUM/MXR) are checked on each hit. Superpages are
/// cached one 4 KiB piece at a time; each piece remembers the size of its leaf so that a
/// single-page flush inside a superpage drops all its pieces.
/// </summary>
public sealed class Tlb
{
    public const int Size = 256;

    public struct Entry
    {
        /// <summary>Virtual page number (address >> 12).</summary>
        public ulong Page;

        /// <summary>Physical address of the 4 KiB frame.</summary>
        public ulong Frame;

        /// <summary>Virtual page-number bits the leaf PTE covers below its own (0 for 4 KiB pages, 0x1FF for 2 MiB…).</summary>
        public ulong LeafPageMask;

        /// <summary>The leaf PTE's low byte (V R W X U G A D).</summary>
        public byte Flags;

        public bool Valid;
    }

    private readonly Entry[] _entries = new Entry[Size];

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    /// <summary>The entry caching <paramref name="page"/>, if there is one.</summary>
    public bool TryGet(ulong page, out Entry entry)
    {
        entry = _entries[page & (Size - 1)];
        if (entry.Valid && entry.Page == page)
        {
            Hits++;
            return true;
        }
        Misses++;
        return false;
    }

    public void Fill(ulong page, ulong frame, ulong leafPageMask, byte flags)
    {
        ref var entry = ref _entries[page & (Size - 1)];
        entry.Page = page;
        entry.Frame = frame;
        entry.LeafPageMask = leafPageMask;
        entry.Flags = flags;
        entry.Valid = true;
    }

    public void FlushAll() => Array.Clear(_entries);

    /// <summary>Drops every entry whose leaf maps the page of <paramref name="address"/>.</summary>
    public void Flush(ulong address)
    {
        var page = address >> 12;
        for (var i = 0; i < _entries.Length; i++)
        {
            ref var entry = ref _entries[i];
            if (entry.Valid && ((entry.Page ^ page) & ~entry.LeafPageMask) == 0) entry.Valid = false;
        }
    }
}
