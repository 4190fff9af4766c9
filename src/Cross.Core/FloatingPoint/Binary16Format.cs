namespace Cross.Core.FloatingPoint;

/// <summary>IEEE 754 binary16 (half precision) format parameters; only conversions use it.</summary>
internal readonly struct Binary16Format : IFloatFormat
{
    public static int FracBits => 10;

    public static int Bias => 15;

    public static int MaxExp => 0x1F;

    public static int TotalBits => 16;

    public static ulong SignBit => 0x8000UL;

    public static ulong ExpMask => 0x7C00UL;

    public static ulong FracMask => 0x03FFUL;

    public static ulong QuietBit => 0x0200UL;

    public static ulong Infinity => 0x7C00UL;

    public static ulong MaxFinite => 0x7BFFUL;

    public static ulong DefaultNaN => 0x7E00UL;

    public static ulong X86DefaultNaN => 0xFE00UL;
}
