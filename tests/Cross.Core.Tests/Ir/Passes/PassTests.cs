using Cross.Core.Ir;
using Cross.Core.Ir.Passes;

namespace Cross.Core.Tests.Ir.Passes;

public class ConstantFoldingTests
{
    private static IrBlock Optimise(IrBuilder builder)
    {
        PassPipeline.Default().Run(builder.Block);
        return builder.Block;
    }

    [Fact]
    public void ConstantArithmeticBecomesOneConstant()
    {
        var builder = new IrBuilder(0);
        var sum = builder.Add(builder.Const64(2), builder.Const64(3));
        var shifted = builder.Shl(sum, builder.Const64(4));
        builder.SetReg(0, shifted);
        builder.ExitDirect(4);
        var block = Optimise(builder);
        Assert.Equal(3, block.Instructions.Count);
        Assert.Equal(Opcode.Const, block.Instructions[0].Op);
        Assert.Equal(80L, block.Instructions[0].Imm);
    }

    [Fact]
    public void IdentitiesKeepTheOtherOperand()
    {
        var builder = new IrBuilder(0);
        var x = builder.GetReg(IrType.I64, 8);
        var y = builder.Add(x, builder.Const64(0));
        var z = builder.And(y, builder.Const64(ulong.MaxValue));
        builder.SetReg(16, z);
        builder.ExitDirect(4);
        var block = Optimise(builder);
        var set = block.Instructions.Single(i => i.Op == Opcode.SetReg);
        Assert.Equal(Opcode.GetReg, block[set.A].Op);
    }

    [Fact]
    public void XorOfAValueWithItselfIsZero()
    {
        var builder = new IrBuilder(0);
        var x = builder.GetReg(IrType.I64, 8);
        builder.SetReg(16, builder.Xor(x, x));
        builder.ExitDirect(4);
        var block = Optimise(builder);
        var set = block.Instructions.Single(i => i.Op == Opcode.SetReg);
        Assert.Equal(Opcode.Const, block[set.A].Op);
        Assert.Equal(0L, block[set.A].Imm);
    }

    [Fact]
    public void ConditionalExitOnAConstantBecomesDirect()
    {
        var builder = new IrBuilder(0);
        var c = builder.Cmp(Condition.Eq, builder.Const64(1), builder.Const64(1));
        builder.ExitCond(c, 0x100, 0x200);
        var block = Optimise(builder);
        Assert.Single(block.Instructions);
        Assert.Equal(Opcode.ExitDirect, block.Terminator.Op);
        Assert.Equal(0x100L, block.Terminator.Imm);
    }

    [Fact]
    public void ShiftByTheWidthIsNotTreatedAsShiftByZero()
    {
        // Shift amounts are taken modulo the width, so x << 64 == x, but x << 1 is not x.
        var builder = new IrBuilder(0);
        var x = builder.GetReg(IrType.I64, 8);
        builder.SetReg(16, builder.Shl(x, builder.Const64(1)));
        builder.ExitDirect(4);
        var block = Optimise(builder);
        Assert.Contains(block.Instructions, i => i.Op == Opcode.Shl);
    }
}

public class RegisterAccessEliminationTests
{
    [Fact]
    public void ReadAfterWriteUsesTheWrittenValue()
    {
        var builder = new IrBuilder(0);
        var x = builder.GetReg(IrType.I64, 8);
        builder.SetReg(16, x);
        var y = builder.GetReg(IrType.I64, 16);
        builder.SetReg(24, y);
        builder.ExitDirect(4);
        PassPipeline.Default().Run(builder.Block);
        var block = builder.Block;
        Assert.Single(block.Instructions, i => i.Op == Opcode.GetReg);
        Assert.All(block.Instructions.Where(i => i.Op == Opcode.SetReg), set => Assert.Equal(new Value(0), set.A));
    }

    [Fact]
    public void OverwrittenWriteIsDropped()
    {
        var builder = new IrBuilder(0);
        builder.SetReg(8, builder.Const64(1));
        builder.SetReg(8, builder.Const64(2));
        builder.ExitDirect(4);
        PassPipeline.Default().Run(builder.Block);
        var set = Assert.Single(builder.Block.Instructions, i => i.Op == Opcode.SetReg);
        Assert.Equal(2L, builder.Block[set.A].Imm);
    }

