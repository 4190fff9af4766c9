using Cross.Core.Memory;
using Cross.Frontends.RiscV.Decoding;
using Cross.Frontends.RiscV.Lowering;

namespace Cross.Frontends.RiscV.Privileged;

// What the system-mode frontend asks the hart: how to translate, and the block-cache key.
public sealed partial class RiscVHart
{
    private const int PageShift = 12;

    /// <summary>Raw mstatus bits (no UXL/SXL/SD), for the MMU's permission checks.</summary>
    internal ulong StatusBits => _mstatus;

    /// <summary>The translation-time state code depends on: privilege level and mstatus.FS.</summary>
    public TranslationMode TranslationMode => TranslationMode.System(Privilege, FloatingPoint);

    /// <summary>
    /// The block-cache key of the block at the PC. System-mode blocks stay within one page, so
    /// the key names the physical frame that page maps to (bits 0-43): the cache is keyed by
    /// virtual PC and physical frame, and a new satp or changed mapping can never run code
    /// translated from another frame. Bits 44-45 hold the privilege level and 46-47 mstatus.FS.
    /// An instruction straddling a page boundary is a block of its own, keyed by its upper
    /// parcel (bits 48-63) as well. Translating the PC for execution here raises fetch faults
    /// before any lookup.
    /// </summary>
    internal ulong CodeKey()
    {
        var pc = Context.Pc;
        var physical = Mmu.Translate(pc, MemoryAccessType.Execute, Privilege);
        if (physical >> 56 != 0) throw new GuestMemoryFaultException(pc, MemoryAccessType.Execute, MemoryFaultReason.Unmapped);
        var key = physical >> PageShift | (ulong)Privilege << 44 | (ulong)FloatingPoint << 46;
        if ((pc & 0xFFF) == 0xFFE && RiscVDecoder.InstructionLength((uint)Mmu.Fetch(pc, 2)) == 4)
            key |= Mmu.Fetch(pc + 2, 2) << 48;
        return key;
    }
}
