using System.Runtime.CompilerServices;

namespace Cross.Core.FloatingPoint;

// Fast paths for roundTiesToEven using host IEEE 754 binary64 arithmetic (which always rounds to nearest-even in
// .NET) plus error-free transformations to detect inexactness exactly:
//  * add: 2Sum gives the exact error of s = RN(x + y) (barring overflow), so s is exact iff the error is zero;
//  * mul / div / sqrt: the FMA residual x*y - p, x - q*y, r*r - x is exactly representable (no underflow), so the
//    result is exact iff the residual is zero;
//  * binary32 operations are computed in binary64 and rounded again, which is innocuous for +, -, *, /, sqrt
//    because 53 >= 2*24 + 2; fused multiply-add emulates round-to-odd in binary64 first.
// They only apply when every operand is finite and normal (or zero) and the result is finite and comfortably inside
// the normal range, so overflow, underflow, tininess, flushing and the NaN policy cannot matter; every other case
// falls through to the exact software path. The oracle and reference tests cover both paths.
// They assume the host floating-point environment is the .NET default (round to nearest even, no FTZ/DAZ), i.e. that
// no native code running on the thread has changed MXCSR / FPCR.
public static partial class SoftFloat
{
    private const ulong Sign64 = 0x8000_0000_0000_0000UL;
    private const uint Sign32 = 0x8000_0000U;

    /// <summary>Smallest biased exponent of operands / results that keeps FMA residuals exact.</summary>
    private const uint SafeExp64 = 64;

    /// <summary>Largest biased exponent of 2Sum operands in the fast paths (no intermediate overflow).</summary>
    private const uint HighExp64 = 0x7F0;

    /// <summary>Finite and normal, or zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsFastOperand64(ulong x)
    {
        ulong e = x & 0x7FF0_0000_0000_0000UL;
        return e != 0x7FF0_0000_0000_0000UL && (e != 0 || (x << 1) == 0);
    }

    /// <summary>Finite and normal, or zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsFastOperand32(uint x)
    {
        uint e = x & 0x7F80_0000U;
        return e != 0x7F80_0000U && (e != 0 || (x << 1) == 0);
    }

    /// <summary>Biased exponent in [minExp, 0x7FE] (finite, not tiny).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool InExpRange64(ulong x, uint minExp, uint maxExp = 0x7FE)
        => (uint)((x >> 52) & 0x7FF) - minExp <= maxExp - minExp;

