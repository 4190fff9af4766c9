namespace Cross.Core.FloatingPoint;

// Comparisons. -0 and +0 compare equal. Quiet comparisons raise Invalid only for signalling NaN operands,
// signalling comparisons for any NaN operand. Denormal inputs are never flushed.
public static partial class SoftFloat
{
    /// <summary>binary32 quiet equality (RISC-V FEQ, x86 CMPEQ_OQ).</summary>
    public static bool F32Equal(uint a, uint b, ref FpExceptions flags)
        => Equal<Binary32Format>(a, b, ref flags);

    /// <summary>binary32 signalling a &lt; b (RISC-V FLT, x86 CMPLT_OS).</summary>
    public static bool F32LessThan(uint a, uint b, ref FpExceptions flags)
        => LessThan<Binary32Format>(a, b, true, ref flags);

    /// <summary>binary32 signalling a &lt;= b (RISC-V FLE, x86 CMPLE_OS).</summary>
    public static bool F32LessOrEqual(uint a, uint b, ref FpExceptions flags)
        => LessOrEqual<Binary32Format>(a, b, true, ref flags);

    /// <summary>binary32 quiet a &lt; b (RISC-V Zfa FLTQ).</summary>
    public static bool F32LessThanQuiet(uint a, uint b, ref FpExceptions flags)
        => LessThan<Binary32Format>(a, b, false, ref flags);

    /// <summary>binary32 quiet a &lt;= b (RISC-V Zfa FLEQ).</summary>
    public static bool F32LessOrEqualQuiet(uint a, uint b, ref FpExceptions flags)
        => LessOrEqual<Binary32Format>(a, b, false, ref flags);

    /// <summary>binary32 "unordered" (either operand NaN); signalling raises Invalid for any NaN.</summary>
    public static bool F32Unordered(uint a, uint b, bool signalling, ref FpExceptions flags)
        => Unordered<Binary32Format>(a, b, signalling, ref flags);

    /// <summary>binary64 quiet equality.</summary>
    public static bool F64Equal(ulong a, ulong b, ref FpExceptions flags)
        => Equal<Binary64Format>(a, b, ref flags);

    /// <summary>binary64 signalling a &lt; b.</summary>
    public static bool F64LessThan(ulong a, ulong b, ref FpExceptions flags)
        => LessThan<Binary64Format>(a, b, true, ref flags);

    /// <summary>binary64 signalling a &lt;= b.</summary>
    public static bool F64LessOrEqual(ulong a, ulong b, ref FpExceptions flags)
        => LessOrEqual<Binary64Format>(a, b, true, ref flags);

    /// <summary>binary64 quiet a &lt; b.</summary>
    public static bool F64LessThanQuiet(ulong a, ulong b, ref FpExceptions flags)
        => LessThan<Binary64Format>(a, b, false, ref flags);

    /// <summary>binary64 quiet a &lt;= b.</summary>
    public static bool F64LessOrEqualQuiet(ulong a, ulong b, ref FpExceptions flags)
        => LessOrEqual<Binary64Format>(a, b, false, ref flags);

    /// <summary>binary64 "unordered" (either operand NaN); signalling raises Invalid for any NaN.</summary>
    public static bool F64Unordered(ulong a, ulong b, bool signalling, ref FpExceptions flags)
        => Unordered<Binary64Format>(a, b, signalling, ref flags);

    /// <summary>Raises Invalid as needed and returns true if either operand is a NaN.</summary>
    private static bool CheckUnordered<F>(ulong a, ulong b, bool signalling, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        if (!IsNaN<F>(a) && !IsNaN<F>(b))
        {
            return false;
        }

        if (signalling || IsSignalingNaN<F>(a) || IsSignalingNaN<F>(b))
        {
            flags |= FpExceptions.Invalid;
        }

        return true;
    }

    private static bool Equal<F>(ulong a, ulong b, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        if (CheckUnordered<F>(a, b, false, ref flags))
        {
            return false;
        }

        return a == b || ((a | b) & ~F.SignBit) == 0;
    }

    private static bool LessThan<F>(ulong a, ulong b, bool signalling, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        if (CheckUnordered<F>(a, b, signalling, ref flags))
        {
            return false;
        }

        return OrderedLess<F>(a, b);
    }

    private static bool LessOrEqual<F>(ulong a, ulong b, bool signalling, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        if (CheckUnordered<F>(a, b, signalling, ref flags))
        {
            return false;
        }

        bool signA = SignOf<F>(a);
        if (signA != SignOf<F>(b))
        {
            return signA || ((a | b) & ~F.SignBit) == 0;
        }

        return a == b || (signA ^ (a < b));
    }

    private static bool Unordered<F>(ulong a, ulong b, bool signalling, ref FpExceptions flags)
        where F : struct, IFloatFormat
        => CheckUnordered<F>(a, b, signalling, ref flags);

    /// <summary>Numeric a &lt; b for non-NaN operands (-0 == +0).</summary>
    private static bool OrderedLess<F>(ulong a, ulong b)
        where F : struct, IFloatFormat
    {
        bool signA = SignOf<F>(a);
        if (signA != SignOf<F>(b))
        {
            return signA && ((a | b) & ~F.SignBit) != 0;
        }

        return a != b && (signA ^ (a < b));
    }

    /// <summary>Total-order key of a non-NaN value: unsigned comparison of keys orders values with -0 &lt; +0.</summary>
    private static ulong OrderKey<F>(ulong x)
        where F : struct, IFloatFormat
        => (x & F.SignBit) != 0 ? ~x & (F.SignBit | (F.SignBit - 1)) : x | F.SignBit;
}
