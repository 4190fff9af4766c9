using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>
/// ARM specifics: NaN propagation (FPCR.DN=0/1), FMIN/FMAX/FMINNM/FMAXNM, tininess before rounding, FZ flushing
/// with IDC/UFC, FCVTZS-style saturation.
/// </summary>
public sealed class ArmSemanticsTests
{
    private const uint QNaN1 = 0x7FC0_0001;
    private const uint QNaN2 = 0xFFC0_0002;
    private const uint SNaN1 = 0x7F80_0001;
    private const uint SNaN2 = 0xFF80_0002;
    private const uint PosInf = 0x7F80_0000;

    private static readonly FpEnv Arm = new(RoundingMode.NearestEven, NanPolicy.Propagate, TininessBeforeRounding: true);
    private static readonly FpEnv ArmDn = new(RoundingMode.NearestEven, NanPolicy.DefaultNan, TininessBeforeRounding: true);
    private static readonly FpEnv ArmFz = new(RoundingMode.NearestEven, NanPolicy.Propagate, FlushToZero: true, TininessBeforeRounding: true);

    private static uint F(float x) => BitConverter.SingleToUInt32Bits(x);

    private static ulong D(double x) => BitConverter.DoubleToUInt64Bits(x);

    [Fact]
    public void PropagatesFirstSignallingThenFirstQuietNaN()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(QNaN1, SoftFloat.F32Add(QNaN1, QNaN2, Arm, ref flags));
        Assert.Equal(QNaN2, SoftFloat.F32Mul(F(1f), QNaN2, Arm, ref flags));
        Assert.Equal(FpExceptions.None, flags);

