using Cross.Core.Engine;
using Cross.Core.FloatingPoint;
using Cross.Core.Ir;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>
/// The reciprocal and reciprocal square root estimates (FRECPE, FRSQRTE, URECPE, URSQRTE) as
/// helpers: the Arm ARM defines them by integer arithmetic on the fraction's top bits, which
/// is simpler to state here than in IR. The FP helpers take the operand and the block's mode
/// (bit 0 FZ, bit 1 DN, bits [4:2] the RoundingMode) and accrue FPSR flags themselves.
/// </summary>
public static class SimdEstimates
{
    private const ulong LaneWidth64 = 1UL << 8;

    /// <summary>(bits, mode | 64-bit flag) → the FRECPE estimate.</summary>
    public static IrHelper ReciprocalEstimate { get; } = new("a64.frecpe", IrType.I64, [IrType.I64, IrType.I64],
        (context, arguments) => FloatEstimate(context, arguments[0], arguments[1], reciprocalSquareRoot: false));

    /// <summary>(bits, mode | 64-bit flag) → the FRSQRTE estimate.</summary>
    public static IrHelper ReciprocalSquareRootEstimate { get; } = new("a64.frsqrte", IrType.I64, [IrType.I64, IrType.I64],
        (context, arguments) => FloatEstimate(context, arguments[0], arguments[1], reciprocalSquareRoot: true));

    /// <summary>(32-bit lane) → the URECPE estimate.</summary>
    public static IrHelper UnsignedReciprocalEstimate { get; } = new("a64.urecpe", IrType.I64, [IrType.I64],
        (_, arguments) => (arguments[0] & 0x8000_0000) == 0 ? 0xFFFF_FFFF : RecipEstimate((arguments[0] >> 23) & 0x1FF) << 23, isPure: true);

    /// <summary>(32-bit lane) → the URSQRTE estimate.</summary>
    public static IrHelper UnsignedReciprocalSquareRootEstimate { get; } = new("a64.ursqrte", IrType.I64, [IrType.I64],
        (_, arguments) => (arguments[0] & 0xC000_0000) == 0 ? 0xFFFF_FFFF : RecipSqrtEstimate((arguments[0] >> 23) & 0x1FF) << 23, isPure: true);

    /// <summary>The mode argument of the FP estimate helpers.</summary>
    public static ulong PackMode(A64TranslationMode mode, int laneBits) =>
        (mode.FlushToZero ? 1UL : 0) | (mode.DefaultNan ? 2UL : 0) | (ulong)mode.Rounding << 2 | (laneBits == 64 ? LaneWidth64 : 0);

    /// <summary>RecipEstimate: a 9-bit input in [256, 511] to a 9-bit estimate of 2^18 / a.</summary>
    private static ulong RecipEstimate(ulong a)
    {
        a = a * 2 + 1;
        var b = (1UL << 19) / a;
        return (b + 1) / 2;
    }

    /// <summary>RecipSqrtEstimate: a 9-bit input in [128, 511] to a 9-bit estimate.</summary>
    private static ulong RecipSqrtEstimate(ulong a)
    {
        a = a < 256 ? a * 2 + 1 : ((a >> 1) << 1) + 1 << 1;
        ulong b = 512;
        while (a * (b + 1) * (b + 1) < 1UL << 28) b++;
        return (b + 1) / 2;
    }

