using Cross.Frontends.Arm64.Tests.TestSupport;
using static Cross.Frontends.Arm64.Tests.Encodings.AdvancedSimdTestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

// Expected values were produced by running the same instructions on qemu-aarch64 (the
// reference); each test starts from the register values it sets.
public class AdvancedSimdPermuteTests
{
    [Theory]
    [AllBackends]
    public void DupInsAndMovesToGeneralRegisters(string backend)
    {
        var m = new A64Machine(backend).Load("""
            dup v0.16b, w1
            dup v1.4s, v2.s[3]
            dup v3.2d, x1
            ins v4.s[1], w1
            mov v5.b[15], v2.b[0]
            umov w6, v2.h[5]
            smov x7, v2.b[7]
            mov x8, v2.d[1]
            dup v9.8b, w1
            mov s10, v2.s[2]
            smov w11, v2.h[7]
            dup v12.4h, v2.h[6]
            mov v13.d[1], v2.d[0]
            umov w14, v2.b[9]
            smov x15, v2.s[3]
            dup v16.8h, w1
            mov v17.h[3], w1
            mov d18, v2.d[1]
            """).SetV(2, Q(0x8877665544332211, 0xF0E0D0C0B0A09080)).SetV(9, Q(0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF)).SetV(10, Q(0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF)).SetX(1, 0x11223344123456ABUL).SetX(11, 0xFFFFFFFFFFFFFFFFUL).RunToBreak();
        Assert.Equal(Q(0xABABABABABABABAB, 0xABABABABABABABAB), m.V(0));
        Assert.Equal(Q(0x8877665588776655, 0x8877665588776655), m.V(1));
        Assert.Equal(Q(0x11223344123456AB, 0x11223344123456AB), m.V(3));
        Assert.Equal(Q(0x0000000000000000, 0x123456AB00000000), m.V(4));
        Assert.Equal(Q(0x8000000000000000, 0x0000000000000000), m.V(5));
        Assert.Equal(Q(0x0000000000000000, 0xABABABABABABABAB), m.V(9));
        Assert.Equal(Q(0x0000000000000000, 0x0000000044332211), m.V(10));
        Assert.Equal(Q(0x0000000000000000, 0x6655665566556655), m.V(12));
        Assert.Equal(Q(0xF0E0D0C0B0A09080, 0x0000000000000000), m.V(13));
        Assert.Equal(Q(0x56AB56AB56AB56AB, 0x56AB56AB56AB56AB), m.V(16));
        Assert.Equal(Q(0x0000000000000000, 0x56AB000000000000), m.V(17));
        Assert.Equal(Q(0x0000000000000000, 0x8877665544332211), m.V(18));
        Assert.Equal(0x0000000000004433UL, m.X(6));
        Assert.Equal(0xFFFFFFFFFFFFFFF0UL, m.X(7));
        Assert.Equal(0x8877665544332211UL, m.X(8));
        Assert.Equal(0x00000000FFFF8877UL, m.X(11));
        Assert.Equal(0x0000000000000022UL, m.X(14));
        Assert.Equal(0xFFFFFFFF88776655UL, m.X(15));
        Assert.False(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void ModifiedImmediates(string backend)
    {
        var m = new A64Machine(backend).Load("""
            movi v0.16b, #0x3c
            movi v1.4s, #0x12, lsl #8
            mvni v2.8h, #0x1
            movi v3.2d, #0xff00ff00ff00ff00
            movi d4, #0xff00000000ff00ff
            orr v5.4s, #0x80, lsl #24
            bic v6.8h, #0xff
            fmov v7.4s, #1.0
            fmov v8.2d, #-2.5
            movi v9.2s, #0xab, msl #8
            mvni v10.4s, #0x10, msl #16
            fmov v11.2s, #-0.125
            bic v12.2s, #0x7f, lsl #16
            movi v13.4h, #0x5a, lsl #8
            mvni v14.2s, #0xc3, lsl #24
            orr v4.8h, #0x1
            """).SetV(4, Q(0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF)).SetV(5, Q(0x0000000100000002, 0x0000000300000004)).SetV(6, Q(0x1234123412341234, 0x1234123412341234)).SetV(9, Q(0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF)).SetV(12, Q(0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF)).RunToBreak();
        Assert.Equal(Q(0x3C3C3C3C3C3C3C3C, 0x3C3C3C3C3C3C3C3C), m.V(0));
        Assert.Equal(Q(0x0000120000001200, 0x0000120000001200), m.V(1));
        Assert.Equal(Q(0xFFFEFFFEFFFEFFFE, 0xFFFEFFFEFFFEFFFE), m.V(2));
        Assert.Equal(Q(0xFF00FF00FF00FF00, 0xFF00FF00FF00FF00), m.V(3));
        Assert.Equal(Q(0x0001000100010001, 0xFF01000100FF00FF), m.V(4));
        Assert.Equal(Q(0x8000000180000002, 0x8000000380000004), m.V(5));
        Assert.Equal(Q(0x1200120012001200, 0x1200120012001200), m.V(6));
        Assert.Equal(Q(0x3F8000003F800000, 0x3F8000003F800000), m.V(7));
        Assert.Equal(Q(0xC004000000000000, 0xC004000000000000), m.V(8));
        Assert.Equal(Q(0x0000000000000000, 0x0000ABFF0000ABFF), m.V(9));
        Assert.Equal(Q(0xFFEF0000FFEF0000, 0xFFEF0000FFEF0000), m.V(10));
        Assert.Equal(Q(0x0000000000000000, 0xBE000000BE000000), m.V(11));
        Assert.Equal(Q(0x0000000000000000, 0xFF80FFFFFF80FFFF), m.V(12));
        Assert.Equal(Q(0x0000000000000000, 0x5A005A005A005A00), m.V(13));
        Assert.Equal(Q(0x0000000000000000, 0x3CFFFFFF3CFFFFFF), m.V(14));
        Assert.False(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void ExtZipUzpTrnAndRev(string backend)
    {
        var m = new A64Machine(backend).Load("""
            ext v2.16b, v0.16b, v1.16b, #3
            ext v3.8b, v0.8b, v1.8b, #3
            zip1 v4.16b, v0.16b, v1.16b
            zip2 v5.8h, v0.8h, v1.8h
            uzp1 v6.4s, v0.4s, v1.4s
            uzp2 v7.16b, v0.16b, v1.16b
            trn1 v8.8b, v0.8b, v1.8b
            trn2 v9.2d, v0.2d, v1.2d
            rev64 v10.16b, v0.16b
            rev32 v11.8h, v0.8h
            rev16 v12.8b, v0.8b
            zip1 v13.2s, v0.2s, v1.2s
            uzp2 v14.4h, v0.4h, v1.4h
            trn2 v15.16b, v0.16b, v1.16b
            zip2 v16.4s, v0.4s, v1.4s
            uzp1 v17.2d, v0.2d, v1.2d
            ext v18.16b, v0.16b, v1.16b, #15
            rev64 v19.4s, v0.4s
            zip2 v20.8b, v0.8b, v1.8b
            trn1 v21.4h, v0.4h, v1.4h
            """).SetV(0, Q(0x0F0E0D0C0B0A0908, 0x0706050403020100)).SetV(1, Q(0x1F1E1D1C1B1A1918, 0x1716151413121110)).SetV(3, Q(0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF)).RunToBreak();
        Assert.Equal(Q(0x1211100F0E0D0C0B, 0x0A09080706050403), m.V(2));
        Assert.Equal(Q(0x0000000000000000, 0x1211100706050403), m.V(3));
        Assert.Equal(Q(0x1707160615051404, 0x1303120211011000), m.V(4));
        Assert.Equal(Q(0x1F1E0F0E1D1C0D0C, 0x1B1A0B0A19180908), m.V(5));
        Assert.Equal(Q(0x1B1A191813121110, 0x0B0A090803020100), m.V(6));
        Assert.Equal(Q(0x1F1D1B1917151311, 0x0F0D0B0907050301), m.V(7));
        Assert.Equal(Q(0x0000000000000000, 0x1606140412021000), m.V(8));
        Assert.Equal(Q(0x1F1E1D1C1B1A1918, 0x0F0E0D0C0B0A0908), m.V(9));
        Assert.Equal(Q(0x08090A0B0C0D0E0F, 0x0001020304050607), m.V(10));
        Assert.Equal(Q(0x0D0C0F0E09080B0A, 0x0504070601000302), m.V(11));
        Assert.Equal(Q(0x0000000000000000, 0x0607040502030001), m.V(12));
        Assert.Equal(Q(0x0000000000000000, 0x1312111003020100), m.V(13));
        Assert.Equal(Q(0x0000000000000000, 0x1716131207060302), m.V(14));
        Assert.Equal(Q(0x1F0F1D0D1B0B1909, 0x1707150513031101), m.V(15));
        Assert.Equal(Q(0x1F1E1D1C0F0E0D0C, 0x1B1A19180B0A0908), m.V(16));
        Assert.Equal(Q(0x1716151413121110, 0x0706050403020100), m.V(17));
        Assert.Equal(Q(0x1E1D1C1B1A191817, 0x161514131211100F), m.V(18));
        Assert.Equal(Q(0x0B0A09080F0E0D0C, 0x0302010007060504), m.V(19));
        Assert.Equal(Q(0x0000000000000000, 0x1707160615051404), m.V(20));
        Assert.Equal(Q(0x0000000000000000, 0x1514050411100100), m.V(21));
        Assert.False(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void TableLookups(string backend)
    {
        var m = new A64Machine(backend).Load("""
            tbl v13.16b, {v0.16b, v1.16b}, v14.16b
            tbx v15.8b, {v0.16b}, v14.8b
            tbl v16.8b, {v30.16b, v31.16b, v0.16b, v1.16b}, v17.8b
            tbx v18.16b, {v30.16b, v31.16b, v0.16b}, v14.16b
            tbl v19.16b, {v1.16b}, v17.16b
            """).SetV(0, Q(0x0F0E0D0C0B0A0908, 0x0706050403020100)).SetV(1, Q(0x1F1E1D1C1B1A1918, 0x1716151413121110)).SetV(14, Q(0x0101010101010101, 0x110AFF100520001F)).SetV(15, Q(0xEEEEEEEEEEEEEEEE, 0xEEEEEEEEEEEEEEEE)).SetV(17, Q(0x0000000000000000, 0x40FF3F2A1F100F00)).SetV(18, Q(0x2233445566778899, 0xAABBCCDDEEFF0011)).SetV(30, Q(0x2F2E2D2C2B2A2928, 0x2726252423222120)).SetV(31, Q(0x3F3E3D3C3B3A3938, 0x3736353433323130)).RunToBreak();
        Assert.Equal(Q(0x0101010101010101, 0x110A00100500001F), m.V(13));
        Assert.Equal(Q(0x0000000000000000, 0xEE0AEEEE05EE00EE), m.V(15));
        Assert.Equal(Q(0x0000000000000000, 0x00001F0A3F302F20), m.V(16));
        Assert.Equal(Q(0x2121212121212121, 0x312ACC302500203F), m.V(18));
        Assert.Equal(Q(0x1010101010101010, 0x0000000000001F10), m.V(19));
        Assert.False(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }
}
