namespace Cross.Frontends.Arm64;

/// <summary>
/// Byte layout of an AArch64 CPU's user-visible state in <see cref="Cross.Core.Engine.GuestState"/>.
/// Generated code, user mode (signal frames, syscalls) and the debugger all use these offsets.
/// <para>
/// Each NZCV flag has an 8-byte slot of its own holding 0 or 1: an instruction that sets flags
/// writes four independent values, so a later writer makes the earlier stores dead and the
/// backends drop flags nobody reads (the LLVM backend keeps whole 8-byte slots in registers).
/// </para>
/// </summary>
public static class Arm64State
{
    /// <summary>x0..x30, 8 bytes each (register 31 is SP or XZR depending on the instruction).</summary>
    public static int X(int index) => index * 8;

    public const int Sp = 248;

    public const int Pc = 256;

    public const int N = 264;
    public const int Z = 272;
    public const int C = 280;
    public const int V = 288;

    /// <summary>v0..v31, 16 bytes each (16-byte aligned).</summary>
    public static int Vector(int index) => 304 + index * 16;

    /// <summary>FPCR as a u32 (AHP, DN, FZ, RMode, FZ16; the trap enables read as zero).</summary>
    public const int Fpcr = 816;

    /// <summary>FPSR's cumulative exception flags as one byte in <see cref="Cross.Core.FloatingPoint.FpExceptions"/> layout (FP operations accrue here).</summary>
    public const int FpsrFlags = 820;

    /// <summary>FPSR.QC (cumulative saturation) as one byte, 0 or 1.</summary>
    public const int FpsrSaturation = 821;

    /// <summary>TPIDR_EL0, the user thread pointer.</summary>
    public const int Tpidr = 824;

    /// <summary>TPIDRRO_EL0 (read-only to user code; Linux keeps it zero).</summary>
    public const int TpidrReadOnly = 832;

    /// <summary>The exclusive monitor: the address LDXR/LDAXR marked, and the value(s) it loaded.</summary>
    public const int ExclusiveAddress = 840;
    public const int ExclusiveValue = 848;
    public const int ExclusiveValueHigh = 856;

    /// <summary>One byte: non-zero while the monitor is armed (zero-initialised state holds none).</summary>
    public const int ExclusiveValid = 864;

    public const int Size = 1024;

    /// <summary>Register numbers the Linux ABI uses.</summary>
    public const int Lr = 30, Fp = 29, SyscallNumber = 8;
}
