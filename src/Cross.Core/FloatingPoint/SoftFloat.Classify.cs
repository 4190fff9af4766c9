namespace Cross.Core.FloatingPoint;

/// <summary>
/// Exact IEEE 754 binary32/binary64 arithmetic in software with selectable rounding direction, NaN policy,
/// flush-to-zero behaviour and tininess detection. binary32 values are passed as <see cref="uint"/> bit patterns,
/// binary64 values as <see cref="ulong"/> bit patterns. Exception flags are OR-ed (accrued) into <c>flags</c>.
/// </summary>
public static partial class SoftFloat
{
    /// <summary>RISC-V canonical NaN / ARM default NaN for binary32.</summary>
    public const uint CanonicalNaN32 = 0x7FC0_0000;

    /// <summary>RISC-V canonical NaN / ARM default NaN for binary64.</summary>
    public const ulong CanonicalNaN64 = 0x7FF8_0000_0000_0000;

    /// <summary>x86 "QNaN floating-point indefinite" for binary32.</summary>
    public const uint X86DefaultNaN32 = 0xFFC0_0000;

    /// <summary>x86 "QNaN floating-point indefinite" for binary64.</summary>
    public const ulong X86DefaultNaN64 = 0xFFF8_0000_0000_0000;

    /// <summary>True if <paramref name="a"/> is a (quiet or signalling) binary32 NaN.</summary>
    public static bool IsNaN32(uint a) => IsNaN<Binary32Format>(a);

    /// <summary>True if <paramref name="a"/> is a signalling binary32 NaN.</summary>
    public static bool IsSignalingNaN32(uint a) => IsSignalingNaN<Binary32Format>(a);

    /// <summary>True if <paramref name="a"/> is a (quiet or signalling) binary64 NaN.</summary>
    public static bool IsNaN64(ulong a) => IsNaN<Binary64Format>(a);

    /// <summary>True if <paramref name="a"/> is a signalling binary64 NaN.</summary>
    public static bool IsSignalingNaN64(ulong a) => IsSignalingNaN<Binary64Format>(a);

    private static bool IsNaN<F>(ulong x)
        where F : struct, IFloatFormat
        => (x & ~F.SignBit) > F.Infinity;

    private static bool IsSignalingNaN<F>(ulong x)
        where F : struct, IFloatFormat
        => IsNaN<F>(x) && (x & F.QuietBit) == 0;

    private static bool IsQuietNaN<F>(ulong x)
        where F : struct, IFloatFormat
        => (x & ~F.SignBit) >= (F.Infinity | F.QuietBit);

    private static bool IsInf<F>(ulong x)
        where F : struct, IFloatFormat
        => (x & ~F.SignBit) == F.Infinity;

    private static bool IsZero<F>(ulong x)
        where F : struct, IFloatFormat
        => (x & ~F.SignBit) == 0;

    private static bool IsSubnormal<F>(ulong x)
        where F : struct, IFloatFormat
        => (x & F.ExpMask) == 0 && (x & F.FracMask) != 0;

    private static bool SignOf<F>(ulong x)
        where F : struct, IFloatFormat
        => (x & F.SignBit) != 0;
}
