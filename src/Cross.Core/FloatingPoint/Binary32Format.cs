namespace Cross.Core.FloatingPoint;

/// <summary>IEEE 754 binary32 format parameters.</summary>
internal readonly struct Binary32Format : IFloatFormat
{
    public static int FracBits => 23;

    public static int Bias => 127;

    public static int MaxExp => 0xFF;

    public static int TotalBits => 32;

    public static ulong SignBit => 0x8000_0000UL;

    public static ulong ExpMask => 0x7F80_0000UL;

    public static ulong FracMask => 0x007F_FFFFUL;

    public static ulong QuietBit => 0x0040_0000UL;

    public static ulong Infinity => 0x7F80_0000UL;

    public static ulong MaxFinite => 0x7F7F_FFFFUL;

    public static ulong DefaultNaN => SoftFloat.CanonicalNaN32;

    public static ulong X86DefaultNaN => 0xFFC0_0000UL;
}
