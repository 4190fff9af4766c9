using Cross.Frontends.Arm64.Tests.TestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

/// <summary>Shorthands the Advanced SIMD tests share.</summary>
internal static class AdvancedSimdTestSupport
{
    /// <summary>A 128-bit value from its high and low 64-bit halves.</summary>
    public static UInt128 Q(ulong high, ulong low) => (UInt128)high << 64 | low;

    /// <summary>FPSR.QC.</summary>
    public static bool Saturated(A64Machine m) => m.Context.State.Read(Arm64State.FpsrSaturation, 1) != 0;

    /// <summary>FPSR's cumulative exception bits (IDC [7], IXC [4], UFC [3], OFC [2], DZC [1], IOC [0]) from the machine's flags.</summary>
    public static uint FpsrCumulativeFlags(A64Machine m)
    {
        // FpExceptions: inexact 1, underflow 2, overflow 4, divide by zero 8, invalid 16, input denormal 32.
        uint flags = m.FpFlags;
        return ((flags >> 0) & 1) << 4 | ((flags >> 1) & 1) << 3 | ((flags >> 2) & 1) << 2
             | ((flags >> 3) & 1) << 1 | ((flags >> 4) & 1) | ((flags >> 5) & 1) << 7;
    }
}
