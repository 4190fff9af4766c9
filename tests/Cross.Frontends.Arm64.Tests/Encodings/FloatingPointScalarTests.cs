using Cross.Core.FloatingPoint;
using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Tests.TestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

public class FloatingPointScalarTests
{
    private const uint QuietNan32 = 0x7FC0_0000, SignalingNan32 = 0x7F80_0001;
    private const ulong QuietNan64 = 0x7FF8_0000_0000_0000, SignalingNan64 = 0x7FF0_0000_0000_0001;
    private const ulong DefaultNan64 = 0x7FF8_0000_0000_0000;

    /// <summary>Bits a scalar write must clear, so a test can see that they were.</summary>
    private static readonly UInt128 Garbage = new(0xDEAD_BEEF_DEAD_BEEF, 0xDEAD_BEEF_DEAD_BEEF);

    private static uint S(float value) => BitConverter.SingleToUInt32Bits(value);

    private static ulong D(double value) => BitConverter.DoubleToUInt64Bits(value);

    private static FpExceptions Flags(A64Machine m) => (FpExceptions)m.FpFlags;

    /// <summary>A machine with V registers preloaded (low bits = the value, upper bits garbage for S values).</summary>
    private static A64Machine Machine(string backend, string source, params (int Register, ulong Bits)[] vectors)
    {
        var m = new A64Machine(backend).Load(source);
        for (var r = 0; r < 32; r++) m.SetV(r, Garbage);
        foreach (var (register, bits) in vectors) m.SetV(register, bits);
        return m;
    }

    [Theory]
    [AllBackends]
    public void SingleArithmeticZeroesTheRestOfTheVector(string backend)
    {
        var m = Machine(backend, """
            fadd s0, s1, s2
            fsub s3, s1, s2
            fmul s4, s1, s2
            fdiv s5, s1, s2
            fsqrt s6, s2
            fnmul s7, s1, s2
            fabs s8, s9
            fneg s10, s1
            fmov s11, s1
            """, (1, S(1.5f)), (2, S(4f)), (9, S(-3f))).RunToBreak();
        Assert.Equal((UInt128)S(5.5f), m.V(0));
        Assert.Equal((UInt128)S(-2.5f), m.V(3));
        Assert.Equal((UInt128)S(6f), m.V(4));
        Assert.Equal((UInt128)S(0.375f), m.V(5));
        Assert.Equal((UInt128)S(2f), m.V(6));
        Assert.Equal((UInt128)S(-6f), m.V(7));
        Assert.Equal((UInt128)S(3f), m.V(8));
        Assert.Equal((UInt128)S(-1.5f), m.V(10));
        Assert.Equal((UInt128)S(1.5f), m.V(11));
        Assert.Equal(FpExceptions.None, Flags(m));
    }

    [Theory]
    [AllBackends]
    public void DoubleArithmeticRaisesTheIeeeFlags(string backend)
    {
        var m = Machine(backend, """
            fdiv d0, d1, d2
            mrs x0, fpsr
            msr fpsr, xzr
            fdiv d3, d2, d2
            mrs x1, fpsr
            msr fpsr, xzr
            fdiv d4, d1, d5
            mrs x2, fpsr
            msr fpsr, xzr
            fmul d6, d7, d7
            mrs x3, fpsr
            msr fpsr, xzr
            fmul d8, d9, d9
            mrs x4, fpsr
            """, (1, D(1)), (2, D(0)), (5, D(3)), (7, D(1e300)), (9, D(1e-300))).RunToBreak();
        Assert.Equal((UInt128)D(double.PositiveInfinity), m.V(0));
        Assert.Equal(0x02UL, m.X(0)); // DZC
        Assert.Equal((UInt128)DefaultNan64, m.V(3));
        Assert.Equal(0x01UL, m.X(1)); // IOC
        Assert.Equal((UInt128)D(1.0 / 3), m.V(4));
        Assert.Equal(0x10UL, m.X(2)); // IXC
        Assert.Equal((UInt128)D(double.PositiveInfinity), m.V(6));
        Assert.Equal(0x14UL, m.X(3)); // OFC | IXC
        Assert.Equal((UInt128)0UL, m.V(8));
        Assert.Equal(0x18UL, m.X(4)); // UFC | IXC
    }

