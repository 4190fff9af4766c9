namespace Cross.Core.FloatingPoint;

/// <summary>
/// Compile-time description of an IEEE 754 binary interchange format. Implemented by empty structs so that the
/// generic soft-float core is specialised (and its constants folded) by the JIT for each format.
/// Bit patterns of every format are carried in the low bits of a <see cref="ulong"/>.
/// </summary>
internal interface IFloatFormat
{
    /// <summary>Number of explicitly stored fraction bits (precision minus one).</summary>
    static abstract int FracBits { get; }

    /// <summary>Exponent bias.</summary>
    static abstract int Bias { get; }

    /// <summary>The all-ones biased exponent field value (infinity / NaN).</summary>
    static abstract int MaxExp { get; }

    /// <summary>Number of bits of the whole encoding.</summary>
    static abstract int TotalBits { get; }

    static abstract ulong SignBit { get; }

    static abstract ulong ExpMask { get; }

    static abstract ulong FracMask { get; }

    static abstract ulong QuietBit { get; }

    /// <summary>Positive infinity.</summary>
    static abstract ulong Infinity { get; }

    /// <summary>Largest positive finite value.</summary>
    static abstract ulong MaxFinite { get; }

    /// <summary>Canonical / default positive quiet NaN.</summary>
    static abstract ulong DefaultNaN { get; }

    /// <summary>x86 "QNaN floating-point indefinite" (negative quiet NaN).</summary>
    static abstract ulong X86DefaultNaN { get; }
}
