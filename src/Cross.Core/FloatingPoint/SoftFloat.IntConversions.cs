namespace Cross.Core.FloatingPoint;

// Conversions between floating-point and integer values.
//
// Float to integer: the value is rounded to an integer in the environment's rounding direction (use
// RoundingMode.TowardZero for truncating instructions). If the rounded value is representable the result is exact or
// raises Inexact; otherwise (and for NaN / infinity) Invalid is raised, Inexact is not, and the result follows the
// IntOverflow choice. A negative value that rounds to 0 is representable as unsigned (0, Inexact); -1.0 is not.
public static partial class SoftFloat
{
    /// <summary>binary32 to signed 32-bit integer.</summary>
    public static int F32ToInt32(uint a, in FpEnv env, IntOverflow overflow, ref FpExceptions flags)
        => (int)FloatToInt<Binary32Format>(a, env, true, 32, overflow, ref flags);

    /// <summary>binary32 to unsigned 32-bit integer.</summary>
    public static uint F32ToUInt32(uint a, in FpEnv env, IntOverflow overflow, ref FpExceptions flags)
        => (uint)FloatToInt<Binary32Format>(a, env, false, 32, overflow, ref flags);

    /// <summary>binary32 to signed 64-bit integer.</summary>
    public static long F32ToInt64(uint a, in FpEnv env, IntOverflow overflow, ref FpExceptions flags)
        => (long)FloatToInt<Binary32Format>(a, env, true, 64, overflow, ref flags);

    /// <summary>binary32 to unsigned 64-bit integer.</summary>
    public static ulong F32ToUInt64(uint a, in FpEnv env, IntOverflow overflow, ref FpExceptions flags)
        => FloatToInt<Binary32Format>(a, env, false, 64, overflow, ref flags);

    /// <summary>binary64 to signed 32-bit integer.</summary>
    public static int F64ToInt32(ulong a, in FpEnv env, IntOverflow overflow, ref FpExceptions flags)
        => (int)FloatToInt<Binary64Format>(a, env, true, 32, overflow, ref flags);

    /// <summary>binary64 to unsigned 32-bit integer.</summary>
    public static uint F64ToUInt32(ulong a, in FpEnv env, IntOverflow overflow, ref FpExceptions flags)
        => (uint)FloatToInt<Binary64Format>(a, env, false, 32, overflow, ref flags);

    /// <summary>binary64 to signed 64-bit integer.</summary>
    public static long F64ToInt64(ulong a, in FpEnv env, IntOverflow overflow, ref FpExceptions flags)
        => (long)FloatToInt<Binary64Format>(a, env, true, 64, overflow, ref flags);

    /// <summary>binary64 to unsigned 64-bit integer.</summary>
    public static ulong F64ToUInt64(ulong a, in FpEnv env, IntOverflow overflow, ref FpExceptions flags)
        => FloatToInt<Binary64Format>(a, env, false, 64, overflow, ref flags);

    /// <summary>Signed 32-bit integer to binary32.</summary>
    public static uint Int32ToF32(int v, in FpEnv env, ref FpExceptions flags)
        => (uint)IntToFloat<Binary32Format>(v < 0, (ulong)Math.Abs((long)v), env, ref flags);

    /// <summary>Unsigned 32-bit integer to binary32.</summary>
    public static uint UInt32ToF32(uint v, in FpEnv env, ref FpExceptions flags)
        => (uint)IntToFloat<Binary32Format>(false, v, env, ref flags);

    /// <summary>Signed 64-bit integer to binary32.</summary>
    public static uint Int64ToF32(long v, in FpEnv env, ref FpExceptions flags)
        => (uint)IntToFloat<Binary32Format>(v < 0, v < 0 ? 0UL - (ulong)v : (ulong)v, env, ref flags);

    /// <summary>Unsigned 64-bit integer to binary32.</summary>
    public static uint UInt64ToF32(ulong v, in FpEnv env, ref FpExceptions flags)
        => (uint)IntToFloat<Binary32Format>(false, v, env, ref flags);

    /// <summary>Signed 32-bit integer to binary64 (always exact).</summary>
    public static ulong Int32ToF64(int v, in FpEnv env, ref FpExceptions flags)
        => IntToFloat<Binary64Format>(v < 0, (ulong)Math.Abs((long)v), env, ref flags);

