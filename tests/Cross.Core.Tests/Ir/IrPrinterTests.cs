using Cross.Core.Ir;

namespace Cross.Core.Tests.Ir;

public class IrPrinterTests
{
    [Fact]
    public void DumpShowsGuestPcsValuesAndExits()
    {
        var builder = new IrBuilder(0x1000);
        builder.BeginInstruction(0x1000, 4);
        var a = builder.GetReg(IrType.I64, 16);
        var sum = builder.Add(a, builder.Const64(3));
        builder.SetReg(16, sum);
        var c = builder.Cmp(Condition.LtU, sum, a);
        builder.ExitCond(c, 0x2000, 0x1004);

        var text = IrPrinter.Print(builder.Block);
        Assert.Equal(
            "block 0x1000 (1 guest instructions)\n" +
            "  ; 0x1000\n" +
            "  v0:i64 = get [16]\n" +
            "  v1:i64 = const 0x3\n" +
            "  v2:i64 = add v0, v1\n" +
            "  set [16], v2\n" +
            "  v4:i1 = cmp ltu, v2, v0\n" +
            "  exitCond v4, 0x2000, 0x1004\n", text);
    }

    [Fact]
    public void VectorOperationsShowTheirLaneShapeAndImmediates()
    {
        var builder = new IrBuilder(0);
        var x = builder.GetReg(IrType.V128, 0);
        var compare = builder.VCmp(Condition.GtU, 16, x, x);
        var shifted = builder.VShift(Opcode.VShrS, 32, compare, 3);
        var pattern = new byte[16];
        for (var i = 0; i < 16; i++) pattern[i] = (byte)(i + 1);
        var shuffled = builder.VShuffle(shifted, x, pattern);
        builder.VReduce(VectorReduction.MinS, 8, shuffled);
        var block = builder.Block;
        Assert.Equal("v1:v128 = vCmp i16x8, gtu, v0, v0", IrPrinter.Format(block.Instructions[1], 1));
        Assert.Equal("v2:v128 = vShrS i32x4, v1, #3", IrPrinter.Format(block.Instructions[2], 2));
        Assert.Equal("v3:v128 = vShuffle v2, v0, [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16]", IrPrinter.Format(block.Instructions[3], 3));
        Assert.Equal("v4:i8 = vReduce i8x16, mins, v3", IrPrinter.Format(block.Instructions[4], 4));
    }
}