    [Theory]
    [AllBackends]
    public void NanPropagationPrefersSignallingThenFirstOperand(string backend)
    {
        var m = Machine(backend, """
            fadd s0, s1, s2
            fadd s3, s1, s4
            fadd d5, d6, d7
            fmax d8, d6, d9
            fminnm d10, d6, d9
            fnmul s11, s1, s12
            """, (1, QuietNan32 | 1), (2, SignalingNan32 | 2), (4, QuietNan32 | 4), (12, S(2f)),
            (6, QuietNan64 | 6), (7, SignalingNan64 | 6), (9, D(-7))).RunToBreak();
        Assert.Equal((UInt128)(QuietNan32 | 3), m.V(0));
        Assert.Equal((UInt128)(QuietNan32 | 1), m.V(3));
        Assert.Equal((UInt128)(QuietNan64 | 7), m.V(5));
        Assert.Equal((UInt128)(QuietNan64 | 6), m.V(8));
        Assert.Equal((UInt128)D(-7), m.V(10));
        // FNMUL negates the propagated NaN.
        Assert.Equal((UInt128)(QuietNan32 | 1 | 0x8000_0000), m.V(11));
        Assert.Equal(FpExceptions.Invalid, Flags(m));
    }

    [Theory]
    [AllBackends]
    public void FusedMultiplyAddTakesTheAddendNanFirst(string backend)
    {
        var m = Machine(backend, """
            fmadd d0, d1, d2, d3
            fmadd d4, d1, d5, d3
            fmsub d6, d7, d8, d9
            fnmadd d10, d7, d8, d9
            fnmsub d11, d7, d8, d9
            fnmadd d12, d1, d2, d3
            fmadd s13, s14, s15, s16
            """, (1, QuietNan64 | 1), (2, D(2)), (3, QuietNan64 | 3), (5, SignalingNan64 | 5),
            (7, D(3)), (8, D(5)), (9, D(1)), (14, S(0f)), (15, S(float.PositiveInfinity)), (16, QuietNan32 | 16)).RunToBreak();
        Assert.Equal((UInt128)(QuietNan64 | 3), m.V(0));
        Assert.Equal((UInt128)(QuietNan64 | 5), m.V(4));
        Assert.Equal((UInt128)D(1 - 15.0), m.V(6));
        Assert.Equal((UInt128)D(-1 - 15.0), m.V(10));
        Assert.Equal((UInt128)D(-1 + 15.0), m.V(11));
        // FNMADD negates the addend before NaN selection.
        Assert.Equal((UInt128)(QuietNan64 | 3 | 0x8000_0000_0000_0000), m.V(12));
        // 0 * inf + qNaN is the default NaN with Invalid (FPMulAdd checks the product after the NaNs).
        Assert.Equal((UInt128)QuietNan32, m.V(13));
        Assert.Equal(FpExceptions.Invalid, Flags(m));
    }

    [Theory]
    [AllBackends]
    public void DefaultNanModeReplacesEveryNanResult(string backend)
    {
        var m = Machine(backend, """
            mov x0, #0x2000000
            msr fpcr, x0
            fadd d0, d1, d2
            fsqrt s3, s4
            fcvt s5, d1
            fabs d6, d1
            """, (1, QuietNan64 | 0x8000_0000_0000_0001), (2, D(1)), (4, SignalingNan32)).RunToBreak();
        Assert.Equal((UInt128)DefaultNan64, m.V(0));
        Assert.Equal((UInt128)QuietNan32, m.V(3));
        Assert.Equal((UInt128)QuietNan32, m.V(5));
        // FABS is not an arithmetic operation: the NaN keeps its payload.
        Assert.Equal((UInt128)(QuietNan64 | 1), m.V(6));
        Assert.Equal(FpExceptions.Invalid, Flags(m));
    }

