using System.Numerics;
using Cross.Core.Engine;
using Cross.Core.FloatingPoint;
using Cross.Core.Ir;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>
/// Conversions between half and single precision for FCVTL/FCVTN with 16-bit lanes (base
/// Advanced SIMD, unlike FP16 arithmetic). The IR has no half type, so helpers do them; they read
/// FPCR when they run (AHP, the alternative half format, is not part of the block's mode) and
/// accrue FPSR flags themselves.
/// </summary>
public static class SimdHalfConversions
{
    private const uint FpcrAlternativeHalf = 1u << 26;
    private const uint FpcrDefaultNan = 1u << 25;
    private const uint FpcrFlushToZero = 1u << 24;

    /// <summary>(half bits) → single bits. Exact, so only NaNs raise anything.</summary>
    public static IrHelper HalfToSingle { get; } = new("a64.fcvt.h2s", IrType.I64, [IrType.I64],
        (context, arguments) => ToSingle(context, (uint)arguments[0] & 0xFFFF));

    /// <summary>(single bits) → half bits, rounded per FPCR.RMode.</summary>
    public static IrHelper SingleToHalf { get; } = new("a64.fcvt.s2h", IrType.I64, [IrType.I64],
        (context, arguments) => ToHalf(context, (uint)arguments[0]));

    private static uint Fpcr(GuestContext context) => (uint)context.State.Read(Arm64State.Fpcr, 4);

    private static void Accrue(GuestContext context, FpExceptions flags)
    {
        if (flags == FpExceptions.None) return;
        context.State.Write(Arm64State.FpsrFlags, 1, context.State.Read(Arm64State.FpsrFlags, 1) | (ulong)flags);
    }

    private static ulong ToSingle(GuestContext context, uint half)
    {
        var fpcr = Fpcr(context);
        var sign = (half >> 15) << 31;
        var exponent = (int)(half >> 10) & 0x1F;
        var fraction = half & 0x3FF;
        if (exponent == 0x1F && (fpcr & FpcrAlternativeHalf) == 0)
        {
            if (fraction == 0) return sign | 0x7F80_0000;
            var signalling = (fraction & 0x200) == 0;
            if (signalling) Accrue(context, FpExceptions.Invalid);
            return (fpcr & FpcrDefaultNan) != 0 ? 0x7FC0_0000 : sign | 0x7FC0_0000 | fraction << 13;
        }
        if (exponent == 0)
        {
            if (fraction == 0) return sign;
            // Denormal half: normalise into a single's exponent range (always normal there).
            var shift = BitOperations.LeadingZeroCount(fraction) - 21;
            return sign | (uint)(127 - 15 - shift + 1) << 23 | ((fraction << shift) & 0x3FF) << 13;
        }
        // With AHP, exponent 31 is just the largest normal binade.
        return sign | (uint)(exponent - 15 + 127) << 23 | fraction << 13;
    }

    private static ulong ToHalf(GuestContext context, uint single)
    {
        var fpcr = Fpcr(context);
        var alternative = (fpcr & FpcrAlternativeHalf) != 0;
        var negative = (single >> 31) != 0;
        var sign = negative ? 0x8000u : 0;
        var exponent = (int)(single >> 23) & 0xFF;
        var fraction = single & 0x7F_FFFF;
        var flags = FpExceptions.None;
        if (exponent == 0 && fraction != 0 && (fpcr & FpcrFlushToZero) != 0)
        {
            flags |= FpExceptions.InputDenormal;
            fraction = 0;
        }
        ulong result;
        if (exponent == 0xFF && fraction != 0)
        {
            var signalling = (fraction & 0x40_0000) == 0;
            if (alternative)
            {
                flags |= FpExceptions.Invalid;
                result = sign;
            }
            else
            {
                if (signalling) flags |= FpExceptions.Invalid;
                result = (fpcr & FpcrDefaultNan) != 0 ? 0x7E00 : sign | 0x7E00 | fraction >> 13;
            }
        }
        else if (exponent == 0xFF)
        {
            if (alternative) flags |= FpExceptions.Invalid;
            result = alternative ? sign | 0x7FFF : sign | 0x7C00;
        }
        else if (exponent == 0 && fraction == 0)
        {
            result = sign;
        }
        else
        {
            result = sign | RoundToHalf(exponent, fraction, negative, (fpcr >> 22) & 3, alternative, ref flags);
        }
        Accrue(context, flags);
        return result;
    }

    /// <summary>FPRoundBase for a non-zero finite single, 16-bit result without the sign.</summary>
    private static uint RoundToHalf(int biasedExponent, uint fraction, bool negative, uint rmode, bool alternative, ref FpExceptions flags)
    {
        // value = significand * 2^scale exactly.
        ulong significand = biasedExponent == 0 ? fraction : fraction | 0x80_0000;
        var scale = (biasedExponent == 0 ? 1 : biasedExponent) - 127 - 23;
        var exponent = scale + 63 - BitOperations.LeadingZeroCount(significand);
        const int minimumExponent = -14, fractionBits = 10;
        var reference = Math.Max(exponent, minimumExponent);
        var biased = exponent < minimumExponent ? 0 : exponent - minimumExponent + 1;
        // Keep the bits at and above 2^(reference - 10); the rest decide the rounding.
        var drop = reference - fractionBits - scale;
        ulong kept, remainder, halfway;
        if (drop <= 0)
        {
            kept = significand << -drop;
            remainder = 0;
            halfway = 1;
        }
        else if (drop >= 63)
        {
            kept = 0;
            remainder = significand;
            halfway = ulong.MaxValue;
        }
        else
        {
            kept = significand >> drop;
            remainder = significand & ((1UL << drop) - 1);
            halfway = 1UL << (drop - 1);
        }
        var inexact = remainder != 0;
        if (biased == 0 && inexact) flags |= FpExceptions.Underflow;
        var roundUp = rmode switch
        {
            0 => remainder > halfway || (remainder == halfway && inexact && (kept & 1) != 0),
            1 => inexact && !negative,
            2 => inexact && negative,
            _ => false,
        };
        var overflowToInfinity = rmode switch { 0 => true, 1 => !negative, 2 => negative, _ => false };
        if (roundUp)
        {
            kept++;
            if (kept == 1UL << fractionBits && biased == 0) biased = 1;
            if (kept == 1UL << (fractionBits + 1))
            {
                biased++;
                kept >>= 1;
            }
        }
        uint result;
        if (!alternative && biased >= 31)
        {
            flags |= FpExceptions.Overflow;
            inexact = true;
            result = overflowToInfinity ? 0x7C00u : 0x7BFFu;
        }
        else if (alternative && biased >= 32)
        {
            flags |= FpExceptions.Invalid;
            inexact = false;
            result = 0x7FFF;
        }
        else result = (uint)biased << fractionBits | (uint)(kept & 0x3FF);
        if (inexact) flags |= FpExceptions.Inexact;
        return result;
    }
}
