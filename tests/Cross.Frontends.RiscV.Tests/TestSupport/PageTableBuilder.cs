using Cross.Core.Memory;
using Cross.Frontends.RiscV.Mmu;

namespace Cross.Frontends.RiscV.Tests.TestSupport;

/// <summary>
/// Builds Sv39/Sv48 page tables in guest physical memory from C#: a root table and intermediate
/// tables taken from a pool of zeroed pages. <see cref="Satp"/> is the value that turns them on.
/// </summary>
public sealed class PageTableBuilder
{
    public const ulong V = Pte.Valid, R = Pte.Read, W = Pte.Write, X = Pte.Execute, U = Pte.User, G = Pte.Global,
        A = Pte.Accessed, D = Pte.Dirty;

    /// <summary>Leaf flags for ordinary kernel pages and user pages, with A and D preset.</summary>
    public const ulong Rwx = V | R | W | X | A | D, UserRwx = Rwx | U;

    private readonly IGuestMemory _memory;
    private ulong _next;

    public PageTableBuilder(IGuestMemory memory, int levels, ulong poolStart)
    {
        if (levels is not (3 or 4)) throw new ArgumentOutOfRangeException(nameof(levels));
        _memory = memory;
        Levels = levels;
        _next = poolStart;
        Root = Allocate();
    }

    public int Levels { get; }

    public ulong Root { get; }

    /// <summary>satp for these tables: Sv39 (mode 8) or Sv48 (mode 9), with <paramref name="asid"/>.</summary>
    public ulong Satp(ulong asid = 0) => (Levels == 3 ? 8UL : 9UL) << 60 | asid << 44 | Root >> 12;

    private ulong Allocate()
    {
        var page = _next;
        _next += 0x1000;
        for (ulong i = 0; i < 0x1000; i += 8) _memory.Write(page + i, 8, 0);
        return page;
    }

    /// <summary>
    /// Maps <paramref name="va"/> to <paramref name="pa"/> with a leaf at <paramref name="level"/>
    /// (0: 4 KiB, 1: 2 MiB, 2: 1 GiB, 3: 512 GiB); returns the leaf PTE's physical address.
    /// </summary>
    public ulong Map(ulong va, ulong pa, ulong flags, int level = 0)
    {
        var address = EntryAddress(va, level);
        _memory.Write(address, 8, (pa >> 12) << 10 | flags);
        return address;
    }

    /// <summary>Writes a raw PTE at <paramref name="level"/> for <paramref name="va"/> (making the tables above it).</summary>
    public ulong SetEntry(ulong va, int level, ulong pte)
    {
        var address = EntryAddress(va, level);
        _memory.Write(address, 8, pte);
        return address;
    }

    /// <summary>The PTE at <paramref name="level"/> for <paramref name="va"/>, creating pointer tables above it.</summary>
    public ulong EntryAddress(ulong va, int level)
    {
        var table = Root;
        for (var l = Levels - 1; ; l--)
        {
            var address = table + ((va >> (12 + 9 * l)) & 0x1FF) * 8;
            if (l == level) return address;
            var pte = _memory.Read(address, 8);
            if ((pte & V) == 0)
            {
                var next = Allocate();
                pte = (next >> 12) << 10 | V;
                _memory.Write(address, 8, pte);
            }
            table = (pte >> 10 & Pte.PpnMask) << 12;
        }
    }

    public ulong Read(ulong va, int level) => _memory.Read(EntryAddress(va, level), 8);
}
