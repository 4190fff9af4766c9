namespace Cross.Core.FloatingPoint;

// Square root.
public static partial class SoftFloat
{
    /// <summary>binary32 square root.</summary>
    public static uint F32Sqrt(uint a, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TrySqrt32(a, ref flags, out uint r)
            ? r
            : (uint)Sqrt<Binary32Format>(a, env, ref flags);

    /// <summary>binary64 square root.</summary>
    public static ulong F64Sqrt(ulong a, in FpEnv env, ref FpExceptions flags)
        => env.Rounding == RoundingMode.NearestEven && TrySqrt64(a, ref flags, out ulong r)
            ? r
            : Sqrt<Binary64Format>(a, env, ref flags);

    private static ulong Sqrt<F>(ulong a, in FpEnv env, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        a = FlushInput<F>(a, env, ref flags);
        if (IsNaN<F>(a))
        {
            return PropagateNaN<F>(a, env, ref flags);
        }

        if (IsZero<F>(a))
        {
            return a; // sqrt(+-0) = +-0
        }

        if (SignOf<F>(a))
        {
            return InvalidNaN<F>(env, ref flags);
        }

        if (IsInf<F>(a))
        {
            return a;
        }

        ulong sig = Unpack<F>(a, out int exp);

        // value = sig * 2^(exp - 62). Make the power of two even: N = sig << 62 (exp even) or sig << 63 (exp odd),
        // so value = N * 2^(exp - 124 - (exp & 1)) and sqrt(N) lies in [2^62, 2^63).
        int odd = exp & 1;
        UInt128 n = (UInt128)sig << (62 + odd);
        ulong root = ISqrt(n);
        ulong sticky = (UInt128)root * root != n ? 1UL : 0UL;
        int halfExp = (exp - 124 - odd) >> 1;
        return RoundPack<F>(false, halfExp + 62, root | sticky, env, ref flags);
    }

    /// <summary>floor(sqrt(n)) for n in [2^124, 2^126).</summary>
    private static ulong ISqrt(UInt128 n)
    {
        // Estimate with the host square root (relative error about 2^-52), refine with one Newton step done in
        // double precision on the exact residual, then fix up the last unit exactly.
        ulong r = (ulong)Math.Sqrt((double)n);
        Int128 residual = (Int128)(n - ((UInt128)r * r));
        r = (ulong)((long)r + (long)Math.Round((double)residual / (2.0 * r)));
        while ((UInt128)r * r > n)
        {
            r--;
        }

        while ((UInt128)(r + 1) * (r + 1) <= n)
        {
            r++;
        }

        return r;
    }
}
