using Cross.Core.Engine;
using Cross.Core.FloatingPoint;
using Cross.Core.Ir;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>
/// Half-precision conversions, which have no IR operation: helpers taking (bits, environment)
/// and accruing the exception flags into FPSR themselves. The environment argument packs the
/// rounding mode (bits [3:0]), the NaN policy (bits [7:4]) and FPCR.AHP (bit 8: the alternative
/// half-precision format, read from FPCR at run time as it is not part of the block's mode); flushing is never applied here
/// (FZ16 does not affect conversions, and the caller flushes a single or double input for FZ).
/// </summary>
public static class A64FloatHelpers
{
    public static ulong PackEnvironment(RoundingMode rounding, NanPolicy nan) => (ulong)rounding | (ulong)nan << 4;

    /// <summary>The environment bit that selects the alternative half-precision format.</summary>
    public const ulong AlternativeHalfBit = 1 << 8;

    private static bool Alternative(ulong packed) => (packed & AlternativeHalfBit) != 0;

    private static FpEnv Unpack(ulong packed) =>
        new((RoundingMode)(packed & 0xF), (NanPolicy)((packed >> 4) & 0xF), TininessBeforeRounding: true);

    private delegate ulong Conversion(ulong bits, in FpEnv env, bool alternativeHalf, ref FpExceptions flags);

    private static IrHelper Helper(string name, Conversion conversion) => new(
        name, IrType.I64, [IrType.I64, IrType.I64],
        (context, arguments) =>
        {
            var flags = FpExceptions.None;
            var result = conversion(arguments[0], Unpack(arguments[1]), Alternative(arguments[1]), ref flags);
            context.State.Bytes[Arm64State.FpsrFlags] |= (byte)flags;
            return result;
        });

    /// <summary>(half bits, environment) → single bits.</summary>
    public static IrHelper HalfToSingle { get; } =
        Helper("a64.fcvt.h2s", (ulong a, in FpEnv env, bool alternative, ref FpExceptions flags) =>
            alternative ? SoftFloat.AltF16ToF32((ushort)a, env, ref flags) : SoftFloat.F16ToF32((ushort)a, env, ref flags));

    /// <summary>(half bits, environment) → double bits.</summary>
    public static IrHelper HalfToDouble { get; } =
        Helper("a64.fcvt.h2d", (ulong a, in FpEnv env, bool alternative, ref FpExceptions flags) =>
            alternative ? SoftFloat.AltF16ToF64((ushort)a, env, ref flags) : SoftFloat.F16ToF64((ushort)a, env, ref flags));

    /// <summary>(single bits, environment) → half bits.</summary>
    public static IrHelper SingleToHalf { get; } =
        Helper("a64.fcvt.s2h", (ulong a, in FpEnv env, bool alternative, ref FpExceptions flags) =>
            alternative ? SoftFloat.F32ToAltF16((uint)a, env, ref flags) : SoftFloat.F32ToF16((uint)a, env, ref flags));

    /// <summary>(double bits, environment) → half bits.</summary>
    public static IrHelper DoubleToHalf { get; } =
        Helper("a64.fcvt.d2h", (ulong a, in FpEnv env, bool alternative, ref FpExceptions flags) =>
            alternative ? SoftFloat.F64ToAltF16(a, env, ref flags) : SoftFloat.F64ToF16(a, env, ref flags));
}