    /// <summary>Biased exponent in [2, 0xFE] (finite, not tiny).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsFastResult32(uint x)
        => ((x >> 23) & 0xFF) - 2U <= 0xFEU - 2U;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double D(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double D(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(double x) => BitConverter.DoubleToUInt64Bits(x);

    /// <summary>Knuth's 2Sum: the exact error (x + y) - s of s = RN(x + y), given that nothing overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TwoSumError(double x, double y, double s)
    {
        double yv = s - x;
        double xv = s - yv;
        return (x - xv) + (y - yv);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryAdd64(ulong a, ulong b, ref FpExceptions flags, out ulong result)
    {
        result = 0;

        // Normal below 2^(HighExp64 - 1022) (so 2Sum cannot overflow), or zero.
        if (!(InExpRange64(a, 1, HighExp64) || (a << 1) == 0) || !(InExpRange64(b, 1, HighExp64) || (b << 1) == 0))
        {
            return false;
        }

        double x = D(a);
        double y = D(b);
        double s = x + y;
        ulong bits = Bits(s);
        if (!InExpRange64(bits, 2))
        {
            return false;
        }

        if (TwoSumError(x, y, s) != 0)
        {
            flags |= FpExceptions.Inexact;
        }

        result = bits;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryMul64(ulong a, ulong b, ref FpExceptions flags, out ulong result)
    {
        result = 0;
        if (!IsFastOperand64(a) || !IsFastOperand64(b))
        {
            return false;
        }

        double x = D(a);
        double y = D(b);
        double p = x * y;
        ulong bits = Bits(p);
        if (!InExpRange64(bits, SafeExp64))
        {
            return false;
        }

        if (Math.FusedMultiplyAdd(x, y, -p) != 0)
        {
            flags |= FpExceptions.Inexact;
        }

        result = bits;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDiv64(ulong a, ulong b, ref FpExceptions flags, out ulong result)
    {
        result = 0;
        if (!InExpRange64(a & ~Sign64, SafeExp64) || !IsFastOperand64(b) || (b << 1) == 0)
        {
            return false;
        }

        double x = D(a);
        double y = D(b);
        double q = x / y;
        ulong bits = Bits(q);
        if (!InExpRange64(bits, 2))
        {
            return false;
        }

        if (Math.FusedMultiplyAdd(-q, y, x) != 0)
        {
            flags |= FpExceptions.Inexact;
        }

        result = bits;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TrySqrt64(ulong a, ref FpExceptions flags, out ulong result)
    {
        result = 0;
        if ((a >> 52) - SafeExp64 > 0x7FEUL - SafeExp64)
        {
            return false; // zero, tiny, infinite, NaN or negative (the sign bit makes the field too large)
        }

        double x = D(a);
        double r = Math.Sqrt(x);
        if (Math.FusedMultiplyAdd(r, r, -x) != 0)
        {
            flags |= FpExceptions.Inexact;
        }

        result = Bits(r);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryMulAdd64(ulong a, ulong b, ulong c, ref FpExceptions flags, out ulong result)
    {
        result = 0;
        if (!IsFastOperand64(a) || !IsFastOperand64(b) || !(InExpRange64(c & ~Sign64, SafeExp64, HighExp64) || (c << 1) == 0))
        {
            return false;
        }

        double x = D(a);
        double y = D(b);
        double z = D(c);
        double r = Math.FusedMultiplyAdd(x, y, z);
        double p = x * y;
        if (!InExpRange64(Bits(r) & ~Sign64, SafeExp64, HighExp64)
            || !(InExpRange64(Bits(p) & ~Sign64, SafeExp64, HighExp64) || (a << 1) == 0 || (b << 1) == 0))
        {
            return false;
        }

        // x*y = p + e exactly; r - z = t + te exactly (2Sum). Both pairs have head = RN(value), so the exact values
        // agree (r is exact) iff the heads and the tails agree.
        double e = Math.FusedMultiplyAdd(x, y, -p);
        double t = r - z;
        double te = TwoSumError(r, -z, t);
        if (p != t || e != te)
        {
            flags |= FpExceptions.Inexact;
        }

        result = Bits(r);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryAdd32(uint a, uint b, ref FpExceptions flags, out uint result)
    {
        result = 0;
        if (!IsFastOperand32(a) || !IsFastOperand32(b))
        {
            return false;
        }

        double x = D(a);
        double y = D(b);
        double s = x + y;
        float f = (float)s;
        uint bits = BitConverter.SingleToUInt32Bits(f);
        if (!IsFastResult32(bits))
        {
            return false;
        }

        if (TwoSumError(x, y, s) != 0 || f != s)
        {
            flags |= FpExceptions.Inexact;
        }

        result = bits;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryMul32(uint a, uint b, ref FpExceptions flags, out uint result)
    {
        result = 0;
        if (!IsFastOperand32(a) || !IsFastOperand32(b))
        {
            return false;
        }

        double p = D(a) * D(b); // exact: 48 significant bits, exponent well inside binary64
        float f = (float)p;
        uint bits = BitConverter.SingleToUInt32Bits(f);
        if (!IsFastResult32(bits))
        {
            return false;
        }

        if (f != p)
        {
            flags |= FpExceptions.Inexact;
        }

        result = bits;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDiv32(uint a, uint b, ref FpExceptions flags, out uint result)
    {
        result = 0;
        if (!IsFastOperand32(a) || !IsFastOperand32(b) || (b << 1) == 0)
        {
            return false;
        }

        double x = D(a);
        double y = D(b);
        float f = (float)(x / y);
        uint bits = BitConverter.SingleToUInt32Bits(f);
        if (!IsFastResult32(bits))
        {
            return false;
        }

        if ((double)f * y != x) // the product is exact in binary64
        {
            flags |= FpExceptions.Inexact;
        }

        result = bits;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TrySqrt32(uint a, ref FpExceptions flags, out uint result)
    {
        result = 0;
        if (((a >> 23) - 1U) > 0xFDU)
        {
            return false; // zero, subnormal, infinite, NaN or negative
        }

        double x = D(a);
        float f = (float)Math.Sqrt(x);
        if ((double)f * f != x) // the square is exact in binary64
        {
            flags |= FpExceptions.Inexact;
        }

        result = BitConverter.SingleToUInt32Bits(f);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryMulAdd32(uint a, uint b, uint c, ref FpExceptions flags, out uint result)
    {
        result = 0;
        if (!IsFastOperand32(a) || !IsFastOperand32(b) || !IsFastOperand32(c))
        {
            return false;
        }

        double p = D(a) * D(b); // exact
        double z = D(c);
        double s = p + z;

        // Exact error of p + z (no overflow or underflow is possible for binary32 inputs).
        double err = TwoSumError(p, z, s);
        ulong sBits = Bits(s);
        if (err != 0 && (sBits & 1) == 0)
        {
            // Round to odd: step to the neighbour on the side of the exact value.
            sBits = (err > 0) == (s > 0) ? sBits + 1 : sBits - 1;
            s = D(sBits);
        }

        float f = (float)s;
        uint bits = BitConverter.SingleToUInt32Bits(f);
        if (!IsFastResult32(bits))
        {
            return false;
        }

        if (err != 0 || f != s)
        {
            flags |= FpExceptions.Inexact;
        }

        result = bits;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryF64ToF32(ulong a, ref FpExceptions flags, out uint result)
    {
        result = 0;
        if (!IsFastOperand64(a))
        {
            return false;
        }

        double x = D(a);
        float f = (float)x;
        uint bits = BitConverter.SingleToUInt32Bits(f);
        if (!IsFastResult32(bits))
        {
            return false;
        }

        if (f != x)
        {
            flags |= FpExceptions.Inexact;
        }

        result = bits;
        return true;
    }
}
