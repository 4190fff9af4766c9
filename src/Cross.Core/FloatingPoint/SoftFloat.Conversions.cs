namespace Cross.Core.FloatingPoint;

// Conversions between binary32 and binary64.
public static partial class SoftFloat
{
    /// <summary>
    /// binary32 to binary64 (exact for non-NaN values). A NaN keeps its sign and payload (quieted) under the
    /// Propagate and X86 policies.
    /// </summary>
    public static ulong F32ToF64(uint a, in FpEnv env, ref FpExceptions flags)
        => ConvertFloat<Binary32Format, Binary64Format>(a, env, ref flags);

    /// <summary>
    /// binary64 to binary32 with rounding. A NaN keeps its sign and the top payload bits (quieted) under the
    /// Propagate and X86 policies.
    /// </summary>
    public static uint F64ToF32(ulong a, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TryF64ToF32(a, ref flags, out uint r)
            ? r
            : (uint)ConvertFloat<Binary64Format, Binary32Format>(a, env, ref flags);

    private static ulong ConvertFloat<TFrom, TTo>(ulong a, in FpEnv env, ref FpExceptions flags)
        where TFrom : struct, IFloatFormat
        where TTo : struct, IFloatFormat
    {
        a = FlushInput<TFrom>(a, env, ref flags);
        bool sign = SignOf<TFrom>(a);
        ulong signBit = sign ? TTo.SignBit : 0UL;
        if (IsNaN<TFrom>(a))
        {
            if (IsSignalingNaN<TFrom>(a))
            {
                flags |= FpExceptions.Invalid;
            }

            if (env.Nan is NanPolicy.Propagate or NanPolicy.X86)
            {
                ulong frac = a & TFrom.FracMask;
                frac = TTo.FracBits >= TFrom.FracBits
                    ? frac << (TTo.FracBits - TFrom.FracBits)
                    : frac >> (TFrom.FracBits - TTo.FracBits);
                return signBit | TTo.Infinity | TTo.QuietBit | frac;
            }

            return TTo.DefaultNaN;
        }

        if (IsInf<TFrom>(a))
        {
            return signBit | TTo.Infinity;
        }

        if (IsZero<TFrom>(a))
        {
            return signBit;
        }

        ulong sig = Unpack<TFrom>(a, out int exp);
        return RoundPack<TTo>(sign, exp, sig, env, ref flags);
    }
}
