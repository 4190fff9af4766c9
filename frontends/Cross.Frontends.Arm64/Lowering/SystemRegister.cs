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

    /// <summary>CTR_EL0 as QEMU's "max" CPU reports it: 64-byte I and D cache lines, PIPT I-cache, IDC/DIC clear.</summary>
    public const ulong CacheTypeValue = 0x8444_C004;

    /// <summary>DCZID_EL0: DC ZVA allowed, 64-byte blocks (log2 of 16 words).</summary>
    public const ulong ZeroBlockIdValue = 4;

    /// <summary>Bytes DC ZVA zeroes.</summary>
    public const int ZeroBlockSize = 64;

    /// <summary>MIDR_EL1 as the kernel's emulation reports it for QEMU's "max" CPU (implementer 0, architecture 0xf).</summary>
    public const ulong MainIdValue = 0x000F_0510;
}