    /// <summary>Unsigned 32-bit integer to binary64 (always exact).</summary>
    public static ulong UInt32ToF64(uint v, in FpEnv env, ref FpExceptions flags)
        => IntToFloat<Binary64Format>(false, v, env, ref flags);

    /// <summary>Signed 64-bit integer to binary64.</summary>
    public static ulong Int64ToF64(long v, in FpEnv env, ref FpExceptions flags)
        => IntToFloat<Binary64Format>(v < 0, v < 0 ? 0UL - (ulong)v : (ulong)v, env, ref flags);

    /// <summary>Unsigned 64-bit integer to binary64.</summary>
    public static ulong UInt64ToF64(ulong v, in FpEnv env, ref FpExceptions flags)
        => IntToFloat<Binary64Format>(false, v, env, ref flags);

    private static ulong IntToFloat<F>(bool negative, ulong magnitude, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
        => magnitude == 0 ? 0UL : RoundPack<F>(negative, 62, magnitude, env, ref flags);

    /// <summary>
    /// Converts to a <paramref name="bits"/>-bit signed or unsigned integer; the result is returned as a bit pattern
    /// in the low <paramref name="bits"/> bits (sign-extended to 64 bits for signed results).
    /// </summary>
    private static ulong FloatToInt<F>(ulong a, in FpEnv env, bool signed, int bits, IntOverflow overflow, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        a = FlushInput<F>(a, env, ref flags);
        if (IsNaN<F>(a))
        {
            flags |= FpExceptions.Invalid;
            return overflow switch
            {
                IntOverflow.SaturateNanZero => 0,
                IntOverflow.Indefinite => IntIndefinite(signed, bits),
                _ => IntMax(signed, bits),
            };
        }

        bool sign = SignOf<F>(a);
        if (IsInf<F>(a))
        {
            return IntInvalid(sign, signed, bits, overflow, ref flags);
        }

        if (IsZero<F>(a))
        {
            return 0;
        }

        ulong sig = Unpack<F>(a, out int exp);
        ulong magnitude;
        if (exp >= 64)
        {
            return IntInvalid(sign, signed, bits, overflow, ref flags);
        }

        if (exp >= 62)
        {
            magnitude = sig << (exp - 62);
        }
        else
        {
            // value = sig / 2^shift with shift >= 1: split into an integer part and a 64-bit fraction.
            int shift = 62 - exp;
            ulong intPart;
            ulong frac;
            if (shift < 64)
            {
                intPart = sig >> shift;
                frac = sig << (64 - shift);
            }
            else
            {
                intPart = 0;
                frac = shift == 64 ? sig : ShiftRightJam(sig, shift - 64);
            }

            magnitude = intPart + RoundIncrement(intPart, frac, sign, env.Rounding);
            if (frac != 0 && InIntRange(sign, magnitude, signed, bits))
            {
                flags |= FpExceptions.Inexact;
            }
        }

        if (!InIntRange(sign, magnitude, signed, bits))
        {
            return IntInvalid(sign, signed, bits, overflow, ref flags);
        }

        return sign ? 0UL - magnitude : magnitude;
    }

    private static bool InIntRange(bool negative, ulong magnitude, bool signed, int bits)
    {
        if (signed)
        {
            ulong limit = 1UL << (bits - 1);
            return negative ? magnitude <= limit : magnitude < limit;
        }

        return negative ? magnitude == 0 : bits == 64 || magnitude <= uint.MaxValue;
    }

    private static ulong IntMax(bool signed, int bits)
        => signed ? (1UL << (bits - 1)) - 1 : bits == 64 ? ulong.MaxValue : uint.MaxValue;

    private static ulong IntMin(bool signed, int bits)
        => signed ? 0UL - (1UL << (bits - 1)) : 0UL;

    private static ulong IntIndefinite(bool signed, int bits)
        => signed ? 0UL - (1UL << (bits - 1)) : bits == 64 ? ulong.MaxValue : uint.MaxValue;

    /// <summary>Invalid conversion of an infinite or out-of-range (non-NaN) value.</summary>
    private static ulong IntInvalid(bool negative, bool signed, int bits, IntOverflow overflow, ref FpExceptions flags)
    {
        flags |= FpExceptions.Invalid;
        if (overflow == IntOverflow.Indefinite)
        {
            return IntIndefinite(signed, bits);
        }

        return negative ? IntMin(signed, bits) : IntMax(signed, bits);
    }
}