    [Theory]
    [AllBackends]
    public void FlushToZeroFlushesInputsAndTinyResults(string backend)
    {
        const ulong denormal = 0x0000_0000_0000_0001;
        var m = Machine(backend, """
            mov x0, #0x1000000
            msr fpcr, x0
            fadd d0, d1, d2
            mrs x1, fpsr
            msr fpsr, xzr
            fmul d3, d4, d4
            mrs x2, fpsr
            msr fpsr, xzr
            fcmp d1, #0.0
            mrs x3, nzcv
            mrs x4, fpsr
            msr fpsr, xzr
            fabs d5, d1
            mrs x5, fpsr
            fcvtzs x6, d7, #8
            mrs x7, fpsr
            """, (1, denormal | 0x8000_0000_0000_0000), (2, 0), (4, D(1e-300)), (7, 0x0010_0000_0000_0000 | 0x1)).RunToBreak();
        // -denormal + 0 = -0 + +0 = +0, with IDC.
        Assert.Equal((UInt128)0UL, m.V(0));
        Assert.Equal(0x80UL, m.X(1));
        // A tiny result flushes to zero with UFC and no IXC.
        Assert.Equal((UInt128)0UL, m.V(3));
        Assert.Equal(0x08UL, m.X(2));
        Assert.Equal(0x6000_0000UL, m.X(3));
        Assert.Equal(0x80UL, m.X(4));
        Assert.Equal((UInt128)denormal, m.V(5));
        Assert.Equal(0UL, m.X(5));
        // The smallest normal times 2^8 truncates to 0, inexact.
        Assert.Equal(0UL, m.X(6));
        Assert.Equal(0x10UL, m.X(7));
    }

    [Theory]
    [AllBackends]
    public void CompareSetsNzcv(string backend)
    {
        var m = Machine(backend, """
            fcmp s1, s2
            mrs x0, nzcv
            fcmp s2, s1
            mrs x1, nzcv
            fcmp s1, s1
            mrs x2, nzcv
            fcmp s1, s3
            mrs x3, nzcv
            mrs x4, fpsr
            fcmpe s1, s3
            mrs x5, fpsr
            msr fpsr, xzr
            fcmp d4, #0.0
            mrs x6, nzcv
            fcmpe d5, #0.0
            mrs x7, nzcv
            mrs x8, fpsr
            """, (1, S(1f)), (2, S(2f)), (3, QuietNan32), (4, D(-0.0)), (5, SignalingNan64)).RunToBreak();
        Assert.Equal(0x8000_0000UL, m.X(0));
        Assert.Equal(0x2000_0000UL, m.X(1));
        Assert.Equal(0x6000_0000UL, m.X(2));
        Assert.Equal(0x3000_0000UL, m.X(3));
        Assert.Equal(0UL, m.X(4));      // FCMP: a quiet NaN is not invalid
        Assert.Equal(1UL, m.X(5));      // FCMPE: it is
        Assert.Equal(0x6000_0000UL, m.X(6));
        Assert.Equal(0x3000_0000UL, m.X(7));
        Assert.Equal(1UL, m.X(8));
    }

    [Theory]
    [AllBackends]
    public void ConditionalCompareAndSelect(string backend)
    {
        var m = Machine(backend, """
            cmp x0, #1
            fccmp s1, s2, #0b0101, eq
            mrs x1, nzcv
            fccmpe s1, s3, #0b1001, eq
            mrs x2, nzcv
            mrs x3, fpsr
            fccmpe s1, s3, #0b1001, ne
            mrs x4, nzcv
            mrs x5, fpsr
            fcsel d4, d5, d6, mi
            fcsel s7, s1, s2, ge
            """, (1, S(1f)), (2, S(2f)), (3, QuietNan32), (5, D(5)), (6, D(6))).SetX(0, 1).RunToBreak();
        Assert.Equal(0x8000_0000UL, m.X(1));
        Assert.Equal(0x9000_0000UL, m.X(2));
        Assert.Equal(0UL, m.X(3));      // the skipped FCCMPE raises nothing
        Assert.Equal(0x3000_0000UL, m.X(4));
        Assert.Equal(1UL, m.X(5));
        // NZCV is 0011 (unordered): MI fails, GE (N == V) fails.
        Assert.Equal((UInt128)D(6), m.V(4));
        Assert.Equal((UInt128)S(2f), m.V(7));
    }

