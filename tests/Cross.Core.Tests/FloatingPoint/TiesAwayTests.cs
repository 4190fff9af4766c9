using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>Hand-written checks of roundTiesToAway (RISC-V RMM, ARM FRINTA/FCVTA), which the x86 oracle lacks.</summary>
public sealed class TiesAwayTests
{
    private static readonly FpEnv Away = new(RoundingMode.NearestMaxMagnitude, NanPolicy.Canonical);
    private static readonly FpEnv Even = new(RoundingMode.NearestEven, NanPolicy.Canonical);

    private static uint F(float x) => BitConverter.SingleToUInt32Bits(x);

    private static ulong D(double x) => BitConverter.DoubleToUInt64Bits(x);

    [Fact]
    public void AdditionTieRoundsAwayFromZero()
    {
        // 1 + 2^-24 is exactly halfway between 1 and 1 + 2^-23.
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0x3F800001u, SoftFloat.F32Add(F(1f), F(MathF.ScaleB(1f, -24)), Away, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        flags = FpExceptions.None;
        Assert.Equal(0x3F800000u, SoftFloat.F32Add(F(1f), F(MathF.ScaleB(1f, -24)), Even, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        flags = FpExceptions.None;
        Assert.Equal(0xBF800001u, SoftFloat.F32Add(F(-1f), F(-MathF.ScaleB(1f, -24)), Away, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);
    }

    [Fact]
    public void TieWithOddAndEvenNeighbours()
    {
        // 1 + 2.5 ulp: ties-to-even gives 1 + 2 ulp, ties-away 1 + 3 ulp.
        ulong a = D(1);
        ulong b = D(2.5 * Math.ScaleB(1, -52));
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(D(1) + 3, SoftFloat.F64Add(a, b, Away, ref flags));
        Assert.Equal(D(1) + 2, SoftFloat.F64Add(a, b, Even, ref flags));

        // 1 + 1.5 ulp: both give 1 + 2 ulp.
        b = D(1.5 * Math.ScaleB(1, -52));
        Assert.Equal(D(1) + 2, SoftFloat.F64Add(a, b, Away, ref flags));
        Assert.Equal(D(1) + 2, SoftFloat.F64Add(a, b, Even, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);
    }

    [Fact]
    public void NonTiesRoundToNearest()
    {
        // 1 + 0.49 ulp and 1 + 0.51 ulp (via fma with a single rounding).
        FpExceptions flags = FpExceptions.None;
        ulong quarter = D(Math.ScaleB(1, -54));
        Assert.Equal(D(1), SoftFloat.F64MulAdd(D(1), D(1), quarter, Away, ref flags));
        Assert.Equal(D(1) + 1, SoftFloat.F64MulAdd(D(1), D(1), D(Math.ScaleB(1, -53) + Math.ScaleB(1, -60)), Away, ref flags));
        Assert.Equal(D(1), SoftFloat.F64MulAdd(D(1), D(1), D(Math.ScaleB(1, -53) - Math.ScaleB(1, -60)), Away, ref flags));
    }

    [Fact]
    public void SubnormalTieRoundsAwayFromZero()
    {
        // 2^-150 is halfway between 0 and the smallest subnormal 2^-149.
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(1u, SoftFloat.F32Mul(1, F(0.5f), Away, ref flags));
        Assert.Equal(FpExceptions.Inexact | FpExceptions.Underflow, flags);

        flags = FpExceptions.None;
        Assert.Equal(0u, SoftFloat.F32Mul(1, F(0.5f), Even, ref flags));
        Assert.Equal(FpExceptions.Inexact | FpExceptions.Underflow, flags);

        flags = FpExceptions.None;
        Assert.Equal(0x8000_0001u, SoftFloat.F32Mul(0x8000_0001u, F(0.5f), Away, ref flags));
    }

    [Fact]
    public void OverflowGoesToInfinity()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0x7F80_0000u, SoftFloat.F32Mul(0x7F7F_FFFFu, F(2f), Away, ref flags));
        Assert.Equal(FpExceptions.Overflow | FpExceptions.Inexact, flags);
        Assert.Equal(0xFFF0_0000_0000_0000UL, SoftFloat.F64Add(0xFFEF_FFFF_FFFF_FFFFUL, 0xFFEF_FFFF_FFFF_FFFFUL, Away, ref flags));
    }

    [Fact]
    public void ConversionsToIntegerRoundHalvesAway()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(3, SoftFloat.F32ToInt32(F(2.5f), Away, IntOverflow.Saturate, ref flags));
        Assert.Equal(-3, SoftFloat.F32ToInt32(F(-2.5f), Away, IntOverflow.Saturate, ref flags));
        Assert.Equal(1L, SoftFloat.F64ToInt64(D(0.5), Away, IntOverflow.Saturate, ref flags));
        Assert.Equal(-1L, SoftFloat.F64ToInt64(D(-0.5), Away, IntOverflow.Saturate, ref flags));
        Assert.Equal(0L, SoftFloat.F64ToInt64(D(-0.49999999999999994), Away, IntOverflow.Saturate, ref flags));
        Assert.Equal(2u, SoftFloat.F64ToUInt32(D(1.5), Away, IntOverflow.Saturate, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        flags = FpExceptions.None;
        Assert.Equal(2, SoftFloat.F32ToInt32(F(2.5f), Even, IntOverflow.Saturate, ref flags));
        Assert.Equal(-2, SoftFloat.F32ToInt32(F(-2.5f), Even, IntOverflow.Saturate, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        // -0.5 rounds away to -1, which is out of range for unsigned.
        flags = FpExceptions.None;
        Assert.Equal(0u, SoftFloat.F32ToUInt32(F(-0.5f), Away, IntOverflow.Saturate, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        // 2^31 - 0.5 rounds away to 2^31: out of range for int32.
        flags = FpExceptions.None;
        Assert.Equal(int.MaxValue, SoftFloat.F64ToInt32(D(2147483647.5), Away, IntOverflow.Saturate, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    [Fact]
    public void RoundToIntegralRoundsHalvesAway()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(F(3f), SoftFloat.F32RoundToIntegral(F(2.5f), Away, true, ref flags));
        Assert.Equal(F(-1f), SoftFloat.F32RoundToIntegral(F(-0.5f), Away, true, ref flags));
        Assert.Equal(D(-2251799813685249.0), SoftFloat.F64RoundToIntegral(D(-2251799813685248.5), Away, true, ref flags));
        Assert.Equal(D(-2251799813685248.0), SoftFloat.F64RoundToIntegral(D(-2251799813685248.5), Even, true, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        flags = FpExceptions.None;
        Assert.Equal(F(-0f), SoftFloat.F32RoundToIntegral(F(-0.25f), Away, false, ref flags));
        Assert.Equal(FpExceptions.None, flags);
    }

    [Fact]
    public void ConversionsBetweenFormatsAndFromIntegers()
    {
        FpExceptions flags = FpExceptions.None;

        // 2^24 + 1 is halfway between 2^24 and 2^24 + 2.
        Assert.Equal(F(16777218f), SoftFloat.Int32ToF32(16777217, Away, ref flags));
        Assert.Equal(F(16777216f), SoftFloat.Int32ToF32(16777217, Even, ref flags));
        Assert.Equal(F(-16777218f), SoftFloat.Int64ToF32(-16777217, Away, ref flags));
        Assert.Equal(D(9007199254740994.0), SoftFloat.UInt64ToF64(9007199254740993UL, Away, ref flags));

        // binary64 1 + 2^-24 is a binary32 tie.
        Assert.Equal(0x3F80_0001u, SoftFloat.F64ToF32(D(1 + Math.ScaleB(1, -24)), Away, ref flags));
        Assert.Equal(0x3F80_0000u, SoftFloat.F64ToF32(D(1 + Math.ScaleB(1, -24)), Even, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);
    }
}
