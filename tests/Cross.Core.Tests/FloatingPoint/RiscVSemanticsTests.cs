using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>RISC-V F/D specifics: canonical NaNs, FCVT saturation, FMIN/FMAX, FMA invalid cases.</summary>
public sealed class RiscVSemanticsTests
{
    private const uint QNaN32WithPayload = 0xFFC1_2345; // negative quiet NaN with payload
    private const uint SNaN32 = 0x7F80_0001;
    private const ulong SNaN64 = 0x7FF0_0000_0000_0001;
    private const uint PosInf32 = 0x7F80_0000;
    private const uint NegInf32 = 0xFF80_0000;

    private static FpEnv Env(RoundingMode mode = RoundingMode.NearestEven) => new(mode, NanPolicy.Canonical);

    private static uint F(float x) => BitConverter.SingleToUInt32Bits(x);

    private static ulong D(double x) => BitConverter.DoubleToUInt64Bits(x);

    [Fact]
    public void EveryNaNResultIsCanonical()
    {
        FpEnv env = Env();
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Add(QNaN32WithPayload, F(1f), env, ref flags));
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Mul(F(1f), QNaN32WithPayload, env, ref flags));
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Sqrt(QNaN32WithPayload, env, ref flags));
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32MulAdd(F(1f), F(1f), QNaN32WithPayload, env, ref flags));
        Assert.Equal(SoftFloat.CanonicalNaN64, SoftFloat.F32ToF64(QNaN32WithPayload, env, ref flags));
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F64ToF32(0xFFF8_0000_0000_1234, env, ref flags));
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32RoundToIntegral(QNaN32WithPayload, env, true, ref flags));
        Assert.Equal(FpExceptions.None, flags);

        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Add(SNaN32, F(1f), env, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(SoftFloat.CanonicalNaN64, SoftFloat.F64Sqrt(D(-1), env, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Sub(PosInf32, PosInf32, env, ref flags));
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Mul(NegInf32, 0x8000_0000, env, ref flags));
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32Div(0, 0x8000_0000, env, ref flags));
        Assert.Equal(SoftFloat.CanonicalNaN64, SoftFloat.F64Div(0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000, env, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    [Fact]
    public void FmaInfinityTimesZeroIsInvalidEvenWithQuietNaNAddend()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32MulAdd(PosInf32, 0, SoftFloat.CanonicalNaN32, Env(), ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(SoftFloat.CanonicalNaN64, SoftFloat.F64MulAdd(0x8000_0000_0000_0000, 0x7FF0_0000_0000_0000, 0x7FF8_0000_0000_0042, Env(), ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        // A quiet NaN addend with a finite product is not invalid.
        flags = FpExceptions.None;
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32MulAdd(F(2f), F(3f), QNaN32WithPayload, Env(), ref flags));
        Assert.Equal(FpExceptions.None, flags);

        // inf * x - inf
        flags = FpExceptions.None;
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32MulAdd(PosInf32, F(2f), NegInf32, Env(), ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    public static TheoryData<string, uint, RoundingMode, long, FpExceptions> ConversionTable => new()
    {
        // fcvt.w.s
        { "w", SoftFloat.CanonicalNaN32, RoundingMode.NearestEven, int.MaxValue, FpExceptions.Invalid },
        { "w", 0xFFC0_0001, RoundingMode.NearestEven, int.MaxValue, FpExceptions.Invalid },
        { "w", SNaN32, RoundingMode.NearestEven, int.MaxValue, FpExceptions.Invalid },
        { "w", PosInf32, RoundingMode.NearestEven, int.MaxValue, FpExceptions.Invalid },
        { "w", NegInf32, RoundingMode.NearestEven, int.MinValue, FpExceptions.Invalid },
        { "w", 0x4F00_0000, RoundingMode.NearestEven, int.MaxValue, FpExceptions.Invalid }, // 2^31
        { "w", 0xCF00_0000, RoundingMode.NearestEven, int.MinValue, FpExceptions.None },    // -2^31 exactly
        { "w", 0xCF00_0001, RoundingMode.NearestEven, int.MinValue, FpExceptions.Invalid },
        { "w", 0x4EFF_FFFF, RoundingMode.NearestEven, 2147483520, FpExceptions.None },
        { "w", 0xBF00_0000, RoundingMode.NearestEven, 0, FpExceptions.Inexact },             // -0.5 -> -0
        { "w", 0xBF00_0000, RoundingMode.Down, -1, FpExceptions.Inexact },
        { "w", 0x8000_0000, RoundingMode.NearestEven, 0, FpExceptions.None },
        { "w", 0x8000_0001, RoundingMode.Down, -1, FpExceptions.Inexact },
        { "w", 0x0000_0001, RoundingMode.Up, 1, FpExceptions.Inexact },

        // fcvt.wu.s
        { "wu", SoftFloat.CanonicalNaN32, RoundingMode.NearestEven, uint.MaxValue, FpExceptions.Invalid },
        { "wu", PosInf32, RoundingMode.NearestEven, uint.MaxValue, FpExceptions.Invalid },
        { "wu", NegInf32, RoundingMode.NearestEven, 0, FpExceptions.Invalid },
        { "wu", 0x4F80_0000, RoundingMode.NearestEven, uint.MaxValue, FpExceptions.Invalid }, // 2^32
        { "wu", 0x4F7F_FFFF, RoundingMode.NearestEven, 4294967040, FpExceptions.None },
        { "wu", 0xBF80_0000, RoundingMode.TowardZero, 0, FpExceptions.Invalid },              // -1.0
        { "wu", 0xBE99_999A, RoundingMode.TowardZero, 0, FpExceptions.Inexact },              // -0.3
        { "wu", 0xBF00_0000, RoundingMode.TowardZero, 0, FpExceptions.Inexact },              // -0.5
        { "wu", 0xBF00_0000, RoundingMode.NearestEven, 0, FpExceptions.Inexact },             // -0.5 -> -0
        { "wu", 0xBF00_0000, RoundingMode.Down, 0, FpExceptions.Invalid },                    // -0.5 -> -1
        { "wu", 0xBF00_0000, RoundingMode.NearestMaxMagnitude, 0, FpExceptions.Invalid },     // -0.5 -> -1
        { "wu", 0xBF40_0000, RoundingMode.Up, 0, FpExceptions.Inexact },                      // -0.75 -> -0
        { "wu", 0x8000_0000, RoundingMode.NearestEven, 0, FpExceptions.None },

        // fcvt.l.s / fcvt.lu.s
        { "l", SoftFloat.CanonicalNaN32, RoundingMode.NearestEven, long.MaxValue, FpExceptions.Invalid },
        { "l", PosInf32, RoundingMode.NearestEven, long.MaxValue, FpExceptions.Invalid },
        { "l", NegInf32, RoundingMode.NearestEven, long.MinValue, FpExceptions.Invalid },
        { "l", 0x5F00_0000, RoundingMode.NearestEven, long.MaxValue, FpExceptions.Invalid }, // 2^63
        { "l", 0xDF00_0000, RoundingMode.NearestEven, long.MinValue, FpExceptions.None },    // -2^63
        { "l", 0x3FC0_0000, RoundingMode.NearestEven, 2, FpExceptions.Inexact },             // 1.5
        { "lu", SoftFloat.CanonicalNaN32, RoundingMode.NearestEven, -1, FpExceptions.Invalid },
        { "lu", PosInf32, RoundingMode.NearestEven, -1, FpExceptions.Invalid },
        { "lu", NegInf32, RoundingMode.NearestEven, 0, FpExceptions.Invalid },
        { "lu", 0x5F80_0000, RoundingMode.NearestEven, -1, FpExceptions.Invalid },           // 2^64
        { "lu", 0x5F7F_FFFF, RoundingMode.NearestEven, unchecked((long)0xFFFF_FF00_0000_0000UL), FpExceptions.None },
        { "lu", 0xBF80_0000, RoundingMode.NearestEven, 0, FpExceptions.Invalid },
        { "lu", 0xBE99_999A, RoundingMode.TowardZero, 0, FpExceptions.Inexact },
    };

    [Theory]
    [MemberData(nameof(ConversionTable))]
    public void FcvtSaturation(string kind, uint input, RoundingMode mode, long expected, FpExceptions expectedFlags)
    {
        FpEnv env = Env(mode);
        FpExceptions flags = FpExceptions.None;
        long actual = kind switch
        {
            "w" => SoftFloat.F32ToInt32(input, env, IntOverflow.Saturate, ref flags),
            "wu" => SoftFloat.F32ToUInt32(input, env, IntOverflow.Saturate, ref flags),
            "l" => SoftFloat.F32ToInt64(input, env, IntOverflow.Saturate, ref flags),
            _ => (long)SoftFloat.F32ToUInt64(input, env, IntOverflow.Saturate, ref flags),
        };
        Assert.Equal(expected, actual);
        Assert.Equal(expectedFlags, flags);

        // The binary64 conversions agree on these (exactly representable) inputs.
        FpExceptions flags64 = FpExceptions.None;
        ulong wide = SoftFloat.F32ToF64(input, env, ref flags64);
        flags64 = FpExceptions.None;
        long actual64 = kind switch
        {
            "w" => SoftFloat.F64ToInt32(wide, env, IntOverflow.Saturate, ref flags64),
            "wu" => SoftFloat.F64ToUInt32(wide, env, IntOverflow.Saturate, ref flags64),
            "l" => SoftFloat.F64ToInt64(wide, env, IntOverflow.Saturate, ref flags64),
            _ => (long)SoftFloat.F64ToUInt64(wide, env, IntOverflow.Saturate, ref flags64),
        };
        Assert.Equal(expected, actual64);
        Assert.Equal(expectedFlags, flags64);
    }

    [Fact]
    public void FcvtFromDoubleRoundsBeforeRangeCheck()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(int.MaxValue, SoftFloat.F64ToInt32(D(2147483647.5), Env(RoundingMode.NearestEven), IntOverflow.Saturate, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(int.MaxValue, SoftFloat.F64ToInt32(D(2147483647.5), Env(RoundingMode.TowardZero), IntOverflow.Saturate, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        flags = FpExceptions.None;
        Assert.Equal(int.MinValue, SoftFloat.F64ToInt32(D(-2147483648.5), Env(RoundingMode.NearestEven), IntOverflow.Saturate, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        flags = FpExceptions.None;
        Assert.Equal(int.MinValue, SoftFloat.F64ToInt32(D(-2147483648.5), Env(RoundingMode.Down), IntOverflow.Saturate, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(uint.MaxValue, SoftFloat.F64ToUInt32(D(4294967295.4), Env(RoundingMode.NearestEven), IntOverflow.Saturate, ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);
    }

    [Fact]
    public void FminFmaxOrderSignedZeros()
    {
        FpEnv env = Env();
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0x8000_0000u, SoftFloat.F32MinNumber(0x8000_0000, 0, env, ref flags));
        Assert.Equal(0x8000_0000u, SoftFloat.F32MinNumber(0, 0x8000_0000, env, ref flags));
        Assert.Equal(0u, SoftFloat.F32MaxNumber(0x8000_0000, 0, env, ref flags));
        Assert.Equal(0u, SoftFloat.F32MaxNumber(0, 0x8000_0000, env, ref flags));
        Assert.Equal(0x8000_0000_0000_0000UL, SoftFloat.F64MinNumber(0, 0x8000_0000_0000_0000, env, ref flags));
        Assert.Equal(0UL, SoftFloat.F64MaxNumber(0x8000_0000_0000_0000, 0, env, ref flags));
        Assert.Equal(F(-3f), SoftFloat.F32MinNumber(F(2f), F(-3f), env, ref flags));
        Assert.Equal(F(2f), SoftFloat.F32MaxNumber(F(2f), F(-3f), env, ref flags));
        Assert.Equal(NegInf32, SoftFloat.F32MinNumber(NegInf32, F(-3f), env, ref flags));
        Assert.Equal(FpExceptions.None, flags);
    }

    [Fact]
    public void FminFmaxNaNHandling()
    {
        FpEnv env = Env();
        FpExceptions flags = FpExceptions.None;

        // One quiet NaN: the other operand, no exception.
        Assert.Equal(F(1f), SoftFloat.F32MinNumber(QNaN32WithPayload, F(1f), env, ref flags));
        Assert.Equal(F(1f), SoftFloat.F32MaxNumber(F(1f), QNaN32WithPayload, env, ref flags));
        Assert.Equal(FpExceptions.None, flags);

        // Two quiet NaNs: canonical NaN, no exception.
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32MinNumber(QNaN32WithPayload, 0x7FC0_0005, env, ref flags));
        Assert.Equal(FpExceptions.None, flags);

        // A signalling NaN: the other operand, but Invalid.
        Assert.Equal(F(1f), SoftFloat.F32MinNumber(SNaN32, F(1f), env, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(D(-1), SoftFloat.F64MaxNumber(D(-1), SNaN64, env, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(SoftFloat.CanonicalNaN32, SoftFloat.F32MaxNumber(SNaN32, QNaN32WithPayload, env, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    [Fact]
    public void ComparisonsSignalAsRiscVRequires()
    {
        FpExceptions flags = FpExceptions.None;

        // feq is quiet: no exception for quiet NaNs, Invalid for signalling NaNs.
        Assert.False(SoftFloat.F32Equal(SoftFloat.CanonicalNaN32, F(1f), ref flags));
        Assert.Equal(FpExceptions.None, flags);
        Assert.True(SoftFloat.F32Equal(0x8000_0000, 0, ref flags));
        Assert.False(SoftFloat.F32Equal(SNaN32, SNaN32, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        // flt / fle signal on any NaN.
        flags = FpExceptions.None;
        Assert.False(SoftFloat.F32LessThan(SoftFloat.CanonicalNaN32, F(1f), ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.False(SoftFloat.F64LessOrEqual(D(1), SoftFloat.CanonicalNaN64, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        // Zfa fltq / fleq are quiet.
        flags = FpExceptions.None;
        Assert.False(SoftFloat.F32LessThanQuiet(SoftFloat.CanonicalNaN32, F(1f), ref flags));
        Assert.False(SoftFloat.F64LessOrEqualQuiet(D(1), SoftFloat.CanonicalNaN64, ref flags));
        Assert.Equal(FpExceptions.None, flags);

        Assert.False(SoftFloat.F32LessThan(0x8000_0000, 0, ref flags));
        Assert.True(SoftFloat.F32LessOrEqual(0, 0x8000_0000, ref flags));
        Assert.True(SoftFloat.F32LessThan(F(-1f), 0x8000_0000, ref flags));
        Assert.True(SoftFloat.F64LessThan(D(-2), D(-1), ref flags));
        Assert.False(SoftFloat.F64LessThan(D(-1), D(-2), ref flags));
        Assert.Equal(FpExceptions.None, flags);
    }

    [Fact]
    public void TininessAfterRoundingIsTheDefault()
    {
        // (1 - 2^-23) * (2^-126 * (1 + 2^-23)) = 2^-126 * (1 - 2^-46) rounds up to the smallest normal.
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0x0080_0000u, SoftFloat.F32Mul(0x3F7F_FFFE, 0x0080_0001, Env(), ref flags));
        Assert.Equal(FpExceptions.Inexact, flags);

        flags = FpExceptions.None;
        Assert.Equal(0x007F_FFFFu, SoftFloat.F32Mul(0x3F7F_FFFE, 0x0080_0001, Env(RoundingMode.TowardZero), ref flags));
        Assert.Equal(FpExceptions.Inexact | FpExceptions.Underflow, flags);
    }
}