    private static ulong FloatEstimate(GuestContext context, ulong bits, ulong mode, bool reciprocalSquareRoot)
    {
        var is64 = (mode & LaneWidth64) != 0;
        var flushToZero = (mode & 1) != 0;
        var defaultNan = (mode & 2) != 0;
        var rounding = (RoundingMode)((mode >> 2) & 7);
        int exponentBits = is64 ? 11 : 8, fractionBits = is64 ? 52 : 23;
        var signBit = 1UL << (exponentBits + fractionBits);
        var exponentMask = (1UL << exponentBits) - 1;
        var fractionMask = (1UL << fractionBits) - 1;
        var sign = (bits & signBit) != 0;
        var exponent = (long)((bits >> fractionBits) & exponentMask);
        var fraction = bits & fractionMask;
        var infinityBits = exponentMask << fractionBits;
        var defaultNanBits = infinityBits | 1UL << (fractionBits - 1);
        var flags = FpExceptions.None;
        ulong result;

        if (exponent == 0 && fraction != 0 && flushToZero)
        {
            flags |= FpExceptions.InputDenormal;
            fraction = 0;
        }
        if (exponent == (long)exponentMask && fraction != 0)
        {
            var quietBit = 1UL << (fractionBits - 1);
            if ((fraction & quietBit) == 0) flags |= FpExceptions.Invalid;
            result = defaultNan ? defaultNanBits : bits | quietBit;
        }
        else if (exponent == 0 && fraction == 0)
        {
            // 1/0 and 1/sqrt(0): an infinity of the operand's sign, divide by zero.
            flags |= FpExceptions.DivideByZero;
            result = (sign ? signBit : 0) | infinityBits;
        }
        else if (reciprocalSquareRoot && sign)
        {
            flags |= FpExceptions.Invalid;
            result = defaultNanBits;
        }
        else if (exponent == (long)exponentMask)
        {
            result = reciprocalSquareRoot ? 0 : sign ? signBit : 0;
        }
        else if (!reciprocalSquareRoot && exponent == 0 && fraction < 1UL << (fractionBits - 2))
        {
            // Below 2^-(bias+1) the reciprocal overflows; the rounding mode picks infinity or the largest normal.
            var toInfinity = rounding switch
            {
                RoundingMode.NearestEven or RoundingMode.NearestMaxMagnitude => true,
                RoundingMode.Up => !sign,
                RoundingMode.Down => sign,
                _ => false,
            };
            flags |= FpExceptions.Overflow | FpExceptions.Inexact;
            result = (sign ? signBit : 0) | (toInfinity ? infinityBits : infinityBits - 1);
        }
        else if (!reciprocalSquareRoot && flushToZero && exponent >= (long)exponentMask - 2)
        {
            // The reciprocal of a value at least 2^(bias-1) is denormal: zero under FZ, with underflow.
            flags |= FpExceptions.Underflow;
            result = sign ? signBit : 0;
        }
        else
        {
            // The fraction left-aligned in 52 bits, as the Arm ARM scales it.
            var scaledFraction = fraction << (52 - fractionBits);
            var bias = (long)(exponentMask >> 1);
            if (reciprocalSquareRoot)
            {
                if (exponent == 0)
                {
                    while ((scaledFraction & (1UL << 51)) == 0)
                    {
                        scaledFraction = (scaledFraction << 1) & ((1UL << 52) - 1);
                        exponent--;
                    }
                    scaledFraction = (scaledFraction << 1) & ((1UL << 52) - 1);
                }
                var scaled = (exponent & 1) == 0 ? 0x100 | scaledFraction >> 44 : 0x80 | scaledFraction >> 45;
                var resultExponent = ((is64 ? 3068L : 380L) - exponent) / 2;
                var estimate = RecipSqrtEstimate(scaled) & 0xFF;
                result = (ulong)resultExponent << fractionBits | estimate << (fractionBits - 8);
            }
            else
            {
                if (exponent == 0)
                {
                    if ((scaledFraction & (1UL << 51)) == 0)
                    {
                        exponent = -1;
                        scaledFraction = (scaledFraction << 2) & ((1UL << 52) - 1);
                    }
                    else scaledFraction = (scaledFraction << 1) & ((1UL << 52) - 1);
                }
                var scaled = 0x100 | scaledFraction >> 44;
                var resultExponent = 2 * bias - 1 - exponent;
                var estimateFraction = (RecipEstimate(scaled) & 0xFF) << 44;
                if (resultExponent == 0) estimateFraction = 1UL << 51 | estimateFraction >> 1;
                else if (resultExponent == -1)
                {
                    estimateFraction = 1UL << 50 | estimateFraction >> 2;
                    resultExponent = 0;
                }
                result = (sign ? signBit : 0) | (ulong)resultExponent << fractionBits | estimateFraction >> (52 - fractionBits);
            }
        }
        if (flags != FpExceptions.None)
        {
            var accrued = context.State.Read(Arm64State.FpsrFlags, 1) | (ulong)flags;
            context.State.Write(Arm64State.FpsrFlags, 1, accrued);
        }
        return result;
    }
}