    [Theory]
    [AllBackends]
    public void RoundToIntegralInEveryMode(string backend)
    {
        var m = Machine(backend, """
            frintn d0, d1
            frintp d2, d1
            frintm d3, d1
            frintz d4, d1
            frinta d5, d1
            frinti d6, d1
            frintn s7, s8
            frinta s9, s8
            frintm d10, d11
            mrs x0, fpsr
            frintx d12, d1
            mrs x1, fpsr
            mov x2, #0x800000
            msr fpcr, x2
            frinti d13, d1
            frintx d14, d11
            """, (1, D(-2.5)), (8, S(2.5f)), (11, D(0.25))).RunToBreak();
        Assert.Equal((UInt128)D(-2), m.V(0));
        Assert.Equal((UInt128)D(-2), m.V(2));
        Assert.Equal((UInt128)D(-3), m.V(3));
        Assert.Equal((UInt128)D(-2), m.V(4));
        Assert.Equal((UInt128)D(-3), m.V(5));
        Assert.Equal((UInt128)D(-2), m.V(6));
        Assert.Equal((UInt128)S(2f), m.V(7));
        Assert.Equal((UInt128)S(3f), m.V(9));
        Assert.Equal((UInt128)D(0), m.V(10));
        Assert.Equal(0UL, m.X(0));
        Assert.Equal((UInt128)D(-2), m.V(12));
        Assert.Equal(0x10UL, m.X(1));
        // FPCR.RMode = 2 (towards minus infinity) for FRINTI and FRINTX.
        Assert.Equal((UInt128)D(-3), m.V(13));
        Assert.Equal((UInt128)D(0), m.V(14));
    }

    [Theory]
    [AllBackends]
    public void FpcrRoundingModeAppliesToArithmetic(string backend)
    {
        var m = Machine(backend, """
            fadd s0, s1, s2
            mov x0, #0x400000
            msr fpcr, x0
            fadd s3, s1, s2
            mov x0, #0xc00000
            msr fpcr, x0
            fsub s4, s5, s2
            """, (1, S(1f)), (2, S(MathF.Pow(2, -30))), (5, S(-1f))).RunToBreak();
        Assert.Equal((UInt128)S(1f), m.V(0));
        Assert.Equal((UInt128)(S(1f) + 1), m.V(3));
        Assert.Equal((UInt128)S(-1f), m.V(4));
        Assert.Equal(FpExceptions.Inexact, Flags(m));
    }

    [Theory]
    [AllBackends]
    public void PrecisionConversionsIncludingHalf(string backend)
    {
        var m = Machine(backend, """
            fcvt d0, s1
            fcvt s2, d3
            fcvt h4, s1
            fcvt h5, d6
            fcvt s7, h8
            fcvt d9, h10
            fcvt h11, s12
            mrs x0, fpsr
            """, (1, S(1.5f)), (3, D(1.0 / 3)), (6, D(65520)), (8, 0x3555), (10, 0xFC00), (12, SignalingNan32 | 0x2000)).RunToBreak();
        Assert.Equal((UInt128)D(1.5), m.V(0));
        Assert.Equal((UInt128)S(1f / 3), m.V(2));
        Assert.Equal((UInt128)0x3E00UL, m.V(4));
        Assert.Equal((UInt128)0x7C00UL, m.V(5));        // rounds up to infinity
        Assert.Equal((UInt128)S(0.333251953125f), m.V(7));
        Assert.Equal((UInt128)D(double.NegativeInfinity), m.V(9));
        Assert.Equal((UInt128)0x7E01UL, m.V(11));       // quieted, top payload bits kept
        Assert.Equal(0x15UL, m.X(0));                   // IOC, OFC, IXC
    }

    [Theory]
    [AllBackends]
    public void AlternativeHalfPrecisionHasNoInfinityOrNan(string backend)
    {
        var m = Machine(backend, """
            mov x0, #0x4000000
            msr fpcr, x0
            fcvt h0, d1
            mrs x1, fpsr
            msr fpsr, xzr
            fcvt h2, s3
            fcvt h4, s5
            mrs x2, fpsr
            fcvt s6, h7
            """, (1, D(1e6)), (3, QuietNan32), (5, S(float.NegativeInfinity)), (7, 0x7C00)).RunToBreak();
        Assert.Equal((UInt128)0x7FFFUL, m.V(0));        // overflow saturates, Invalid instead of Overflow
        Assert.Equal(0x01UL, m.X(1));
        Assert.Equal((UInt128)0UL, m.V(2));             // a NaN becomes +0
        Assert.Equal((UInt128)0xFFFFUL, m.V(4));        // -infinity becomes the largest negative value
        Assert.Equal(0x01UL, m.X(2));
        Assert.Equal((UInt128)S(65536f), m.V(6));       // exponent 31 is a normal number
    }

