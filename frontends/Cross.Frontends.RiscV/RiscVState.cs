namespace Cross.Frontends.RiscV;

/// <summary>
/// Byte layout of a RISC-V hart's user-visible state in <see cref="Cross.Core.Engine.GuestState"/>.
/// Generated code, user mode (signal frames, syscalls) and the debugger all use these offsets.
/// </summary>
public static class RiscVState
{
    /// <summary>x0..x31, 8 bytes each; x0 is never written and reads as zero.</summary>
    public static int X(int index) => index * 8;

    public const int Pc = 256;

    /// <summary>f0..f31, 8 bytes each; single-precision values are NaN-boxed.</summary>
    public static int F(int index) => 264 + index * 8;

    /// <summary>fcsr as a u32: fflags in bits 0-4 (FP operations accrue into this byte), frm in bits 5-7.</summary>
    public const int Fcsr = 520;

    /// <summary>LR/SC reservation: address (all ones when none) and the value loaded.</summary>
    public const int ReservationAddress = 528;
    public const int ReservationValue = 536;

    /// <summary>One byte: non-zero while a reservation is held (zero-initialised state holds none).</summary>
    public const int ReservationValid = 544;

    public const int Size = 1024;

    // ABI register numbers used by user mode.
    public const int Ra = 1, Sp = 2, Gp = 3, Tp = 4, A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15, A7 = 17;
}
