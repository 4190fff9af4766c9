using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>Signed zeros, infinities, overflow by rounding mode and other IEEE 754 special cases.</summary>
public sealed class SpecialValueTests
{
    private const uint MaxF32 = 0x7F7F_FFFF;

    private static uint F(float x) => BitConverter.SingleToUInt32Bits(x);

    private static ulong D(double x) => BitConverter.DoubleToUInt64Bits(x);

    private static FpEnv Env(RoundingMode mode) => new(mode, NanPolicy.Canonical);

    public static TheoryData<RoundingMode> AllModes => new()
    {
        RoundingMode.NearestEven, RoundingMode.TowardZero, RoundingMode.Down, RoundingMode.Up, RoundingMode.NearestMaxMagnitude,
    };

    [Theory]
    [MemberData(nameof(AllModes))]
    public void ExactCancellationGivesPositiveZeroExceptWhenRoundingDown(RoundingMode mode)
    {
        uint zero = mode == RoundingMode.Down ? 0x8000_0000u : 0u;
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(zero, SoftFloat.F32Add(F(1.5f), F(-1.5f), Env(mode), ref flags));
        Assert.Equal(zero, SoftFloat.F32Sub(F(-7f), F(-7f), Env(mode), ref flags));
        Assert.Equal(zero, SoftFloat.F32Add(0, 0x8000_0000, Env(mode), ref flags));
        Assert.Equal(zero, SoftFloat.F32MulAdd(F(2f), F(3f), F(-6f), Env(mode), ref flags));
        Assert.Equal(zero, SoftFloat.F32MulAdd(0x8000_0000, F(3f), 0, Env(mode), ref flags));
        Assert.Equal((ulong)zero << 32, SoftFloat.F64Sub(D(1e300), D(1e300), Env(mode), ref flags));

        // Same-signed zeros keep their sign.
        Assert.Equal(0x8000_0000u, SoftFloat.F32Add(0x8000_0000, 0x8000_0000, Env(mode), ref flags));
        Assert.Equal(0u, SoftFloat.F32Add(0, 0, Env(mode), ref flags));
        Assert.Equal(0x8000_0000u, SoftFloat.F32MulAdd(0x8000_0000, F(3f), 0x8000_0000, Env(mode), ref flags));
        Assert.Equal(FpExceptions.None, flags);
    }

    [Theory]
    [MemberData(nameof(AllModes))]
    public void OverflowResultDependsOnRoundingMode(RoundingMode mode)
    {
        bool positiveToInfinity = mode is RoundingMode.NearestEven or RoundingMode.NearestMaxMagnitude or RoundingMode.Up;
        bool negativeToInfinity = mode is RoundingMode.NearestEven or RoundingMode.NearestMaxMagnitude or RoundingMode.Down;

        FpExceptions flags = FpExceptions.None;
        Assert.Equal(positiveToInfinity ? 0x7F80_0000u : MaxF32, SoftFloat.F32Mul(MaxF32, F(2f), Env(mode), ref flags));
        Assert.Equal(FpExceptions.Overflow | FpExceptions.Inexact, flags);

        flags = FpExceptions.None;
        Assert.Equal(negativeToInfinity ? 0xFF80_0000u : 0xFF7F_FFFFu, SoftFloat.F32Add(0xFF7F_FFFF, 0xFF7F_FFFF, Env(mode), ref flags));
        Assert.Equal(FpExceptions.Overflow | FpExceptions.Inexact, flags);

        flags = FpExceptions.None;
        Assert.Equal(negativeToInfinity ? 0xFFF0_0000_0000_0000UL : 0xFFEF_FFFF_FFFF_FFFFUL, SoftFloat.F64Div(D(-1e300), D(1e-300), Env(mode), ref flags));
        Assert.Equal(FpExceptions.Overflow | FpExceptions.Inexact, flags);

        flags = FpExceptions.None;
        Assert.Equal(positiveToInfinity ? 0x7F80_0000u : MaxF32, SoftFloat.F64ToF32(D(1e39), Env(mode), ref flags));
        Assert.Equal(FpExceptions.Overflow | FpExceptions.Inexact, flags);
    }

    [Fact]
    public void RoundingUpToOverflowThreshold()
    {
        // MAX + half an ulp overflows to infinity in round-to-nearest (the tie goes to the even "2^128").
        // In the binary64 encoding of binary32's MAX, half a binary32 ulp is bit 28.
        ulong max = D(BitConverter.UInt32BitsToSingle(MaxF32));
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0x7F80_0000u, SoftFloat.F64ToF32(max + (1UL << 28), Env(RoundingMode.NearestEven), ref flags));
        Assert.Equal(FpExceptions.Overflow | FpExceptions.Inexact, flags);

