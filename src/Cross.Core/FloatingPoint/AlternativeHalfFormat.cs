namespace Cross.Core.FloatingPoint;

/// <summary>
/// ARM's alternative half-precision format (FPCR.AHP): binary16's layout, but the all-ones
/// exponent encodes normal numbers (up to 131008), so there is no infinity or NaN. An
/// "infinity" just above the 15-bit magnitude range keeps every encoding finite for the core.
/// </summary>
internal readonly struct AlternativeHalfFormat : IFloatFormat
{
    public static int FracBits => 10;

    public static int Bias => 15;

    public static int MaxExp => 0x20;

    public static int TotalBits => 16;

    public static ulong SignBit => 0x8000UL;

    public static ulong ExpMask => 0x7C00UL;

    public static ulong FracMask => 0x03FFUL;

    public static ulong QuietBit => 0x0200UL;

    public static ulong Infinity => 0x8000UL;

    public static ulong MaxFinite => 0x7FFFUL;

    public static ulong DefaultNaN => 0;

    public static ulong X86DefaultNaN => 0;
}
