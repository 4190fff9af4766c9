using Cross.Core.Ir;

namespace Cross.Core.Tests.Ir;

public class IrEvalTests
{
    [Theory]
    [InlineData(Opcode.DivS, 7UL, 0UL, 0UL)]
    [InlineData(Opcode.DivU, 7UL, 0UL, 0UL)]
    [InlineData(Opcode.RemS, 7UL, 0UL, 7UL)]
    [InlineData(Opcode.RemU, 7UL, 0UL, 7UL)]
    [InlineData(Opcode.DivS, 0x8000_0000_0000_0000UL, ulong.MaxValue, 0x8000_0000_0000_0000UL)]
    [InlineData(Opcode.RemS, 0x8000_0000_0000_0000UL, ulong.MaxValue, 0UL)]
    [InlineData(Opcode.DivS, unchecked((ulong)-7L), 2UL, unchecked((ulong)-3L))]
    [InlineData(Opcode.RemS, unchecked((ulong)-7L), 2UL, unchecked((ulong)-1L))]
    [InlineData(Opcode.MulHighU, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue - 1)]
    [InlineData(Opcode.MulHighS, ulong.MaxValue, ulong.MaxValue, 0UL)]
    [InlineData(Opcode.MulHighSU, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue)]
    [InlineData(Opcode.Shl, 1UL, 65UL, 2UL)]
    [InlineData(Opcode.ShrS, 0x8000_0000_0000_0000UL, 63UL, ulong.MaxValue)]
    [InlineData(Opcode.RotR, 1UL, 1UL, 0x8000_0000_0000_0000UL)]
    public void Binary64(Opcode op, ulong a, ulong b, ulong expected) =>
        Assert.Equal(expected, IrEval.Binary(op, IrType.I64, a, b));

    [Fact]
    public void NarrowTypesWrapAndSignExtendFromTheirWidth()
    {
        Assert.Equal(0UL, IrEval.Binary(Opcode.Add, IrType.I32, 0xFFFF_FFFF, 1));
        Assert.Equal(0xFFFF_FFFFUL, IrEval.Binary(Opcode.ShrS, IrType.I32, 0x8000_0000, 31));
        Assert.Equal(0x8000_0000UL, IrEval.Binary(Opcode.DivS, IrType.I32, 0x8000_0000, 0xFFFF_FFFF));
        Assert.Equal(0xFFFF_FFFFUL, IrEval.Binary(Opcode.MulHighS, IrType.I32, 0xFFFF_FFFF, 1));
        Assert.True(IrEval.Compare(Condition.LtS, IrType.I8, 0x80, 0x7F));
        Assert.False(IrEval.Compare(Condition.LtU, IrType.I8, 0x80, 0x7F));
    }

    [Fact]
    public void BitCounting()
    {
        Assert.Equal(32UL, IrEval.Unary(Opcode.Clz, IrType.I32, 0));
        Assert.Equal(31UL, IrEval.Unary(Opcode.Clz, IrType.I32, 1));
        Assert.Equal(64UL, IrEval.Unary(Opcode.Ctz, IrType.I64, 0));
        Assert.Equal(16UL, IrEval.Unary(Opcode.Ctz, IrType.I16, 0));
        Assert.Equal(8UL, IrEval.Unary(Opcode.Popcount, IrType.I64, 0xFF));
        Assert.Equal(0x0403_0201UL, IrEval.Unary(Opcode.ByteSwap, IrType.I32, 0x0102_0304));
    }

    [Fact]
    public void CarryAndOverflowFlags()
    {
        Assert.True(IrEval.CarryOut(IrType.I64, ulong.MaxValue, 1, 0));
        Assert.True(IrEval.CarryOut(IrType.I64, ulong.MaxValue, 0, 1));
        Assert.False(IrEval.CarryOut(IrType.I64, ulong.MaxValue - 1, 0, 1));
        Assert.True(IrEval.CarryOut(IrType.I32, 0xFFFF_FFFF, 0xFFFF_FFFF, 1));
        Assert.True(IrEval.OverflowOut(IrType.I32, 0x7FFF_FFFF, 1, 0));
        Assert.False(IrEval.OverflowOut(IrType.I32, 0xFFFF_FFFF, 1, 0));
        Assert.True(IrEval.OverflowOut(IrType.I64, 0x8000_0000_0000_0000, 0x8000_0000_0000_0000, 0));
    }
}
