using System.Numerics;
using System.Runtime.CompilerServices;

namespace Cross.Core.FloatingPoint;

// Generic core shared by all operations.
//
// Internal representation of a finite non-zero magnitude: a 64-bit significand "sig" and an exponent "exp" with
// value = sig * 2^(exp - 62). Normalised significands have their most significant bit at bit 62, so exp is then the
// unbiased exponent of the value. Bit 0 may be a "sticky" bit standing for any non-zero bits shifted out below it.
public static partial class SoftFloat
{
    /// <summary>Shifts right, OR-ing every bit shifted out into bit 0 (jamming).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShiftRightJam(ulong x, int n)
    {
        if (n == 0)
        {
            return x;
        }

        if (n < 64)
        {
            return (x >> n) | ((x << (64 - n)) != 0 ? 1UL : 0UL);
        }

        return x != 0 ? 1UL : 0UL;
    }

    /// <summary>128-bit shift right with jamming.</summary>
    private static UInt128 ShiftRightJam(UInt128 x, int n)
    {
        if (n == 0)
        {
            return x;
        }

        if (n < 128)
        {
            return (x >> n) | ((x << (128 - n)) != UInt128.Zero ? UInt128.One : UInt128.Zero);
        }

        return x != UInt128.Zero ? UInt128.One : UInt128.Zero;
    }

    /// <summary>
    /// Applies DAZ / FZ input flushing: a denormal becomes a zero of the same sign. FZ (without DAZ) raises
    /// InputDenormal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FlushInput<F>(ulong x, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        if ((env.FlushToZero || env.DenormalsAreZero) && IsSubnormal<F>(x))
        {
            if (!env.DenormalsAreZero)
            {
                flags |= FpExceptions.InputDenormal;
            }

            return x & F.SignBit;
        }