    [Fact]
    public void WriteBeforeAPossibleFaultIsKept()
    {
        // The first write must be visible if the load faults: faults are precise.
        var builder = new IrBuilder(0);
        builder.SetReg(8, builder.Const64(1));
        var loaded = builder.Load(IrType.I64, builder.Const64(0x1000), MemoryAccess.Size8);
        builder.SetReg(8, loaded);
        builder.ExitDirect(4);
        PassPipeline.Default().Run(builder.Block);
        Assert.Equal(2, builder.Block.Instructions.Count(i => i.Op == Opcode.SetReg));
    }

    [Fact]
    public void ReadOfAPartiallyOverlappingSlotIsNotForwarded()
    {
        var builder = new IrBuilder(0);
        builder.SetReg(8, builder.Const64(0x1_0000_0002));
        var low = builder.GetReg(IrType.I32, 8);
        builder.SetReg(16, low);
        builder.ExitDirect(4);
        PassPipeline.Default().Run(builder.Block);
        Assert.Contains(builder.Block.Instructions, i => i.Op == Opcode.GetReg && i.Type == IrType.I32);
    }

    [Fact]
    public void ImpureHelperForgetsKnownRegisters()
    {
        var helper = new IrHelper("touch", IrType.Void, [], (_, _) => 0);
        var builder = new IrBuilder(0);
        builder.GetReg(IrType.I64, 8);
        builder.Call(helper);
        var again = builder.GetReg(IrType.I64, 8);
        builder.SetReg(16, again);
        builder.ExitDirect(4);
        PassPipeline.Default().Run(builder.Block);
        Assert.Single(builder.Block.Instructions, i => i.Op == Opcode.GetReg);
        Assert.Contains(builder.Block.Instructions, i => i.Op == Opcode.Call);
    }
}

public class DeadCodeEliminationTests
{
    [Fact]
    public void UnusedPureValuesAreRemovedAndSideEffectsKept()
    {
        var builder = new IrBuilder(0);
        var x = builder.GetReg(IrType.I64, 8);
        builder.Mul(x, x);
        builder.Load(IrType.I64, x, MemoryAccess.Size8);
        builder.ExitDirect(4);
        PassPipeline.Default().Run(builder.Block);
        Assert.DoesNotContain(builder.Block.Instructions, i => i.Op == Opcode.Mul);
        Assert.Contains(builder.Block.Instructions, i => i.Op == Opcode.Load);
        Assert.Empty(IrVerifier.Check(builder.Block));
    }

    [Fact]
    public void FloatingPointWithFlagsIsKeptEvenIfUnused()
    {
        var builder = new IrBuilder(0);
        var x = builder.Bitcast(IrType.F64, builder.Const64(0));
        var rm = builder.Const(IrType.I8, 0);
        builder.FDiv(x, x, rm, 100, default);
        builder.FDiv(x, x, rm, -1, default);
        builder.ExitDirect(4);
        PassPipeline.Default().Run(builder.Block);
        Assert.Single(builder.Block.Instructions, i => i.Op == Opcode.FDiv);
    }

    [Fact]
    public void UnusedVectorOperationsAreRemovedAndUsedOnesKept()
    {
        var builder = new IrBuilder(0);
        var x = builder.GetReg(IrType.V128, 0);
        builder.VTableLookup(x, x, builder.VAdd(8, x, x));
        builder.VReduce(VectorReduction.Add, 32, x);
        builder.SetReg(16, builder.VBinary(Opcode.VAddSatU, 16, x, builder.Xor(x, x)));
        builder.ExitDirect(4);
        PassPipeline.Default().Run(builder.Block);
        Assert.Equal([Opcode.GetReg, Opcode.Xor, Opcode.VAddSatU, Opcode.SetReg, Opcode.ExitDirect], builder.Block.Instructions.Select(i => i.Op));
        Assert.Equal(16, builder.Block.Instructions[2].Aux2);
    }
}
