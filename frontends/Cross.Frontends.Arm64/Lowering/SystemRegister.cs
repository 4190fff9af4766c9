namespace Cross.Frontends.Arm64.Lowering;

/// <summary>
/// System registers by their MRS/MSR encoding: bits [19:5] of the instruction, that is
/// o0:op1:CRn:CRm:op2 with op0 = 2 + o0.
/// </summary>
public static class SystemRegister
{
    public static uint Key(uint op0, uint op1, uint crn, uint crm, uint op2) =>
        (op0 - 2) << 14 | op1 << 11 | crn << 7 | crm << 3 | op2;

    public static readonly uint Nzcv = Key(3, 3, 4, 2, 0);
    public static readonly uint Fpcr = Key(3, 3, 4, 4, 0);
    public static readonly uint Fpsr = Key(3, 3, 4, 4, 1);
    public static readonly uint TpidrEl0 = Key(3, 3, 13, 0, 2);
    public static readonly uint TpidrroEl0 = Key(3, 3, 13, 0, 3);
    public static readonly uint CtrEl0 = Key(3, 3, 0, 0, 1);
    public static readonly uint DczidEl0 = Key(3, 3, 0, 0, 7);
    public static readonly uint CntfrqEl0 = Key(3, 3, 14, 0, 0);
    public static readonly uint CntpctEl0 = Key(3, 3, 14, 0, 1);
    public static readonly uint CntvctEl0 = Key(3, 3, 14, 0, 2);
    public static readonly uint MidrEl1 = Key(3, 0, 0, 0, 0);
    public static readonly uint MpidrEl1 = Key(3, 0, 0, 0, 5);
    public static readonly uint RevidrEl1 = Key(3, 0, 0, 0, 6);

    /// <summary>
    /// True for the SYS operations EL0 may use: DC ZVA (which zeroes a block) and the cache
    /// maintenance by address (DC CVAU/CVAC/CVAP/CIVAC, IC IVAU), which are no-ops here.
    /// </summary>
    public static bool IsUserSystemInstruction(uint bits)
    {
        var op1 = (bits >> 16) & 7;
        var crn = (bits >> 12) & 15;
        var crm = (bits >> 8) & 15;
        var op2 = (bits >> 5) & 7;
        return op1 == 3 && crn == 7 && op2 == 1 && crm is 4 or 5 or 10 or 11 or 12 or 13 or 14;
    }

    /// <summary>DC ZVA among the <see cref="IsUserSystemInstruction"/> operations.</summary>
    public static bool IsZeroBlock(uint bits) => ((bits >> 8) & 15) == 4;

    // The ID values are those qemu-aarch64 (Debian 12, CPU "max") reports to user code, so
    // programs that read them behave the same under both.

    /// <summary>Registers MRS may read at EL0 (the ID registers through the kernel's emulation).</summary>
    public static IReadOnlySet<uint> Readable { get; } = new HashSet<uint>
    {
        Nzcv, Fpcr, Fpsr, TpidrEl0, TpidrroEl0, CtrEl0, DczidEl0, CntfrqEl0, CntpctEl0, CntvctEl0, MidrEl1, MpidrEl1, RevidrEl1,
    };

    /// <summary>Registers MSR may write at EL0.</summary>
    public static IReadOnlySet<uint> Writable { get; } = new HashSet<uint> { Nzcv, Fpcr, Fpsr, TpidrEl0 };

    /// <summary>The system-register key of an MRS/MSR word.</summary>
    public static uint KeyOf(uint bits) => (bits >> 5) & 0x7FFF;

    /// <summary>CTR_EL0: 32-byte minimum I and D cache lines (log2 words = 3), IDC/DIC clear.</summary>
    public const ulong CacheTypeValue = 0x8003_8003;

    /// <summary>DCZID_EL0: DC ZVA allowed, 512-byte blocks (log2 of 128 words).</summary>
    public const ulong ZeroBlockIdValue = 7;

    /// <summary>Bytes DC ZVA zeroes.</summary>
    public const int ZeroBlockSize = 512;

    /// <summary>MIDR_EL1 as the kernel's ID-register emulation reports it (implementer 0, architecture 0xf).</summary>
    public const ulong MainIdValue = 0x000F_0510;

    /// <summary>MPIDR_EL1 as the kernel's emulation reports it: bit 31 (RES1), affinity 0.</summary>
    public const ulong MultiprocessorIdValue = 0x8000_0000;
}
