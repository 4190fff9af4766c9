namespace Cross.Frontends.RiscV.Mmu;

/// <summary>Bits of an Sv39/Sv48 page-table entry.</summary>
public static class Pte
{
    public const ulong Valid = 1, Read = 2, Write = 4, Execute = 8, User = 16, Global = 32, Accessed = 64, Dirty = 128;

    public const int PpnShift = 10;

    /// <summary>PPN[3:0] together: 44 bits.</summary>
    public const ulong PpnMask = (1UL << 44) - 1;

    /// <summary>
    /// Bits 63:54: N (Svnapot), PBMT (Svpbmt) and reserved bits. None of those extensions is
    /// implemented, so a PTE with any of them set is a page fault.
    /// </summary>
    public const ulong Reserved = 0xFFC0_0000_0000_0000;

    public static ulong Ppn(ulong pte) => (pte >> PpnShift) & PpnMask;
}