    [Theory]
    [AllBackends]
    public void ConversionsToIntegersRoundAndSaturate(string backend)
    {
        var m = Machine(backend, """
            fcvtns x0, d1
            fcvtas x1, d1
            fcvtps x2, d1
            fcvtms x3, d1
            fcvtzs x4, d1
            fcvtau w5, s2
            fcvtnu w6, s2
            mrs x7, fpsr
            msr fpsr, xzr
            fcvtzs x8, d3
            fcvtzs w9, d3
            fcvtzu x10, d4
            fcvtzs w11, s5
            fcvtzu w12, d6
            mrs x13, fpsr
            msr fpsr, xzr
            fcvtzu x14, d7
            mrs x15, fpsr
            """, (1, D(-2.5)), (2, S(2.5f)), (3, D(1e20)), (4, D(-1)), (5, QuietNan32), (6, D(5e9)), (7, D(-0.5))).RunToBreak();
        Assert.Equal(unchecked((ulong)-2L), m.X(0));
        Assert.Equal(unchecked((ulong)-3L), m.X(1));
        Assert.Equal(unchecked((ulong)-2L), m.X(2));
        Assert.Equal(unchecked((ulong)-3L), m.X(3));
        Assert.Equal(unchecked((ulong)-2L), m.X(4));
        Assert.Equal(3UL, m.X(5));
        Assert.Equal(2UL, m.X(6));
        Assert.Equal(0x10UL, m.X(7));
        Assert.Equal((ulong)long.MaxValue, m.X(8));
        Assert.Equal((ulong)int.MaxValue, m.X(9));
        Assert.Equal(0UL, m.X(10));
        Assert.Equal(0UL, m.X(11));
        Assert.Equal(0xFFFF_FFFFUL, m.X(12));
        Assert.Equal(0x01UL, m.X(13));
        Assert.Equal(0UL, m.X(14));     // -0.5 truncates to 0: inexact, not invalid
        Assert.Equal(0x10UL, m.X(15));
    }

    [Theory]
    [AllBackends]
    public void FixedPointAndIntegerToFloat(string backend)
    {
        var m = Machine(backend, """
            fcvtzs w0, s1, #4
            fcvtzu x1, d2, #64
            fcvtzs x2, d3, #1
            scvtf s4, w5, #4
            ucvtf d6, x7, #64
            scvtf d8, x9
            ucvtf s10, x11
            scvtf s12, w13
            mrs x3, fpsr
            """, (1, S(-1.53f)), (2, D(0.5)), (3, D(-1e300))).SetX(5, 0xFFFF_FFE8).SetX(7, 1UL << 63).SetX(9, -3L)
            .SetX(11, ulong.MaxValue).SetX(13, 0x8000_0000).RunToBreak();
        Assert.Equal(0xFFFF_FFE8UL, m.X(0));            // -24 as w
        Assert.Equal(1UL << 63, m.X(1));
        Assert.Equal(0x8000_0000_0000_0000UL, m.X(2));
        Assert.Equal((UInt128)S(-1.5f), m.V(4));
        Assert.Equal((UInt128)D(0.5), m.V(6));
        Assert.Equal((UInt128)D(-3), m.V(8));
        Assert.Equal((UInt128)S(18446744073709551616f), m.V(10));
        Assert.Equal((UInt128)S(-2147483648f), m.V(12));
        Assert.Equal(0x11UL, m.X(3));                   // IOC from the saturation, IXC from -1.53 and from 2^64-1
    }

