using Cross.Frontends.Arm64.Tests.TestSupport;
using static Cross.Frontends.Arm64.Tests.Encodings.AdvancedSimdTestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

// Expected values were produced by running the same instructions on qemu-aarch64 (the
// reference); each test starts from the register values it sets.
public class AdvancedSimdFloatTests
{
    [Theory]
    [AllBackends]
    public void ArithmeticFusedPairwiseAndByElement(string backend)
    {
        var m = new A64Machine(backend).Load("""
            fadd v6.4s, v0.4s, v1.4s
            fsub v7.2s, v0.2s, v1.2s
            fmul v8.2d, v2.2d, v3.2d
            fdiv v9.4s, v0.4s, v1.4s
            mov v10.16b, v1.16b
            fmla v10.4s, v0.4s, v1.4s
            mov v11.16b, v3.16b
            fmls v11.2d, v2.2d, v3.2d
            fmax v12.4s, v4.4s, v5.4s
            fminnm v13.4s, v4.4s, v5.4s
            fabd v14.4s, v0.4s, v1.4s
            fmulx v15.4s, v4.4s, v5.4s
            fabs v16.4s, v0.4s
            fneg v17.2d, v2.2d
            fsqrt v18.4s, v1.4s
            fmaxnmp v19.4s, v0.4s, v1.4s
            faddp v20.2s, v0.2s, v1.2s
            faddp d21, v3.2d
            fmaxv s22, v0.4s
            fminnmv s23, v4.4s
            fmul v24.4s, v0.4s, v1.s[3]
            fmla v25.2d, v2.2d, v3.d[1]
            fmul s26, s0, v1.s[1]
            faddp s27, v0.2s
            """).SetV(0, Q(0x7149F2CA40400000, 0xC01000003FC00000)).SetV(1, Q(0x7149F2CAC0400000, 0x408000003F000000)).SetV(2, Q(0x8000000000000000, 0x4000000000000000)).SetV(3, Q(0x7E37E43C8800759C, 0x4008000000000000)).SetV(4, Q(0x800000007FC00000, 0x7F80000000000000)).SetV(5, Q(0xC0A000003F800000, 0x000000007F800000)).RunToBreak();
        Assert.Equal(Q(0x71C9F2CA00000000, 0x3FE0000040000000), m.V(6));
        Assert.Equal(Q(0x0000000000000000, 0xC0C800003F800000), m.V(7));
        Assert.Equal(Q(0x8000000000000000, 0x4018000000000000), m.V(8));
        Assert.Equal(Q(0x3F800000BF800000, 0xBF10000040400000), m.V(9));
        Assert.Equal(Q(0x7F800000C1400000, 0xC0A000003FA00000), m.V(10));
        Assert.Equal(Q(0x7E37E43C8800759C, 0xC008000000000000), m.V(11));
        Assert.Equal(Q(0x800000007FC00000, 0x7F8000007F800000), m.V(12));
        Assert.Equal(Q(0xC0A000003F800000, 0x0000000000000000), m.V(13));
        Assert.Equal(Q(0x0000000040C00000, 0x40C800003F800000), m.V(14));
        Assert.Equal(Q(0x000000007FC00000, 0x4000000040000000), m.V(15));
        Assert.Equal(Q(0x7149F2CA40400000, 0x401000003FC00000), m.V(16));
        Assert.Equal(Q(0x0000000000000000, 0xC000000000000000), m.V(17));
        Assert.Equal(Q(0x58635FA97FC00000, 0x400000003F3504F3), m.V(18));
        Assert.Equal(Q(0x7149F2CA40800000, 0x7149F2CA3FC00000), m.V(19));
        Assert.Equal(Q(0x0000000000000000, 0x40900000BF400000), m.V(20));
        Assert.Equal(Q(0x0000000000000000, 0x7E37E43C8800759C), m.V(21));
        Assert.Equal(Q(0x0000000000000000, 0x000000007149F2CA), m.V(22));
        Assert.Equal(Q(0x0000000000000000, 0x0000000080000000), m.V(23));
        Assert.Equal(Q(0x7F80000072177618, 0xF1E3312371977618), m.V(24));
        Assert.Equal(Q(0x0000000000000000, 0x7E47E43C8800759C), m.V(25));
        Assert.Equal(Q(0x0000000000000000, 0x0000000040C00000), m.V(26));
        Assert.Equal(Q(0x0000000000000000, 0x00000000BF400000), m.V(27));
        Assert.False(Saturated(m));
        Assert.Equal(0x15u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void Compares(string backend)
    {
        var m = new A64Machine(backend).Load("""
            fcmeq v4.4s, v0.4s, v1.4s
            fcmge v5.4s, v0.4s, v1.4s
            fcmgt v6.2s, v0.2s, v1.2s
            fcmeq v7.2d, v2.2d, v3.2d
            facgt v8.2d, v3.2d, v2.2d
            facge v9.4s, v1.4s, v0.4s
            fcmgt v10.4s, v0.4s, #0.0
            fcmle v11.2d, v3.2d, #0.0
            fcmlt v12.4s, v1.4s, #0.0
            fcmeq v13.2d, v2.2d, #0.0
            fcmge v14.2s, v1.2s, #0.0
            fcmgt d15, d3, d2
            fcmeq s16, s0, #0.0
            """).SetV(0, Q(0x7FC0000040400000, 0xC01000003FC00000)).SetV(1, Q(0x3F80000040800000, 0xC01000003F000000)).SetV(2, Q(0x401C000000000000, 0x8000000000000000)).SetV(3, Q(0xC01E000000000000, 0x0000000000000000)).RunToBreak();
        Assert.Equal(Q(0x0000000000000000, 0xFFFFFFFF00000000), m.V(4));
        Assert.Equal(Q(0x0000000000000000, 0xFFFFFFFFFFFFFFFF), m.V(5));
        Assert.Equal(Q(0x0000000000000000, 0x00000000FFFFFFFF), m.V(6));
        Assert.Equal(Q(0x0000000000000000, 0xFFFFFFFFFFFFFFFF), m.V(7));
        Assert.Equal(Q(0xFFFFFFFFFFFFFFFF, 0x0000000000000000), m.V(8));
        Assert.Equal(Q(0x00000000FFFFFFFF, 0xFFFFFFFF00000000), m.V(9));
        Assert.Equal(Q(0x00000000FFFFFFFF, 0x00000000FFFFFFFF), m.V(10));
        Assert.Equal(Q(0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF), m.V(11));
        Assert.Equal(Q(0x0000000000000000, 0xFFFFFFFF00000000), m.V(12));
        Assert.Equal(Q(0x0000000000000000, 0xFFFFFFFFFFFFFFFF), m.V(13));
        Assert.Equal(Q(0x0000000000000000, 0x00000000FFFFFFFF), m.V(14));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000000), m.V(15));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000000), m.V(16));
        Assert.False(Saturated(m));
        Assert.Equal(0x01u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void QuietEqualityOnAQuietNanRaisesNothing(string backend)
    {
        var m = new A64Machine(backend).Load("""
            fcmeq v4.4s, v0.4s, v1.4s
            """).SetV(0, Q(0x7FC0000040400000, 0xC01000003FC00000)).SetV(1, Q(0x3F80000040800000, 0xC01000003F000000)).RunToBreak();
        Assert.Equal(Q(0x0000000000000000, 0xFFFFFFFF00000000), m.V(4));
        Assert.False(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void ConversionsAndRounding(string backend)
    {
        var m = new A64Machine(backend).Load("""
            fcvtzs v6.4s, v0.4s
            fcvtzu v7.4s, v0.4s
            fcvtns v8.4s, v5.4s
            fcvtas v9.4s, v5.4s
            fcvtms v10.2d, v1.2d
            fcvtpu v11.2d, v1.2d
            scvtf v12.4s, v3.4s
            ucvtf v13.4s, v3.4s
            scvtf v14.2d, v4.2d
            ucvtf v15.2d, v4.2d
            fcvtl v16.2d, v0.2s
            fcvtl2 v17.2d, v0.4s
            fcvtn v18.2s, v1.2d
            mov v19.16b, v2.16b
            fcvtn2 v19.4s, v1.2d
            frintn v20.4s, v5.4s
            frinta v21.4s, v5.4s
            frintm v22.4s, v5.4s
            frintp v23.4s, v5.4s
            frintz v24.2d, v1.2d
            frintx v25.4s, v5.4s
            fcvtzs d26, d1
            scvtf s27, s3
            """).SetV(0, Q(0x7FC000004F32D05E, 0xC02000003FC00000)).SetV(1, Q(0xC415AF1D78B58C40, 0x4004000000000000)).SetV(2, Q(0xBF00000040E00000, 0x00000000BF800000)).SetV(3, Q(0x00000000FFFFFFFF, 0x80000000FFFFFFFD)).SetV(4, Q(0x8000000000000000, 0x0000000000000003)).SetV(5, Q(0xBF0000003F000000, 0xC060000040200000)).RunToBreak();
        Assert.Equal(Q(0x000000007FFFFFFF, 0xFFFFFFFE00000001), m.V(6));
        Assert.Equal(Q(0x00000000B2D05E00, 0x0000000000000001), m.V(7));
        Assert.Equal(Q(0x0000000000000000, 0xFFFFFFFC00000002), m.V(8));
        Assert.Equal(Q(0xFFFFFFFF00000001, 0xFFFFFFFC00000003), m.V(9));
        Assert.Equal(Q(0x8000000000000000, 0x0000000000000002), m.V(10));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000003), m.V(11));
        Assert.Equal(Q(0x00000000BF800000, 0xCF000000C0400000), m.V(12));
        Assert.Equal(Q(0x000000004F800000, 0x4F0000004F800000), m.V(13));
        Assert.Equal(Q(0xC3E0000000000000, 0x4008000000000000), m.V(14));
        Assert.Equal(Q(0x43E0000000000000, 0x4008000000000000), m.V(15));
        Assert.Equal(Q(0xC004000000000000, 0x3FF8000000000000), m.V(16));
        Assert.Equal(Q(0x7FF8000000000000, 0x41E65A0BC0000000), m.V(17));
        Assert.Equal(Q(0x0000000000000000, 0xE0AD78EC40200000), m.V(18));
        Assert.Equal(Q(0xE0AD78EC40200000, 0x00000000BF800000), m.V(19));
        Assert.Equal(Q(0x8000000000000000, 0xC080000040000000), m.V(20));
        Assert.Equal(Q(0xBF8000003F800000, 0xC080000040400000), m.V(21));
        Assert.Equal(Q(0xBF80000000000000, 0xC080000040000000), m.V(22));
        Assert.Equal(Q(0x800000003F800000, 0xC040000040400000), m.V(23));
        Assert.Equal(Q(0xC415AF1D78B58C40, 0x4000000000000000), m.V(24));
        Assert.Equal(Q(0x8000000000000000, 0xC080000040000000), m.V(25));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000002), m.V(26));
        Assert.Equal(Q(0x0000000000000000, 0x00000000C0400000), m.V(27));
        Assert.False(Saturated(m));
        Assert.Equal(0x11u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void FixedPointConversions(string backend)
    {
        var m = new A64Machine(backend).Load("""
            fcvtzs v4.4s, v0.4s, #4
            fcvtzu v5.4s, v0.4s, #31
            fcvtzs v6.2d, v1.2d, #33
            scvtf v7.4s, v2.4s, #4
            ucvtf v8.2s, v2.2s, #32
            ucvtf v9.2d, v3.2d, #8
            scvtf d10, d3, #64
            fcvtzu s11, s0, #1
            """).SetV(0, Q(0x4F8000003FC00000, 0xC0200000BF000000)).SetV(1, Q(0x41E0000000000000, 0xC02E000000000000)).SetV(2, Q(0x00000001FFFFFFFF, 0x8000000000000010)).SetV(3, Q(0x8000000000000000, 0x0000000000000100)).RunToBreak();
        Assert.Equal(Q(0x7FFFFFFF00000018, 0xFFFFFFD8FFFFFFF8), m.V(4));
        Assert.Equal(Q(0xFFFFFFFFC0000000, 0x0000000000000000), m.V(5));
        Assert.Equal(Q(0x7FFFFFFFFFFFFFFF, 0xFFFFFFE200000000), m.V(6));
        Assert.Equal(Q(0x3D800000BD800000, 0xCD0000003F800000), m.V(7));
        Assert.Equal(Q(0x0000000000000000, 0x3F00000031800000), m.V(8));
        Assert.Equal(Q(0x4360000000000000, 0x3FF0000000000000), m.V(9));
        Assert.Equal(Q(0x0000000000000000, 0x3C70000000000000), m.V(10));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000000), m.V(11));
        Assert.False(Saturated(m));
        Assert.Equal(0x01u, FpsrCumulativeFlags(m));
    }
}
