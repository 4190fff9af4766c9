namespace Cross.Core.FloatingPoint;

// Addition, subtraction, multiplication and division.
public static partial class SoftFloat
{
    /// <summary>binary32 a + b.</summary>
    public static uint F32Add(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TryAdd32(a, b, ref flags, out uint r)
            ? r
            : (uint)Add<Binary32Format>(a, b, false, env, ref flags);

    /// <summary>binary32 a - b.</summary>
    public static uint F32Sub(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TryAdd32(a, b ^ Sign32, ref flags, out uint r)
            ? r
            : (uint)Add<Binary32Format>(a, b, true, env, ref flags);

    /// <summary>binary32 a * b.</summary>
    public static uint F32Mul(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TryMul32(a, b, ref flags, out uint r)
            ? r
            : (uint)Mul<Binary32Format>(a, b, env, ref flags);

    /// <summary>binary32 a / b.</summary>
    public static uint F32Div(uint a, uint b, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TryDiv32(a, b, ref flags, out uint r)
            ? r
            : (uint)Div<Binary32Format>(a, b, env, ref flags);

    /// <summary>binary64 a + b.</summary>
    public static ulong F64Add(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TryAdd64(a, b, ref flags, out ulong r)
            ? r
            : Add<Binary64Format>(a, b, false, env, ref flags);

    /// <summary>binary64 a - b.</summary>
    public static ulong F64Sub(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TryAdd64(a, b ^ Sign64, ref flags, out ulong r)
            ? r
            : Add<Binary64Format>(a, b, true, env, ref flags);

    /// <summary>binary64 a * b.</summary>
    public static ulong F64Mul(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TryMul64(a, b, ref flags, out ulong r)
            ? r
            : Mul<Binary64Format>(a, b, env, ref flags);

    /// <summary>binary64 a / b.</summary>
    public static ulong F64Div(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TryDiv64(a, b, ref flags, out ulong r)
            ? r
            : Div<Binary64Format>(a, b, env, ref flags);

    private static ulong Add<F>(ulong a, ulong b, bool subtract, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        a = FlushInput<F>(a, env, ref flags);
        b = FlushInput<F>(b, env, ref flags);
        if (IsNaN<F>(a) || IsNaN<F>(b))
        {
            return PropagateNaN<F>(a, b, env, ref flags);
        }

        if (subtract)
        {
            b ^= F.SignBit;
        }

        bool signA = SignOf<F>(a);
        bool signB = SignOf<F>(b);
        if (IsInf<F>(a))
        {
            return IsInf<F>(b) && signA != signB ? InvalidNaN<F>(env, ref flags) : a;
        }

        if (IsInf<F>(b))
        {
            return b;
        }

        if (IsZero<F>(b))
        {
            // x + 0 = x; 0 + 0 of opposite signs is +0 (-0 when rounding down).
            return IsZero<F>(a) && signA != signB ? ExactZeroSum<F>(env.Rounding) : a;
        }

        if (IsZero<F>(a))
        {
            return b;
        }

        ulong sigA = Unpack<F>(a, out int expA);
        ulong sigB = Unpack<F>(b, out int expB);
        if (expA < expB || (expA == expB && sigA < sigB))
        {
            (sigA, sigB) = (sigB, sigA);
            (expA, expB) = (expB, expA);
            (signA, signB) = (signB, signA);
        }

        // Now |a| >= |b|; the result has the sign of a unless it is exactly zero.
        sigB = ShiftRightJam(sigB, expA - expB);
        ulong sum;
        if (signA == signB)
        {
            sum = sigA + sigB;
        }
        else
        {
            sum = sigA - sigB;
            if (sum == 0)
            {
                return ExactZeroSum<F>(env.Rounding);
            }
        }

        return RoundPack<F>(signA, expA, sum, env, ref flags);
    }

    private static ulong Mul<F>(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        a = FlushInput<F>(a, env, ref flags);
        b = FlushInput<F>(b, env, ref flags);
        if (IsNaN<F>(a) || IsNaN<F>(b))
        {
            return PropagateNaN<F>(a, b, env, ref flags);
        }

        bool sign = SignOf<F>(a) != SignOf<F>(b);
        ulong signBit = sign ? F.SignBit : 0UL;
        if (IsInf<F>(a) || IsInf<F>(b))
        {
            return IsZero<F>(a) || IsZero<F>(b) ? InvalidNaN<F>(env, ref flags) : signBit | F.Infinity;
        }

        if (IsZero<F>(a) || IsZero<F>(b))
        {
            return signBit;
        }

        ulong sigA = Unpack<F>(a, out int expA);
        ulong sigB = Unpack<F>(b, out int expB);
        return MulFinite<F>(sign, sigA, expA, sigB, expB, env, ref flags);
    }

    /// <summary>Rounds the exact product of two unpacked non-zero finite values.</summary>
    private static ulong MulFinite<F>(bool sign, ulong sigA, int expA, ulong sigB, int expB, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        // Product in [2^124, 2^126) scaled by 2^(expA + expB - 124); keep the top bits (>> 62) plus a sticky bit.
        ulong hi = Math.BigMul(sigA, sigB, out ulong lo);
        ulong top = (hi << 2) | (lo >> 62);
        ulong sticky = (lo & ((1UL << 62) - 1)) != 0 ? 1UL : 0UL;
        return RoundPack<F>(sign, expA + expB, top | sticky, env, ref flags);
    }

    private static ulong Div<F>(ulong a, ulong b, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        a = FlushInput<F>(a, env, ref flags);
        b = FlushInput<F>(b, env, ref flags);
        if (IsNaN<F>(a) || IsNaN<F>(b))
        {
            return PropagateNaN<F>(a, b, env, ref flags);
        }

        bool sign = SignOf<F>(a) != SignOf<F>(b);
        ulong signBit = sign ? F.SignBit : 0UL;
        if (IsInf<F>(a))
        {
            return IsInf<F>(b) ? InvalidNaN<F>(env, ref flags) : signBit | F.Infinity;
        }

        if (IsInf<F>(b))
        {
            return signBit;
        }

        if (IsZero<F>(b))
        {
            if (IsZero<F>(a))
            {
                return InvalidNaN<F>(env, ref flags);
            }

            flags |= FpExceptions.DivideByZero;
            return signBit | F.Infinity;
        }

        if (IsZero<F>(a))
        {
            return signBit;
        }

        ulong sigA = Unpack<F>(a, out int expA);
        ulong sigB = Unpack<F>(b, out int expB);

        // q = sigA * 2^63 / sigB lies in (2^62, 2^64): at least 62 significant bits plus a sticky remainder bit.
        UInt128 num = (UInt128)sigA << 63;
        UInt128 q = num / sigB;
        ulong quotient = (ulong)q;
        ulong sticky = num != q * sigB ? 1UL : 0UL;
        return RoundPack<F>(sign, expA - expB - 1, quotient | sticky, env, ref flags);
    }
}