    [Theory]
    [AllBackends]
    public void MovesBetweenGeneralAndFpRegisters(string backend)
    {
        var m = Machine(backend, """
            fmov s0, w1
            fmov d2, x3
            fmov v4.d[1], x3
            fmov w5, s6
            fmov x7, d6
            fmov x8, v6.d[1]
            fmov s9, #1.5
            fmov d10, #-0.125
            fmov d11, #31.0
            """, (4, 0x1111_2222_3333_4444)).SetX(1, 0xFFFF_FFFF_4048_0000).SetX(3, 0x0123_4567_89AB_CDEF).RunToBreak();
        Assert.Equal((UInt128)0x4048_0000UL, m.V(0));
        Assert.Equal((UInt128)0x0123_4567_89AB_CDEFUL, m.V(2));
        Assert.Equal(new UInt128(0x0123_4567_89AB_CDEF, 0x1111_2222_3333_4444), m.V(4));
        Assert.Equal(0xDEAD_BEEFUL, m.X(5));
        Assert.Equal(0xDEAD_BEEF_DEAD_BEEFUL, m.X(7));
        Assert.Equal(0xDEAD_BEEF_DEAD_BEEFUL, m.X(8));
        Assert.Equal((UInt128)S(1.5f), m.V(9));
        Assert.Equal((UInt128)D(-0.125), m.V(10));
        Assert.Equal((UInt128)D(31), m.V(11));
    }

    [Theory]
    [AllBackends]
    public void MinimumAndMaximumFlavours(string backend)
    {
        var m = Machine(backend, """
            fmin s0, s1, s2
            fmax s3, s1, s2
            fminnm s4, s1, s5
            fmaxnm s6, s5, s1
            fmin s7, s1, s5
            fmaxnm s8, s1, s9
            """, (1, S(0f)), (2, S(-0f)), (5, QuietNan32), (9, SignalingNan32)).RunToBreak();
        Assert.Equal((UInt128)S(-0f), m.V(0));
        Assert.Equal((UInt128)S(0f), m.V(3));
        Assert.Equal((UInt128)S(0f), m.V(4));
        Assert.Equal((UInt128)S(0f), m.V(6));
        Assert.Equal((UInt128)QuietNan32, m.V(7));
        Assert.Equal((UInt128)(QuietNan32 | 1), m.V(8));    // a signalling NaN still wins in FMAXNM
        Assert.Equal(FpExceptions.Invalid, Flags(m));
    }

    [Theory]
    [InlineData(0x1EE02820u)]   // fadd h0, h1, h0 (FEAT_FP16)
    [InlineData(0x1EA02820u)]   // ptype 10
    [InlineData(0x1E224020u)]   // fcvt s0, s1 (same type)
    [InlineData(0x1EE20020u)]   // scvtf h0, w1
    [InlineData(0x1E7E0020u)]   // fjcvtzs (FEAT_JSCVT)
    [InlineData(0x1E184000u)]   // fcvtzs w, s, #48: 32-bit form with more than 32 fraction bits
    [InlineData(0x1E660020u)]  // fmov w0, d1 (width mismatch)
    [InlineData(0x1E2120E8u)]  // fcmp s7, #0.0 with a non-zero Rm
    [InlineData(0x1E284020u)]   // frint32z s0, s1 (FEAT_FRINTTS)
    [InlineData(0x1E20D820u)]   // 2-source opcode 1101
    public void UnallocatedEncodingsAreRejected(uint word)
    {
        var decoded = A64Decoder.UserMode.TryDecode(word, out var instruction);
        Assert.False(decoded, decoded ? $"decoded as {instruction}" : null);
    }

    [Fact]
    public void EveryScalarFpWordTheAssemblerProducesDecodes()
    {
        var words = A64Assembler.Assemble("""
            fadd s0, s1, s2
            fnmul d3, d4, d5
            fmaxnm d0, d1, d2
            fmadd s0, s1, s2, s3
            fnmsub d0, d1, d2, d3
            fcmpe d1, #0.0
            fccmpe s1, s2, #3, hi
            fcsel d1, d2, d3, lt
            fmov d0, #2.0
            fcvt h0, d1
            fcvt d0, h1
            fcvtzu w0, d1, #32
            scvtf d0, x1, #64
            fcvtmu x0, s1
            fmov x0, v1.d[1]
            fmov v1.d[1], x0
            frintx s0, s1
            """);
        foreach (var word in words)
        {
            Assert.True(A64Decoder.UserMode.TryDecode(word, out var instruction), $"0x{word:x8} did not decode");
            Assert.Equal(A64Feature.FloatingPoint, instruction.Encoding.Feature);
        }
    }
}
