using Cross.Core.Ir;

namespace Cross.Core.Tests.Ir;

public class IrBuilderTests
{
    [Fact]
    public void ValuesAreNumberedByPositionAndTyped()
    {
        var builder = new IrBuilder(0x1000);
        builder.BeginInstruction(0x1000, 4);
        var a = builder.GetReg(IrType.I64, 8);
        var b = builder.Const64(5);
        var sum = builder.Add(a, b);
        builder.SetReg(8, sum);
        builder.ExitDirect(0x1004);

        Assert.Equal(new Value(0), a);
        Assert.Equal(new Value(2), sum);
        Assert.Equal(IrType.I64, builder.TypeOf(sum));
        Assert.True(builder.IsTerminated);
        Assert.Equal(0x1004UL, builder.Block.GuestEnd);
        Assert.Empty(IrVerifier.Check(builder.Block));
    }

    [Fact]
    public void EmittingAfterAnExitIsRejected()
    {
        var builder = new IrBuilder(0);
        builder.ExitDirect(4);
        Assert.Throws<InvalidOperationException>(() => builder.Const64(1));
    }

    [Fact]
    public void ExtensionToTheSameTypeIsTheValueItself()
    {
        var builder = new IrBuilder(0);
        var value = builder.Const64(1);
        Assert.Equal(value, builder.ZeroExtend(IrType.I64, value));
        Assert.Equal(value, builder.SignExtend(IrType.I64, value));
        Assert.Equal(value, builder.Truncate(IrType.I64, value));
    }

    [Fact]
    public void InstructionsRememberTheirGuestInstruction()
    {
        var builder = new IrBuilder(0x10);
        builder.BeginInstruction(0x10, 4);
        builder.Const64(1);
        builder.BeginInstruction(0x14, 2);
        builder.Const64(2);
        builder.ExitDirect(0x16);
        Assert.Equal(new ulong[] { 0x10, 0x14 }, builder.Block.GuestPcs);
        Assert.Equal(0, builder.Block.Instructions[0].GuestIndex);
        Assert.Equal(1, builder.Block.Instructions[1].GuestIndex);
        Assert.Equal(1, builder.Block.Instructions[2].GuestIndex);
    }
}
