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
}
