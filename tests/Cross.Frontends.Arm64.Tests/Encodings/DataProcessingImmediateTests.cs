using Cross.Frontends.Arm64.Tests.TestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

public class DataProcessingImmediateTests
{
    [Theory]
    [AllBackends]
    public void MoveWideBuildsAConstant(string backend)
    {
        var m = new A64Machine(backend).Load("""
            movz x0, #0x1234, lsl #48
            movk x0, #0x5678, lsl #16
            movn w1, #0
            movn x2, #0xff, lsl #16
            """).SetX(1, ulong.MaxValue).RunToBreak();
        Assert.Equal(0x1234_0000_5678_0000UL, m.X(0));
        Assert.Equal(0xFFFF_FFFFUL, m.X(1));
        Assert.Equal(0xFFFF_FFFF_FF00_FFFFUL, m.X(2));
    }

    [Theory]
    [AllBackends]
    public void AddSubtractImmediateSetFlagsAndUseSp(string backend)
    {
        var m = new A64Machine(backend).Load("""
            sub sp, sp, #0x20
            add x1, sp, #0x10
            subs x2, x3, #1
            add x4, x2, #0
            adds w5, w6, #1
            """).SetX(3, 0).SetX(6, 0x7FFF_FFFF).RunToBreak();
        Assert.Equal(A64Machine.StackTop - 0x20, m.Sp);
        Assert.Equal(A64Machine.StackTop - 0x10, m.X(1));
        Assert.Equal(ulong.MaxValue, m.X(4));
        Assert.Equal(0x8000_0000UL, m.X(5));
        // 0x7fffffff + 1 as w: negative, signed overflow, no carry.
        Assert.Equal(0b1001u, m.Nzcv);
    }

    [Theory]
    [AllBackends]
    public void LogicalImmediatesAndBitfieldMoves(string backend)
    {
        var m = new A64Machine(backend).Load("""
            and x1, x0, #0xff00ff00ff00ff00
            orr w2, wzr, #0x3c
            eor x3, x0, #0x1
            ands x4, x0, #0x8000000000000000
            ubfx x5, x0, #4, #8
            sbfx x6, x0, #60, #4
            lsl x7, x0, #12
            bfi x8, x0, #16, #8
            extr x9, x0, x1, #8
            """).SetX(0, 0xF123_4567_89AB_CDEF).SetX(8, 0x1111_1111_1111_1111).RunToBreak();
        Assert.Equal(0xF100_4500_8900_CD00UL, m.X(1));
        Assert.Equal(0x3CUL, m.X(2));
        Assert.Equal(0xF123_4567_89AB_CDEEUL, m.X(3));
        Assert.Equal(0x8000_0000_0000_0000UL, m.X(4));
        Assert.Equal(0b1000u, m.Nzcv);
        Assert.Equal(0xDEUL, m.X(5));
        Assert.Equal(0xFFFF_FFFF_FFFF_FFFFUL, m.X(6));
        Assert.Equal(0x3456_789A_BCDE_F000UL, m.X(7));
        Assert.Equal(0x1111_1111_11EF_1111UL, m.X(8));
        Assert.Equal(0xEFF1_0045_0089_00CDUL, m.X(9));
    }

    [Theory]
    [AllBackends]
    public void AdrAndAdrpArePcRelative(string backend)
    {
        var m = new A64Machine(backend).Load("""
            adr x0, .
            adrp x1, .
            adr x2, . + 0x100
            """).RunToBreak();
        Assert.Equal(A64Machine.CodeBase, m.X(0));
        Assert.Equal(A64Machine.CodeBase & ~0xFFFUL, m.X(1));
        Assert.Equal(A64Machine.CodeBase + 8 + 0x100, m.X(2));
    }

    [Theory]
    [AllBackends]
    public void ConditionalBranchesFollowTheFlags(string backend)
    {
        var m = new A64Machine(backend).Load("""
            mov x0, #0
            mov x1, #10
            1:  add x0, x0, #3
            subs x1, x1, #1
            b.ne 1b
            cbz x1, 2f
            mov x0, #0
            2:  tbnz x0, #0, 3f
            mov x2, #1
            3:  bl 4f
            b 5f
            4:  ret
            5:  nop
            """).RunToBreak();
        Assert.Equal(30UL, m.X(0));
        Assert.Equal(1UL, m.X(2));
        Assert.Equal(A64Machine.CodeBase + 4 * 10, m.X(30));
    }
}
