using Cross.Frontends.Arm64.Tests.TestSupport;
using static Cross.Frontends.Arm64.Tests.Encodings.AdvancedSimdTestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

// Expected values were produced by running the same instructions on qemu-aarch64 (the
// reference); each test starts from the register values it sets.
public class AdvancedSimdIntegerTests
{
    [Theory]
    [AllBackends]
    public void ArithmeticAndLogical(string backend)
    {
        var m = new A64Machine(backend).Load("""
            add v2.16b, v0.16b, v1.16b
            sub v3.8h, v0.8h, v1.8h
            mul v4.4s, v0.4s, v1.4s
            mov v5.16b, v0.16b
            mla v5.8h, v0.8h, v1.8h
            add d6, d0, d1
            add v7.2s, v0.2s, v1.2s
            and v8.16b, v0.16b, v1.16b
            bic v9.8b, v0.8b, v1.8b
            eor v10.16b, v0.16b, v1.16b
            orn v11.16b, v0.16b, v1.16b
            mov v12.16b, v20.16b
            bsl v12.16b, v0.16b, v1.16b
            not v13.16b, v0.16b
            neg v14.4s, v0.4s
            abs v15.8h, v1.8h
            """).SetV(0, Q(0x800000017FFFFFFF, 0x00FF01020304FFFE)).SetV(1, Q(0x8000000000000002, 0x01010101FFFF0003)).SetV(7, Q(0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF)).SetV(20, Q(0xFFFFFFFF00000000, 0x00FF00FF00FF00FF)).RunToBreak();
        Assert.Equal(Q(0x000000017FFFFF01, 0x010002030203FF01), m.V(2));
        Assert.Equal(Q(0x000000017FFFFFFD, 0xFFFE00010305FFFB), m.V(3));
        Assert.Equal(Q(0x80000000FFFFFFFE, 0x030203020910FFFA), m.V(4));
        Assert.Equal(Q(0x800000017FFFFFFD, 0x00FE04040000FFF8), m.V(5));
        Assert.Equal(Q(0x0000000000000000, 0x0200020403040001), m.V(6));
        Assert.Equal(Q(0x0000000000000000, 0x0200020303040001), m.V(7));
        Assert.Equal(Q(0x8000000000000002, 0x0001010003040002), m.V(8));
        Assert.Equal(Q(0x0000000000000000, 0x00FE00020000FFFC), m.V(9));
        Assert.Equal(Q(0x000000017FFFFFFD, 0x01FE0003FCFBFFFD), m.V(10));
        Assert.Equal(Q(0xFFFFFFFFFFFFFFFF, 0xFEFFFFFE0304FFFE), m.V(11));
        Assert.Equal(Q(0x8000000100000002, 0x01FF0102FF0400FE), m.V(12));
        Assert.Equal(Q(0x7FFFFFFE80000000, 0xFF00FEFDFCFB0001), m.V(13));
        Assert.Equal(Q(0x7FFFFFFF80000001, 0xFF00FEFEFCFB0002), m.V(14));
        Assert.Equal(Q(0x8000000000000002, 0x0101010100010003), m.V(15));
        Assert.False(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void ComparesMinMaxAndHalving(string backend)
    {
        var m = new A64Machine(backend).Load("""
            cmeq v2.16b, v0.16b, v1.16b
            cmhi v3.8h, v0.8h, v1.8h
            cmgt v4.8h, v0.8h, v1.8h
            cmge v5.4s, v0.4s, v1.4s
            cmhs v6.2d, v0.2d, v1.2d
            cmtst v7.8b, v0.8b, v1.8b
            cmeq v8.16b, v0.16b, #0
            cmlt v9.8h, v0.8h, #0
            cmle v10.4s, v1.4s, #0
            umax v11.16b, v0.16b, v1.16b
            smin v12.8h, v0.8h, v1.8h
            cmeq d13, d0, d0
            cmgt d14, d0, #0
            smax v15.4s, v0.4s, v1.4s
            uabd v16.16b, v0.16b, v1.16b
            sabd v17.8h, v0.8h, v1.8h
            uhadd v18.16b, v0.16b, v1.16b
            srhadd v19.4s, v0.4s, v1.4s
            shsub v20.8h, v0.8h, v1.8h
            mov v21.16b, v1.16b
            saba v21.16b, v0.16b, v1.16b
            cmhi d22, d1, d0
            """).SetV(0, Q(0x800000017FFFFFFF, 0x00FF01020304FFFE)).SetV(1, Q(0x8000000000000002, 0x01010101FFFF0003)).RunToBreak();
        Assert.Equal(Q(0xFFFFFF0000000000, 0x0000FF0000000000), m.V(2));
        Assert.Equal(Q(0x0000FFFFFFFFFFFF, 0x0000FFFF0000FFFF), m.V(3));
        Assert.Equal(Q(0x0000FFFFFFFF0000, 0x0000FFFFFFFF0000), m.V(4));
        Assert.Equal(Q(0xFFFFFFFFFFFFFFFF, 0x00000000FFFFFFFF), m.V(5));
        Assert.Equal(Q(0xFFFFFFFFFFFFFFFF, 0x0000000000000000), m.V(6));
        Assert.Equal(Q(0x0000000000000000, 0x00FFFF00FFFF00FF), m.V(7));
        Assert.Equal(Q(0x00FFFF0000000000, 0xFF00000000000000), m.V(8));
        Assert.Equal(Q(0xFFFF00000000FFFF, 0x000000000000FFFF), m.V(9));
        Assert.Equal(Q(0xFFFFFFFF00000000, 0x00000000FFFFFFFF), m.V(10));
        Assert.Equal(Q(0x800000017FFFFFFF, 0x01FF0102FFFFFFFE), m.V(11));
        Assert.Equal(Q(0x800000000000FFFF, 0x00FF0101FFFFFFFE), m.V(12));
        Assert.Equal(Q(0x0000000000000000, 0xFFFFFFFFFFFFFFFF), m.V(13));
        Assert.Equal(Q(0x0000000000000000, 0xFFFFFFFFFFFFFFFF), m.V(14));
        Assert.Equal(Q(0x800000017FFFFFFF, 0x010101010304FFFE), m.V(15));
        Assert.Equal(Q(0x000000017FFFFFFD, 0x01FE0001FCFBFFFB), m.V(16));
        Assert.Equal(Q(0x000000017FFF0003, 0x0002000103050005), m.V(17));
        Assert.Equal(Q(0x800000003F7F7F80, 0x0080010181817F80), m.V(18));
        Assert.Equal(Q(0x8000000140000001, 0x0100010201820001), m.V(19));
        Assert.Equal(Q(0x000000003FFFFFFE, 0xFFFF00000182FFFD), m.V(20));
        Assert.Equal(Q(0x800000017F010105, 0x0203010203040108), m.V(21));
        Assert.Equal(Q(0x0000000000000000, 0xFFFFFFFFFFFFFFFF), m.V(22));
        Assert.False(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void PairwiseAcrossLanesAndCounts(string backend)
    {
        var m = new A64Machine(backend).Load("""
            addp v2.16b, v0.16b, v1.16b
            umaxp v3.8b, v0.8b, v1.8b
            uminp v4.4s, v0.4s, v1.4s
            addp d5, v0.2d
            addv b6, v0.16b
            umaxv h7, v0.8h
            sminv s8, v0.4s
            uaddlv h9, v0.16b
            saddlv d10, v0.4s
            uaddlp v11.8h, v0.16b
            mov v12.16b, v1.16b
            sadalp v12.2s, v0.4h
            cnt v13.16b, v0.16b
            clz v14.4s, v0.4s
            cls v15.8h, v0.8h
            rbit v16.8b, v0.8b
            umaxv b17, v0.8b
            smaxp v18.8h, v0.8h, v1.8h
            addp v19.2d, v0.2d, v1.2d
            uminv b20, v1.16b
            addv h21, v0.4h
            sminp v22.2s, v0.2s, v1.2s
            """).SetV(0, Q(0x800000017FFFFFFF, 0x00FF01020304FFFE)).SetV(1, Q(0x8000000000000002, 0x01010101FFFF0003)).RunToBreak();
        Assert.Equal(Q(0x800000020202FE03, 0x80017EFEFF0307FD), m.V(2));
        Assert.Equal(Q(0x0000000000000000, 0x0101FF03FF0204FF), m.V(3));
        Assert.Equal(Q(0x0000000201010101, 0x7FFFFFFF00FF0102), m.V(4));
        Assert.Equal(Q(0x0000000000000000, 0x80FF01038304FFFD), m.V(5));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000003), m.V(6));
        Assert.Equal(Q(0x0000000000000000, 0x000000000000FFFF), m.V(7));
        Assert.Equal(Q(0x0000000000000000, 0x0000000080000001), m.V(8));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000703), m.V(9));
        Assert.Equal(Q(0x0000000000000000, 0x0000000004040100), m.V(10));
        Assert.Equal(Q(0x00800001017E01FE, 0x00FF0003000701FD), m.V(11));
        Assert.Equal(Q(0x0000000000000000, 0x01010302FFFF0305), m.V(12));
        Assert.Equal(Q(0x0100000107080808, 0x0008010102010807), m.V(13));
        Assert.Equal(Q(0x0000000000000001, 0x0000000800000006), m.V(14));
        Assert.Equal(Q(0x0000000E0000000F, 0x000700060005000E), m.V(15));
        Assert.Equal(Q(0x0000000000000000, 0x00FF8040C020FF7F), m.V(16));
        Assert.Equal(Q(0x0000000000000000, 0x00000000000000FF), m.V(17));
        Assert.Equal(Q(0x0000000201010003, 0x00017FFF01020304), m.V(18));
        Assert.Equal(Q(0x81010101FFFF0005, 0x80FF01038304FFFD), m.V(19));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000000), m.V(20));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000503), m.V(21));
        Assert.Equal(Q(0x0000000000000000, 0xFFFF000300FF0102), m.V(22));
        Assert.False(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void SaturatingArithmeticSetsQc(string backend)
    {
        var m = new A64Machine(backend).Load("""
            uqadd v2.16b, v0.16b, v1.16b
            sqadd v3.8h, v0.8h, v1.8h
            uqsub v4.4s, v0.4s, v1.4s
            sqsub v5.2d, v0.2d, v1.2d
            sqadd b6, b0, b1
            sqxtn v7.8b, v8.8h
            uqxtn2 v7.16b, v8.8h
            sqxtun v9.4h, v10.4s
            sqabs v11.4s, v10.4s
            sqneg v12.8h, v8.8h
            uqsub d13, d1, d0
            sqadd h14, h0, h1
            """).SetV(0, Q(0x8000000000000000, 0x7FFFF000008070F0)).SetV(1, Q(0x0000000000000001, 0x0001200000801020)).SetV(8, Q(0x80007FFF00FF0080, 0xFF80FF7F007F0001)).SetV(10, Q(0x8000000000010000, 0xFFFFFFFF0000FFFF)).RunToBreak();
        Assert.Equal(Q(0x8000000000000001, 0x7FFFFF0000FF80FF), m.V(2));
        Assert.Equal(Q(0x8000000000000001, 0x7FFF100001007FFF), m.V(3));
        Assert.Equal(Q(0x8000000000000000, 0x7FFED000000060D0), m.V(4));
        Assert.Equal(Q(0x8000000000000000, 0x7FFED000000060D0), m.V(5));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000010), m.V(6));
        Assert.Equal(Q(0xFFFFFF80FFFF7F01, 0x807F7F7F80807F01), m.V(7));
        Assert.Equal(Q(0x0000000000000000, 0x0000FFFF0000FFFF), m.V(9));
        Assert.Equal(Q(0x7FFFFFFF00010000, 0x000000010000FFFF), m.V(11));
        Assert.Equal(Q(0x7FFF8001FF01FF80, 0x00800081FF81FFFF), m.V(12));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000000), m.V(13));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000007FFF), m.V(14));
        Assert.True(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void NoSaturationLeavesQcClear(string backend)
    {
        var m = new A64Machine(backend).Load("""
            uqadd v2.16b, v0.16b, v0.16b
            sqsub v3.4s, v0.4s, v0.4s
            """).SetV(0, Q(0x0101010101010101, 0x0101010101010101)).RunToBreak();
        Assert.Equal(Q(0x0202020202020202, 0x0202020202020202), m.V(2));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000000), m.V(3));
        Assert.False(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void ShiftsByImmediateAndRegister(string backend)
    {
        var m = new A64Machine(backend).Load("""
            ushr v2.16b, v0.16b, #3
            sshr v3.8h, v0.8h, #16
            mov v4.16b, v1.16b
            ssra v4.4s, v0.4s, #4
            shl v5.2d, v0.2d, #8
            mov v6.16b, v1.16b
            sli v6.8h, v0.8h, #4
            mov v7.16b, v1.16b
            sri v7.4s, v0.4s, #8
            urshr v8.16b, v0.16b, #2
            shrn v9.8b, v0.8h, #4
            rshrn2 v9.16b, v1.8h, #8
            sshll v10.4s, v0.4h, #0
            ushll2 v11.2d, v0.4s, #1
            ushl v12.16b, v0.16b, v13.16b
            sshl v14.8h, v0.8h, v13.8h
            ushr d15, d0, #63
            sqshrn v16.4h, v0.4s, #4
            srshr v17.4s, v0.4s, #32
            mov v18.16b, v1.16b
            usra v18.2d, v0.2d, #64
            uqrshrn v19.8b, v0.8h, #1
            sqrshrun v20.4h, v0.4s, #3
            sshl d21, d0, d13
            sri d22, d0, #64
            uxtl v23.8h, v0.8b
            sxtl2 v24.2d, v0.4s
            mov v25.16b, v1.16b
            srsra v25.8h, v0.8h, #1
            ushl v26.2d, v0.2d, v13.2d
            sqshrun2 v27.8h, v0.4s, #2
            """).SetV(0, Q(0x800000017FFFFFFF, 0x00FF01020304FFFE)).SetV(1, Q(0x1111111111111111, 0x2222222222222222)).SetV(13, Q(0x0808F8F80101FFFF, 0x07F90004FC0280C1)).RunToBreak();
        Assert.Equal(Q(0x100000000F1F1F1F, 0x001F000000001F1F), m.V(2));
        Assert.Equal(Q(0xFFFF00000000FFFF, 0x000000000000FFFF), m.V(3));
        Assert.Equal(Q(0x0911111119111110, 0x2232123222527221), m.V(4));
        Assert.Equal(Q(0x0000017FFFFFFF00, 0xFF01020304FFFE00), m.V(5));
        Assert.Equal(Q(0x00010011FFF1FFF1, 0x0FF210223042FFE2), m.V(6));
        Assert.Equal(Q(0x11800000117FFFFF, 0x2200FF01220304FF), m.V(7));
        Assert.Equal(Q(0x2000000020404040, 0x0040000101014040), m.V(8));
        Assert.Equal(Q(0x1111111122222222, 0x0000FFFF0F1030FF), m.V(9));
        Assert.Equal(Q(0x000000FF00000102, 0x00000304FFFFFFFE), m.V(10));
        Assert.Equal(Q(0x0000000100000002, 0x00000000FFFFFFFE), m.V(11));
        Assert.Equal(Q(0x00000000FEFE7F7F, 0x0001012000100000), m.V(12));
        Assert.Equal(Q(0x00000000FFFEFFFF, 0x000110200C10FFFF), m.V(14));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000000), m.V(15));
        Assert.Equal(Q(0x0000000000000000, 0x80007FFF7FFF7FFF), m.V(16));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000000), m.V(17));
        Assert.Equal(Q(0x1111111111111111, 0x2222222222222222), m.V(18));
        Assert.Equal(Q(0x0000000000000000, 0xFF01FFFF8081FFFF), m.V(19));
        Assert.Equal(Q(0x0000000000000000, 0x0000FFFFFFFFFFFF), m.V(20));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000000), m.V(21));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000000), m.V(22));
        Assert.Equal(Q(0x000000FF00010002, 0x0003000400FF00FE), m.V(23));
        Assert.Equal(Q(0xFFFFFFFF80000001, 0x000000007FFFFFFF), m.V(24));
        Assert.Equal(Q(0xD111111251111111, 0x22A222A323A42221), m.V(25));
        Assert.Equal(Q(0x40000000BFFFFFFF, 0x0000000000000000), m.V(26));
        Assert.Equal(Q(0x0000FFFFFFFFFFFF, 0x0000000000000000), m.V(27));
        Assert.True(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void WideningAndNarrowing(string backend)
    {
        var m = new A64Machine(backend).Load("""
            uaddl v2.8h, v0.8b, v1.8b
            saddl2 v3.4s, v0.8h, v1.8h
            umull v4.2d, v0.2s, v1.2s
            smull v5.4s, v0.4h, v1.4h
            mov v6.16b, v1.16b
            umlal v6.8h, v0.8b, v1.8b
            uaddw v7.8h, v1.8h, v0.8b
            usubl v8.4s, v0.4h, v1.4h
            addhn v9.8b, v0.8h, v1.8h
            uabdl v10.8h, v0.8b, v1.8b
            xtn v11.4h, v0.4s
            xtn2 v11.8h, v1.4s
            smull2 v12.2d, v0.4s, v1.4s
            mov v13.16b, v0.16b
            smlsl v13.4s, v0.4h, v1.4h
            ssubw2 v14.4s, v0.4s, v1.8h
            raddhn2 v15.16b, v0.8h, v1.8h
            sabal v16.2d, v0.2s, v1.2s
            umull2 v17.8h, v0.16b, v1.16b
            rsubhn v18.4h, v0.4s, v1.4s
            """).SetV(0, Q(0x800000017FFFFFFF, 0x00FF01020304FFFE)).SetV(1, Q(0x8000000000000002, 0x01010101FFFF0003)).RunToBreak();
        Assert.Equal(Q(0x0001010000020003, 0x0102010300FF0101), m.V(2));
        Assert.Equal(Q(0xFFFF000000000001, 0x00007FFF00000001), m.V(3));
        Assert.Equal(Q(0x0001000103020302, 0x0304FCF90910FFFA), m.V(4));
        Assert.Equal(Q(0x0000FFFF00010302, 0xFFFFFCFCFFFFFFFA), m.V(5));
        Assert.Equal(Q(0x800000FF00010004, 0x03FE04FDFFFF02FD), m.V(6));
        Assert.Equal(Q(0x800000FF00010004, 0x0104010500FE0101), m.V(7));
        Assert.Equal(Q(0xFFFFFFFE00000001, 0xFFFF03050000FFFB), m.V(8));
        Assert.Equal(Q(0x0000000000000000, 0x00007F0002020300), m.V(9));
        Assert.Equal(Q(0x000100FE00000001, 0x00FC00FB00FF00FB), m.V(10));
        Assert.Equal(Q(0x0000000201010003, 0x0001FFFF0102FFFE), m.V(11));
        Assert.Equal(Q(0x3FFFFFFF80000000, 0x00000000FFFFFFFE), m.V(12));
        Assert.Equal(Q(0x7FFF00027FFEFCFD, 0x00FF040603050004), m.V(13));
        Assert.Equal(Q(0x800080017FFFFFFF, 0x00FF01020304FFFC), m.V(14));
        Assert.Equal(Q(0x0000800002020300, 0x0000000000000000), m.V(15));
        Assert.Equal(Q(0x000000000001FFFF, 0x000000000305FFFB), m.V(16));
        Assert.Equal(Q(0x4000000000000000, 0x00000000000001FE), m.V(17));
        Assert.Equal(Q(0x0000000000000000, 0x00008000FFFE0306), m.V(18));
        Assert.False(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void MultipliesByElement(string backend)
    {
        var m = new A64Machine(backend).Load("""
            mul v2.8h, v0.8h, v1.h[3]
            mul v3.4s, v0.4s, v17.s[2]
            mov v4.16b, v1.16b
            mla v4.4h, v0.4h, v15.h[6]
            mov v5.16b, v1.16b
            mls v5.4s, v0.4s, v1.s[1]
            umull v6.4s, v0.4h, v15.h[0]
            smull2 v7.2d, v0.4s, v1.s[3]
            mov v8.16b, v1.16b
            umlal2 v8.4s, v0.8h, v1.h[1]
            mov v9.16b, v1.16b
            smlsl v9.2d, v0.2s, v17.s[0]
            """).SetV(0, Q(0x800000017FFFFFFF, 0x00FF01020304FFFE)).SetV(1, Q(0x8000000000000002, 0x01010101FFFF0003)).SetV(15, Q(0x0009000A000B000C, 0x0000000000000007)).SetV(17, Q(0x0001000200030004, 0x0005000600070008)).RunToBreak();
        Assert.Equal(Q(0x800001017EFFFEFF, 0xFFFF03020704FDFE), m.V(2));
        Assert.Equal(Q(0x00030004FFFCFFFC, 0x070204080C0DFFF8), m.V(3));
        Assert.Equal(Q(0x0000000000000000, 0x0AF70B151E27FFEF), m.V(4));
        Assert.Equal(Q(0xFEFEFEFF81010103, 0xFDFEFDFFF9FC0205), m.V(5));
        Assert.Equal(Q(0x000006F90000070E, 0x0000151C0006FFF2), m.V(6));
        Assert.Equal(Q(0x3FFFFFFF80000000, 0xC000000080000000), m.V(7));
        Assert.Equal(Q(0xFFFF800000010001, 0x80FF8102FFFD0004), m.V(8));
        Assert.Equal(Q(0x7FFFF906F0F9F7F2, 0x0100EBDEE7E50013), m.V(9));
        Assert.False(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void SaturatingAndRoundingShiftsAndDoublingMultiplies(string backend)
    {
        var m = new A64Machine(backend).Load("""
            sqshl v4.16b, v0.16b, #1
            uqshl v5.8h, v0.8h, #4
            sqshlu v6.4s, v0.4s, #1
            sqshl v7.16b, v0.16b, v13.16b
            uqrshl v8.8h, v0.8h, v13.8h
            srshl v9.4s, v0.4s, v13.4s
            urshl v10.2d, v0.2d, v13.2d
            sqdmulh v11.8h, v2.8h, v3.8h
            sqrdmulh v12.4s, v2.4s, v3.4s
            sqrdmulh v14.4h, v2.4h, v3.h[7]
            shll2 v15.4s, v0.8h, #16
            sqshl d16, d0, #8
            uqshl b17, b1, #7
            """).SetV(0, Q(0x800000017FFFFFFF, 0x00FF01020304FFFE)).SetV(1, Q(0x8000000000000002, 0x01010101FFFF0003)).SetV(2, Q(0x8000800040007FFF, 0x7FFF0001C000FFFF)).SetV(3, Q(0x8000800080007FFF, 0x0002FFFF40004000)).SetV(13, Q(0x0808F8F80101FFFF, 0x07F90004FC0280C1)).SetV(20, Q(0x1111111111111111, 0x2222222222222222)).RunToBreak();
        Assert.Equal(Q(0x800000027FFEFEFE, 0x00FE02040608FEFC), m.V(4));
        Assert.Equal(Q(0xFFFF0010FFFFFFFF, 0x0FF010203040FFFF), m.V(5));
        Assert.Equal(Q(0x00000000FFFFFFFE, 0x01FE02040609FFFC), m.V(6));
        Assert.Equal(Q(0x800000007FFEFFFF, 0x00FF01200010FFFF), m.V(7));
        Assert.Equal(Q(0xFFFF0000FFFE8000, 0x000210200C100000), m.V(8));
        Assert.Equal(Q(0xFF80000040000000, 0x0FF0102000000000), m.V(9));
        Assert.Equal(Q(0x40000000C0000000, 0x0000000000000000), m.V(10));
        Assert.Equal(Q(0x7FFF7FFFC0007FFE, 0x0001FFFFE000FFFF), m.V(11));
        Assert.Equal(Q(0x7FFF0001BFFFC001, 0x0002FFF9E0006000), m.V(12));
        Assert.Equal(Q(0x0000000000000000, 0x8001FFFF40000001), m.V(14));
        Assert.Equal(Q(0x8000000000010000, 0x7FFF0000FFFF0000), m.V(15));
        Assert.Equal(Q(0x0000000000000000, 0x7FFFFFFFFFFFFFFF), m.V(16));
        Assert.Equal(Q(0x0000000000000000, 0x00000000000000FF), m.V(17));
        Assert.True(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }

    [Theory]
    [AllBackends]
    public void MixedSaturatingAccumulatesAndPolynomialMultiply(string backend)
    {
        var m = new A64Machine(backend).Load("""
            pmul v4.16b, v0.16b, v1.16b
            sqdmull v5.4s, v2.4h, v3.4h
            sqdmull2 v6.4s, v2.8h, v3.8h
            mov v7.16b, v20.16b
            sqdmlal v7.2d, v2.2s, v3.2s
            mov v8.16b, v0.16b
            suqadd v8.16b, v1.16b
            mov v9.16b, v1.16b
            usqadd v9.8h, v0.8h
            sqxtn h10, s0
            sqshrun b11, h2, #2
            sqdmull s12, h2, v3.h[7]
            """).SetV(0, Q(0x800000017FFFFFFF, 0x00FF01020304FFFE)).SetV(1, Q(0x8000000000000002, 0x01010101FFFF0003)).SetV(2, Q(0x8000800040007FFF, 0x7FFF0001C000FFFF)).SetV(3, Q(0x8000800080007FFF, 0x0002FFFF40004000)).SetV(20, Q(0x7FFFFFFFFFFFFFF0, 0x0000000000000010)).RunToBreak();
        Assert.Equal(Q(0x00000000000000FE, 0x00FF010201FC0002), m.V(4));
        Assert.Equal(Q(0x0001FFFCFFFFFFFE, 0xE0000000FFFF8000), m.V(5));
        Assert.Equal(Q(0x7FFFFFFF7FFFFFFF, 0xC00000007FFE0002), m.V(6));
        Assert.Equal(Q(0x7FFFFFFFFFFFFFFF, 0xE0005FFFFFFF8010), m.V(7));
        Assert.Equal(Q(0x000000017FFFFF01, 0x010002037F7FFF01), m.V(8));
        Assert.Equal(Q(0x000000017FFF0001, 0x02000203FFFF0001), m.V(9));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000007FFF), m.V(10));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000000000), m.V(11));
        Assert.Equal(Q(0x0000000000000000, 0x0000000000010000), m.V(12));
        Assert.True(Saturated(m));
        Assert.Equal(0x00u, FpsrCumulativeFlags(m));
    }
}
