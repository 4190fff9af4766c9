namespace Cross.Core.FloatingPoint;

// Round to integral value in floating-point format (ARM FRINT*, x86 ROUNDSS/ROUNDSD, RISC-V Zfa FROUND/FROUNDNX).
public static partial class SoftFloat
{
    /// <summary>
    /// Rounds a binary32 value to an integral value in the environment's rounding direction. Raises Inexact for a
    /// non-integral input only if <paramref name="signalInexact"/> is set (ARM FRINTX, x86 ROUND with imm[3]=0,
    /// RISC-V FROUNDNX). A signalling NaN raises Invalid; the sign of zero results is the sign of the input.
    /// </summary>
    public static uint F32RoundToIntegral(uint a, in FpEnv env, bool signalInexact, ref FpExceptions flags)
        => (uint)RoundToIntegral<Binary32Format>(a, env, signalInexact, ref flags);

    /// <summary>binary64 version of <see cref="F32RoundToIntegral"/>.</summary>
    public static ulong F64RoundToIntegral(ulong a, in FpEnv env, bool signalInexact, ref FpExceptions flags)
        => RoundToIntegral<Binary64Format>(a, env, signalInexact, ref flags);

    private static ulong RoundToIntegral<F>(ulong a, in FpEnv env, bool signalInexact, ref FpExceptions flags)
        where F : struct, IFloatFormat
    {
        a = FlushInput<F>(a, env, ref flags);
        if (IsNaN<F>(a))
        {
            return PropagateNaN<F>(a, env, ref flags);
        }

        if (IsInf<F>(a) || IsZero<F>(a))
        {
            return a;
        }

        bool sign = SignOf<F>(a);
        ulong sig = Unpack<F>(a, out int exp);
        if (exp >= F.FracBits)
        {
            return a; // already integral
        }

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

        if (frac == 0)
        {
            return a;
        }

        if (signalInexact)
        {
            flags |= FpExceptions.Inexact;
        }

        ulong magnitude = intPart + RoundIncrement(intPart, frac, sign, env.Rounding);
        if (magnitude == 0)
        {
            return sign ? F.SignBit : 0UL;
        }

        // The integral value has at most FracBits + 1 significant bits, so this conversion is exact.
        FpExceptions ignored = FpExceptions.None;
        return RoundPack<F>(sign, 62, magnitude, env, ref ignored);
    }
}
