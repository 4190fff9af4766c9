using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>x86 SSE specifics (also covered bit-exactly by the oracle tests, kept here as documentation).</summary>
public sealed class X86SemanticsTests
{
    private static readonly FpEnv Sse = new(RoundingMode.NearestEven, NanPolicy.X86);

    private static uint F(float x) => BitConverter.SingleToUInt32Bits(x);

    private static ulong D(double x) => BitConverter.DoubleToUInt64Bits(x);

    [Fact]
    public void InvalidOperationsGenerateNegativeIndefinite()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(SoftFloat.X86DefaultNaN32, SoftFloat.F32Sub(0x7F80_0000, 0x7F80_0000, Sse, ref flags));
        Assert.Equal(SoftFloat.X86DefaultNaN64, SoftFloat.F64Sqrt(D(-2), Sse, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    [Fact]
    public void FirstOperandNaNWins()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0xFFC0_0002u, SoftFloat.F32Add(0xFFC0_0002, 0x7F80_0001, Sse, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
        Assert.Equal(0x7FC0_0001u, SoftFloat.F32Add(F(1f), 0x7F80_0001, Sse, ref flags));
    }

    [Fact]
    public void FmaWithInfinityTimesZeroAndQuietNaNIsNotInvalid()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0x7FC0_0003u, SoftFloat.F32MulAdd(0x7F80_0000, 0, 0x7FC0_0003, Sse, ref flags));
        Assert.Equal(FpExceptions.None, flags);
        Assert.Equal(0x7FC0_0001u, SoftFloat.F32MulAdd(0x7FC0_0001, 0x7FC0_0002, 0x7FC0_0003, Sse, ref flags));
    }

    [Fact]
    public void MinMaxReturnSecondOperandForNaNsAndZeros()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(0x8000_0000u, SoftFloat.F32MinX86(0, 0x8000_0000, Sse, ref flags));
        Assert.Equal(0u, SoftFloat.F32MinX86(0x8000_0000, 0, Sse, ref flags));
        Assert.Equal(0u, SoftFloat.F32MaxX86(0x8000_0000, 0, Sse, ref flags));
        Assert.Equal(FpExceptions.None, flags);

        // The second operand is returned unchanged, even a signalling NaN, and any NaN raises Invalid.
        Assert.Equal(0x7F80_0001u, SoftFloat.F32MinX86(F(1f), 0x7F80_0001, Sse, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);

        flags = FpExceptions.None;
        Assert.Equal(D(1), SoftFloat.F64MaxX86(SoftFloat.CanonicalNaN64, D(1), Sse, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }

    [Fact]
    public void ConversionsReturnIntegerIndefinite()
    {
        FpExceptions flags = FpExceptions.None;
        Assert.Equal(int.MinValue, SoftFloat.F32ToInt32(SoftFloat.CanonicalNaN32, Sse, IntOverflow.Indefinite, ref flags));
        Assert.Equal(int.MinValue, SoftFloat.F64ToInt32(D(3e9), Sse, IntOverflow.Indefinite, ref flags));
        Assert.Equal(long.MinValue, SoftFloat.F64ToInt64(D(1e19), Sse, IntOverflow.Indefinite, ref flags));
        Assert.Equal(uint.MaxValue, SoftFloat.F64ToUInt32(D(-1), Sse, IntOverflow.Indefinite, ref flags));
        Assert.Equal(ulong.MaxValue, SoftFloat.F32ToUInt64(0xFF80_0000, Sse, IntOverflow.Indefinite, ref flags));
        Assert.Equal(FpExceptions.Invalid, flags);
    }
}
