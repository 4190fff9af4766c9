namespace Cross.Core.FloatingPoint;

/// <summary>IEEE 754 binary64 format parameters.</summary>
internal readonly struct Binary64Format : IFloatFormat
{
    public static int FracBits => 52;

    public static int Bias => 1023;

    public static int MaxExp => 0x7FF;

    public static int TotalBits => 64;

    public static ulong SignBit => 0x8000_0000_0000_0000UL;

    public static ulong ExpMask => 0x7FF0_0000_0000_0000UL;

    public static ulong FracMask => 0x000F_FFFF_FFFF_FFFFUL;

    public static ulong QuietBit => 0x0008_0000_0000_0000UL;

    public static ulong Infinity => 0x7FF0_0000_0000_0000UL;

    public static ulong MaxFinite => 0x7FEF_FFFF_FFFF_FFFFUL;

    public static ulong DefaultNaN => SoftFloat.CanonicalNaN64;

    public static ulong X86DefaultNaN => 0xFFF8_0000_0000_0000UL;
}