        // Slightly less than half an ulp above MAX rounds down to MAX without overflow.
        flags = FpExceptions.None;
        Assert.Equal(MaxF32, SoftFloat.F64ToF32(max + (1UL << 28) - 1, Env(RoundingMode.NearestEven), ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);
    }

    [Fact]
    public void DivisionByZeroAndInvalidCases()
    {
        FpEnv env = Env(RoundingMode.NearestEven);
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0xFF80_0000u, SoftFloat.F32Div(F(1f), 0x8000_0000, env, ref flags));
        Assert.Equal(0x7FF0_0000_0000_0000UL, SoftFloat.F64Div(D(-5), 0x8000_0000_0000_0000, env, ref flags));
        Assert.Equal(FpExceptions.DivideByZero, flags);

        // inf / 0 is an exact infinity; 0 / inf and x / inf are zeros.
        flags = FpExceptions.None;
        Assert.Equal(0x7F80_0000u, SoftFloat.F32Div(0x7F80_0000, 0, env, ref flags));
        Assert.Equal(0x8000_0000u, SoftFloat.F32Div(F(3f), 0xFF80_0000, env, ref flags));
        Assert.Equal(FpExceptions.None, flags);

        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Div(0x7F80_0000, 0xFF80_0000, env, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    [Fact]
    public void SquareRootSpecialCases()
    {
        FpEnv env = Env(RoundingMode.NearestEven);
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0x8000_0000u, SoftFloat.F32Sqrt(0x8000_0000, env, ref flags));
        Assert.Equal(0x8000_0000_0000_0000UL, SoftFloat.F64Sqrt(0x8000_0000_0000_0000, env, ref flags));
        Assert.Equal(0x7F80_0000u, SoftFloat.F32Sqrt(0x7F80_0000, env, ref flags));
        Assert.Equal(F(3f), SoftFloat.F32Sqrt(F(9f), env, ref flags));
        Assert.Equal(D(Math.ScaleB(1, -537)), SoftFloat.F64Sqrt(1, env, ref flags));
        Assert.Equal(FpExceptions.None, flags);

        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Sqrt(0xFF80_0000, env, ref flags));
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Sqrt(0x8000_0001, env, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(D(Math.Sqrt(2)), SoftFloat.F64Sqrt(D(2), env, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);
    }

    [Fact]
    public void ClassificationHelpers()
    {
        Assert.True(SoftFloat.IsNaN32(SoftFloat.CanonicalNaN32));
        Assert.True(SoftFloat.IsNaN32(0xFF80_0001));
        Assert.False(SoftFloat.IsNaN32(0x7F80_0000));
        Assert.True(SoftFloat.IsSignalingNaN32(0x7F80_0001));
        Assert.False(SoftFloat.IsSignalingNaN32(0x7FC0_0000));
        Assert.False(SoftFloat.IsSignalingNaN32(0x7F80_0000));
        Assert.True(SoftFloat.IsNaN64(SoftFloat.CanonicalNaN64));
        Assert.False(SoftFloat.IsNaN64(0xFFF0_0000_0000_0000));
        Assert.True(SoftFloat.IsSignalingNaN64(0xFFF0_0000_0000_0001));
        Assert.False(SoftFloat.IsSignalingNaN64(0x7FF8_0000_0000_0001));
    }

    [Fact]
    public void RoundToIntegralKeepsSignAndSpecials()
    {
        foreach (RoundingMode mode in Enum.GetValues<RoundingMode>())
        {
            FpEnv env = Env(mode);
            FpExceptions flags = FpExceptions.None;
            Assert.Equal(0x8000_0000u, SoftFloat.F32RoundToIntegral(0x8000_0000, env, true, ref flags));
            Assert.Equal(0xFF80_0000u, SoftFloat.F32RoundToIntegral(0xFF80_0000, env, true, ref flags));
            Assert.Equal(F(1e30f), SoftFloat.F32RoundToIntegral(F(1e30f), env, true, ref flags));
            Assert.Equal(D(-3), SoftFloat.F64RoundToIntegral(D(-3), env, true, ref flags));
            Assert.Equal(FpExceptions.None, flags);

            uint r = SoftFloat.F32RoundToIntegral(F(-0.3f), env, true, ref flags);
            Assert.Equal(mode == RoundingMode.Down ? F(-1f) : 0x8000_0000u, r);
            Assert.Equal(FpExceptions.Inexact, flags);
        }
    }

    [Fact]
    public void InvalidRoundingModeThrows()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Throws<ArgumentOutOfRangeException>(() => SoftFloat.F32Add(F(1f), 1, new FpEnv((RoundingMode)7, NanPolicy.Canonical), ref flags));
    }
}