        return x;
    }

    /// <summary>
    /// Unpacks a finite non-zero value into a significand normalised to bit 62 and its unbiased exponent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Unpack<F>(ulong x, out int exp)
        where F : struct, IFloatFormat
    {
        int biased = (int)((x & F.ExpMask) >> F.FracBits);
        ulong frac = x & F.FracMask;
        if (biased == 0)
        {
            int lz = BitOperations.LeadingZeroCount(frac);
            exp = 1 - F.Bias - F.FracBits + (63 - lz);
            return frac << (lz - 1);
        }

        exp = biased - F.Bias;
        return (frac | (1UL << F.FracBits)) << (62 - F.FracBits);
    }

    /// <summary>The NaN produced by an invalid operation under the given policy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong GeneratedNaN<F>(in FpEnv env)
        where F : struct, IFloatFormat
        => env.Nan == NanPolicy.X86 ? F.X86DefaultNaN : F.DefaultNaN;

    /// <summary>Invalid operation: raises Invalid and returns the generated NaN.</summary>
    private static ulong InvalidNaN<F>(in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        flags |= FpExceptions.Invalid;
        return GeneratedNaN<F>(env);
    }

    /// <summary>NaN result of a one-operand operation whose operand is a NaN.</summary>
    private static ulong PropagateNaN<F>(ulong a, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        if (IsSignalingNaN<F>(a))
        {
            flags |= FpExceptions.Invalid;
        }

        return env.Nan is NanPolicy.Propagate or NanPolicy.X86 ? a | F.QuietBit : F.DefaultNaN;
    }

    /// <summary>NaN result of a two-operand operation where at least one operand is a NaN.</summary>
    private static ulong PropagateNaN<F>(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        bool sa = IsSignalingNaN<F>(a);
        bool sb = IsSignalingNaN<F>(b);
        if (sa | sb)
        {
            flags |= FpExceptions.Invalid;
        }

        switch (env.Nan)
        {
            case NanPolicy.Propagate:
                if (sa)
                {
                    return a | F.QuietBit;
                }

                if (sb)
                {
                    return b | F.QuietBit;
                }

                return IsNaN<F>(a) ? a : b;
            case NanPolicy.X86:
                return (IsNaN<F>(a) ? a : b) | F.QuietBit;
            default:
                return F.DefaultNaN;
        }
    }

    /// <summary>
    /// NaN result of a three-operand operation where at least one operand is a NaN; the operands are given in
    /// priority order.
    /// </summary>
    private static ulong PropagateNaN<F>(ulong a, ulong b, ulong c, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        bool sa = IsSignalingNaN<F>(a);
        bool sb = IsSignalingNaN<F>(b);
        bool sc = IsSignalingNaN<F>(c);
        if (sa | sb | sc)
        {
            flags |= FpExceptions.Invalid;
        }

        switch (env.Nan)
        {
            case NanPolicy.Propagate:
                if (sa)
                {
                    return a | F.QuietBit;
                }

                if (sb)
                {
                    return b | F.QuietBit;
                }

                if (sc)
                {
                    return c | F.QuietBit;
                }

                return IsNaN<F>(a) ? a : IsNaN<F>(b) ? b : c;
            case NanPolicy.X86:
                return (IsNaN<F>(a) ? a : IsNaN<F>(b) ? b : c) | F.QuietBit;
            default:
                return F.DefaultNaN;
        }
    }

    /// <summary>The exactly-zero result of adding two operands of opposite sign (or a sum that cancels).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ExactZeroSum<F>(RoundingMode mode)
        where F : struct, IFloatFormat
        => mode == RoundingMode.Down ? F.SignBit : 0UL;

    /// <summary>
    /// Rounds <paramref name="sig"/> (whose low <paramref name="roundBits"/> bits are discarded) to an integer in
    /// the given direction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RoundShift(ulong sig, int roundBits, bool sign, RoundingMode mode)
    {
        ulong q = sig >> roundBits;
        ulong rem = sig & ((1UL << roundBits) - 1);
        ulong half = 1UL << (roundBits - 1);
        switch (mode)
        {
            case RoundingMode.NearestEven:
                if (rem > half || (rem == half && (q & 1) != 0))
                {
                    q++;
                }

                break;
            case RoundingMode.TowardZero:
                break;
            case RoundingMode.Down:
                if (sign && rem != 0)
                {
                    q++;
                }

                break;
            case RoundingMode.Up:
                if (!sign && rem != 0)
                {
                    q++;
                }

                break;
            case RoundingMode.NearestMaxMagnitude:
                if (rem >= half)
                {
                    q++;
                }

                break;
            default:
                ThrowBadRoundingMode(mode);
                break;
        }

        return q;
    }

    /// <summary>
    /// Rounds an integer magnitude with a 64-bit binary fraction (<paramref name="frac"/>, bit 63 = one half) in
    /// the given direction. Returns the increment (0 or 1) to add to the integer part.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RoundIncrement(ulong intPart, ulong frac, bool sign, RoundingMode mode)
    {
        const ulong Half = 1UL << 63;
        switch (mode)
        {
            case RoundingMode.NearestEven:
                return frac > Half || (frac == Half && (intPart & 1) != 0) ? 1UL : 0UL;
            case RoundingMode.TowardZero:
                return 0;
            case RoundingMode.Down:
                return sign && frac != 0 ? 1UL : 0UL;
            case RoundingMode.Up:
                return !sign && frac != 0 ? 1UL : 0UL;
            case RoundingMode.NearestMaxMagnitude:
                return frac >= Half ? 1UL : 0UL;
            default:
                ThrowBadRoundingMode(mode);
                return 0;
        }
    }

    private static void ThrowBadRoundingMode(RoundingMode mode)
        => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Invalid rounding mode.");

    /// <summary>Result of an overflow: raises Overflow and Inexact; infinity or the largest finite value.</summary>
    private static ulong OverflowResult<F>(bool sign, RoundingMode mode, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        flags |= FpExceptions.Overflow | FpExceptions.Inexact;
        bool toInfinity = mode switch
        {
            RoundingMode.TowardZero => false,
            RoundingMode.Down => sign,
            RoundingMode.Up => !sign,
            _ => true,
        };
        return (sign ? F.SignBit : 0UL) | (toInfinity ? F.Infinity : F.MaxFinite);
    }

    /// <summary>
    /// Rounds and packs the non-zero value (-1)^sign * sig * 2^(exp - 62) into format F, handling overflow,
    /// subnormals, tininess detection and output flushing. <paramref name="sig"/> need not be normalised, but any
    /// sticky bit must lie well below the rounding position once it is.
    /// </summary>
    private static ulong RoundPack<F>(bool sign, int exp, ulong sig, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        int lz = BitOperations.LeadingZeroCount(sig);
        if (lz == 0)
        {
            sig = (sig >> 1) | (sig & 1);
            exp++;
        }
        else if (lz > 1)
        {
            sig <<= lz - 1;
            exp -= lz - 1;
        }

        int roundBits = 62 - F.FracBits;
        ulong roundMask = (1UL << roundBits) - 1;
        ulong signBit = sign ? F.SignBit : 0UL;
        RoundingMode mode = env.Rounding;
        int biased = exp + F.Bias;
        if (biased >= F.MaxExp)
        {
            return OverflowResult<F>(sign, mode, ref flags);
        }

        if (biased <= 0)
        {
            // Below the normal range before rounding. Tininess after rounding: the value rounded to full precision
            // with an unbounded exponent range is still below 2^emin (only possible to escape when biased == 0).
            bool tiny = env.TininessBeforeRounding
                || biased < 0
                || (RoundShift(sig, roundBits, sign, mode) >> (F.FracBits + 1)) == 0;
            if (tiny && env.FlushToZero)
            {
                flags |= FpExceptions.Underflow;
                return signBit;
            }

            sig = ShiftRightJam(sig, 1 - biased);
            ulong m = RoundShift(sig, roundBits, sign, mode);
            if ((sig & roundMask) != 0)
            {
                flags |= tiny ? FpExceptions.Inexact | FpExceptions.Underflow : FpExceptions.Inexact;
            }

            // m <= 2^FracBits; m == 2^FracBits carries into the exponent field giving the smallest normal.
            return signBit | m;
        }

        ulong r = RoundShift(sig, roundBits, sign, mode);
        if ((r >> (F.FracBits + 1)) != 0)
        {
            r >>= 1;
            biased++;
            if (biased >= F.MaxExp)
            {
                return OverflowResult<F>(sign, mode, ref flags);
            }
        }

        if ((sig & roundMask) != 0)
        {
            flags |= FpExceptions.Inexact;
        }

        return signBit | ((ulong)biased << F.FracBits) | (r & F.FracMask);
    }

    /// <summary>
    /// Rounds and packs the non-zero value (-1)^sign * sig * 2^(exp - 125) given as a 128-bit significand.
    /// </summary>
    private static ulong RoundPack128<F>(bool sign, int exp, UInt128 sig, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        int lz = (int)UInt128.LeadingZeroCount(sig);
        sig <<= lz;
        ulong hi = (ulong)(sig >> 64);
        ulong lo = (ulong)sig;

        // value = hi * 2^(exp - 125 - lz + 64) = hi * 2^((exp + 1 - lz) - 62)
        return RoundPack<F>(sign, exp + 1 - lz, hi | (lo != 0 ? 1UL : 0UL), env, ref flags);
    }
}