        Assert.Equal(SNaN2 | 0x0040_0000u, SoftFloat.F32Sub(QNaN1, SNaN2, Arm, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(SNaN1 | 0x0040_0000u, SoftFloat.F32Div(SNaN1, SNaN2, Arm, ref flags));
        Assert.Equal(0x7FF8_0000_0000_0001UL, SoftFloat.F64Sqrt(0x7FF0_0000_0000_0001, Arm, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        // Invalid operations generate the default NaN.
        flags = FpExceptions.None;
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Mul(PosInf, 0x8000_0000, Arm, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        // Conversions keep sign and payload.
        flags = FpExceptions.None;
        Assert.Equal(0xFFF8_0000_4000_0000UL, SoftFloat.F32ToF64(QNaN2, Arm, ref flags));
        Assert.Equal(0x7FC0_0001u, SoftFloat.F64ToF32(0x7FF0_0000_2000_0000, Arm, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    [Fact]
    public void DefaultNaNModeReturnsDefaultNaN()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Add(QNaN2, F(1f), ArmDn, ref flags));
        Assert.Equal(SoftFloat.CanonicalNaN64, SoftFloat.F32ToF64(QNaN2, ArmDn, ref flags));
        Assert.Equal(FpExceptions.None, flags);
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32MulAdd(F(1f), SNaN1, F(1f), ArmDn, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    [Fact]
    public void FusedMultiplyAddUsesAddendFirstPriority()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(QNaN2, SoftFloat.F32MulAdd(QNaN1, F(1f), QNaN2, Arm, ref flags));
        Assert.Equal(QNaN1, SoftFloat.F32MulAdd(QNaN1, QNaN2, F(1f), Arm, ref flags));
        Assert.Equal(FpExceptions.None, flags);

        // Signalling NaNs beat quiet ones regardless of position.
        Assert.Equal(SNaN1 | 0x0040_0000u, SoftFloat.F32MulAdd(F(1f), SNaN1, QNaN2, Arm, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        // inf * 0 + qNaN: default NaN and Invalid (FPMulAdd special case).
        flags = FpExceptions.None;
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32MulAdd(PosInf, 0, QNaN2, Arm, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        // inf * 0 + sNaN: the quieted signalling NaN.
        flags = FpExceptions.None;
        Assert.Equal(SNaN2 | 0x0040_0000u, SoftFloat.F32MulAdd(0, PosInf, SNaN2, Arm, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    [Fact]
    public void FminFmaxPropagateNaNs()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0x8000_0000u, SoftFloat.F32Min(0, 0x8000_0000, Arm, ref flags));
        Assert.Equal(0u, SoftFloat.F32Max(0x8000_0000, 0, Arm, ref flags));
        Assert.Equal(QNaN2, SoftFloat.F32Min(F(1f), QNaN2, Arm, ref flags));
        Assert.Equal(0x7FF8_0000_0000_0003UL, SoftFloat.F64Max(0x7FF8_0000_0000_0003, D(1), Arm, ref flags));
        Assert.Equal(FpExceptions.None, flags);
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Max(F(1f), SNaN1, ArmDn, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    [Fact]
    public void FminnmFmaxnmPreferNumbersOverQuietNaNs()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(F(1f), SoftFloat.F32MinNum(QNaN1, F(1f), Arm, ref flags));
        Assert.Equal(F(-1f), SoftFloat.F32MaxNum(F(-1f), QNaN2, Arm, ref flags));
        Assert.Equal(0xFF80_0000u, SoftFloat.F32MaxNum(0xFF80_0000, QNaN2, Arm, ref flags));
        Assert.Equal(PosInf, SoftFloat.F32MinNum(QNaN1, PosInf, Arm, ref flags));
        Assert.Equal(0x8000_0000u, SoftFloat.F32MinNum(0, 0x8000_0000, Arm, ref flags));
        Assert.Equal(QNaN1, SoftFloat.F32MaxNum(QNaN1, QNaN2, Arm, ref flags));
        Assert.Equal(D(2), SoftFloat.F64MaxNum(0x7FF8_0000_0000_0000, D(2), Arm, ref flags));
        Assert.Equal(FpExceptions.None, flags);

        // A signalling NaN still produces a NaN and Invalid.
        Assert.Equal(SNaN1 | 0x0040_0000u, SoftFloat.F32MinNum(SNaN1, F(1f), Arm, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(SNaN2 | 0x0040_0000u, SoftFloat.F32MaxNum(QNaN1, SNaN2, Arm, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    [Fact]
    public void TininessBeforeRoundingRaisesUnderflowForResultsRoundingToMinNormal()
    {
        // 2^-126 * (1 - 2^-46) rounds to the smallest normal: tiny before rounding, not after.
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0x0080_0000u, SoftFloat.F32Mul(0x3F7F_FFFE, 0x0080_0001, Arm, ref flags));
        Assert.Equal(FpExceptions.Inexact | FpExceptions.Underflow, flags);

        flags = FpExceptions.None;
        Assert.Equal(0x0080_0000u, SoftFloat.F32Mul(0x3F7F_FFFE, 0x0080_0001, Arm with { TininessBeforeRounding = false }, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        // binary64: (1 - 2^-52) * 2^-1022 * (1 + 2^-52)
        flags = FpExceptions.None;
        Assert.Equal(0x0010_0000_0000_0000UL, SoftFloat.F64Mul(0x3FEF_FFFF_FFFF_FFFE, 0x0010_0000_0000_0001, Arm, ref flags));
        Assert.Equal(FpExceptions.Inexact | FpExceptions.Underflow, flags);

        // Narrowing: binary64 value 2^-127 * (2 - 2^-23) -> binary32 rounds to 2^-126.
        flags = FpExceptions.None;
        Assert.Equal(0x0080_0000u, SoftFloat.F64ToF32(0x380F_FFFF_F000_0000, Arm, ref flags));
        Assert.Equal(FpExceptions.Inexact | FpExceptions.Underflow, flags);
        flags = FpExceptions.None;
        Assert.Equal(0x0080_0000u, SoftFloat.F64ToF32(0x380F_FFFF_F000_0000, Arm with { TininessBeforeRounding = false }, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        // Exact tiny results never raise Underflow (when not flushing).
        flags = FpExceptions.None;
        Assert.Equal(0x0040_0000u, SoftFloat.F32Mul(0x0080_0000, F(0.5f), Arm, ref flags));
        Assert.Equal(FpExceptions.None, flags);
    }

    [Fact]
    public void FlushToZeroFlushesInputsWithInputDenormal()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(F(1f), SoftFloat.F32Add(0x0000_0001, F(1f), ArmFz, ref flags));
        Assert.Equal(FpExceptions.InputDenormal, flags);

        flags = FpExceptions.None;
        Assert.Equal(0x8000_0000u, SoftFloat.F32Mul(0x8040_0000, F(1f), ArmFz, ref flags));
        Assert.Equal(FpExceptions.InputDenormal, flags);

        flags = FpExceptions.None;
        Assert.Equal(0xFF80_0000u, SoftFloat.F32Div(F(1f), 0x8000_0001, ArmFz, ref flags));
        Assert.Equal(FpExceptions.InputDenormal | FpExceptions.DivideByZero, flags);

        flags = FpExceptions.None;
        Assert.Equal(0x8000_0000_0000_0000UL, SoftFloat.F32ToF64(0x8000_0001, ArmFz, ref flags));
        Assert.Equal(0, SoftFloat.F64ToInt32(0x0000_0000_0000_0001, ArmFz, IntOverflow.SaturateNanZero, ref flags));
        Assert.Equal(FpExceptions.InputDenormal, flags);

        // Without FZ the same addition is merely inexact.
        flags = FpExceptions.None;
        Assert.Equal(F(1f), SoftFloat.F32Add(0x0000_0001, F(1f), Arm, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        // DAZ flushes silently.
        flags = FpExceptions.None;
        Assert.Equal(F(1f), SoftFloat.F32Add(0x0000_0001, F(1f), Arm with { DenormalsAreZero = true }, ref flags));
        Assert.Equal(FpExceptions.None, flags);
    }

    [Fact]
    public void FlushToZeroFlushesTinyResultsWithUnderflowOnly()
    {
        // Exact subnormal result 2^-127: flushed to +0, Underflow but not Inexact.
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0u, SoftFloat.F32Mul(0x0080_0000, F(0.5f), ArmFz, ref flags));
        Assert.Equal(FpExceptions.Underflow, flags);

        // Exact subnormal difference 2^-1074 of two normals.
        flags = FpExceptions.None;
        Assert.Equal(0UL, SoftFloat.F64Sub(0x0010_0000_0000_0001, 0x0010_0000_0000_0000, ArmFz, ref flags));
        Assert.Equal(FpExceptions.Underflow, flags);
        flags = FpExceptions.None;
        Assert.Equal(0x8000_0000_0000_0000UL, SoftFloat.F64Sub(0x0010_0000_0000_0000, 0x0010_0000_0000_0001, ArmFz, ref flags));
        Assert.Equal(FpExceptions.Underflow, flags);
        flags = FpExceptions.None;
        Assert.Equal(1UL, SoftFloat.F64Sub(0x0010_0000_0000_0001, 0x0010_0000_0000_0000, Arm, ref flags));
        Assert.Equal(FpExceptions.None, flags);

        // Tiny before rounding (rounds to the smallest normal): flushed with tininess before rounding.
        flags = FpExceptions.None;
        Assert.Equal(0u, SoftFloat.F32Mul(0x3F7F_FFFE, 0x0080_0001, ArmFz, ref flags));
        Assert.Equal(FpExceptions.Underflow, flags);

        // ... but not when tininess is detected after rounding.
        flags = FpExceptions.None;
        Assert.Equal(0x0080_0000u, SoftFloat.F32Mul(0x3F7F_FFFE, 0x0080_0001, ArmFz with { TininessBeforeRounding = false }, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        // Negative results keep their sign; narrowing flushes too.
        flags = FpExceptions.None;
        Assert.Equal(0x8000_0000u, SoftFloat.F64ToF32(D(-1e-40), ArmFz, ref flags));
        Assert.Equal(FpExceptions.Underflow, flags);

        // Results that are normal are untouched.
        flags = FpExceptions.None;
        Assert.Equal(0x0080_0000u, SoftFloat.F32Add(0x0080_0000, 0, ArmFz, ref flags));
        Assert.Equal(FpExceptions.None, flags);
    }

    [Fact]
    public void FcvtzsSaturatesAndConvertsNaNToZero()
    {
        FpEnv rz = Arm with { Rounding = RoundingMode.TowardZero };
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0, SoftFloat.F32ToInt32(QNaN1, rz, IntOverflow.SaturateNanZero, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(0UL, SoftFloat.F64ToUInt64(0x7FF0_0000_0000_0001, rz, IntOverflow.SaturateNanZero, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(int.MaxValue, SoftFloat.F32ToInt32(PosInf, rz, IntOverflow.SaturateNanZero, ref flags));
        Assert.Equal(long.MinValue, SoftFloat.F64ToInt64(D(-1e300), rz, IntOverflow.SaturateNanZero, ref flags));
        Assert.Equal(0u, SoftFloat.F64ToUInt32(D(-2), rz, IntOverflow.SaturateNanZero, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(-2, SoftFloat.F64ToInt32(D(-2.9), rz, IntOverflow.SaturateNanZero, ref flags));
        Assert.Equal(0u, SoftFloat.F64ToUInt32(D(-0.9), rz, IntOverflow.SaturateNanZero, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);
    }
}
