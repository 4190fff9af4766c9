using Cross.Core.Ir;

namespace Cross.Core.Tests.Ir;

public class IrVerifierTests
{
    [Fact]
    public void BlockWithoutExitIsRejected()
    {
        var builder = new IrBuilder(0);
        builder.Const64(1);
        var error = Assert.Throws<IrVerificationException>(() => IrVerifier.Verify(builder.Block));
        Assert.Contains("does not end with an exit", error.Message);
    }

    [Fact]
    public void UseBeforeDefinitionIsRejected()
    {
        var block = new IrBlock(0);
        block.Instructions.Add(new Instruction(Opcode.Add, IrType.I64) { A = new Value(1), B = new Value(1) });
        block.Instructions.Add(new Instruction(Opcode.Const, IrType.I64));
        block.Instructions.Add(new Instruction(Opcode.ExitDirect, IrType.Void));
        Assert.Contains(IrVerifier.Check(block), e => e.Contains("not defined before use"));
    }

    [Fact]
    public void MismatchedOperandTypesAreRejected()
    {
        var builder = new IrBuilder(0);
        var a = builder.Const64(1);
        var b = builder.Const32(1);
        builder.Emit(new Instruction(Opcode.Add, IrType.I64) { A = a, B = b });
        builder.ExitDirect(0);
        Assert.Contains(IrVerifier.Check(builder.Block), e => e.Contains("B is i32, expected i64"));
    }

    [Fact]
    public void VoidValuesCannotBeOperands()
    {
        var builder = new IrBuilder(0);
        var value = builder.Const64(1);
        builder.SetReg(0, value);
        builder.Emit(new Instruction(Opcode.Not, IrType.I64) { A = new Value(1) });
        builder.ExitDirect(0);
        Assert.Contains(IrVerifier.Check(builder.Block), e => e.Contains("has no value"));
    }

    [Fact]
    public void ExitInTheMiddleIsRejected()
    {
        var block = new IrBlock(0);
        block.Instructions.Add(new Instruction(Opcode.ExitDirect, IrType.Void));
        block.Instructions.Add(new Instruction(Opcode.ExitDirect, IrType.Void));
        Assert.Contains(IrVerifier.Check(block), e => e.Contains("exit before the end"));
    }

    [Fact]
    public void ConditionsMustBeI1AndAddressesI64()
    {
        var builder = new IrBuilder(0);
        var word = builder.Const32(1);
        builder.Load(IrType.I64, word, MemoryAccess.Size8);
        builder.ExitCond(word, 0, 4);
        var errors = IrVerifier.Check(builder.Block);
        Assert.Contains(errors, e => e.Contains("address must be i64"));
        Assert.Contains(errors, e => e.Contains("exit condition must be i1"));
    }

    [Fact]
    public void HelperArgumentsAreChecked()
    {
        var helper = new IrHelper("h", IrType.I64, [IrType.I64], (_, args) => args[0]);
        var builder = new IrBuilder(0);
        var word = builder.Const32(1);
        builder.Call(helper, word);
        builder.ExitDirect(0);
        Assert.Contains(IrVerifier.Check(builder.Block), e => e.Contains("argument 0 is i32, expected i64"));
    }

    [Fact]
    public void FloatingPointNeedsAnI8RoundingMode()
    {
        var builder = new IrBuilder(0);
        var x = builder.Bitcast(IrType.F64, builder.Const64(0));
        var rm = builder.Const64(0);
        builder.FAdd(x, x, rm, -1, default);
        builder.ExitDirect(0);
        Assert.Contains(IrVerifier.Check(builder.Block), e => e.Contains("rounding mode must be i8"));
    }

    [Fact]
    public void WellFormedVectorOperationsPass()
    {
        var builder = new IrBuilder(0);
        var x = builder.GetReg(IrType.V128, 0);
        var y = builder.GetReg(IrType.V128, 16);
        var sum = builder.VAdd(16, x, y);
        var masked = builder.And(builder.Not(sum), builder.VCmp(Condition.LtS, 16, x, y));
        var shuffled = builder.VShuffle(masked, builder.VDup(builder.Const(IrType.I8, 7)), [0, 31, 2, 17, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
        var looked = builder.VTableLookup(shuffled, x, y);
        var wide = builder.VWiden(true, 32, builder.VNarrow(Opcode.VNarrowSatSU, 8, looked), 1);
        builder.SetReg(32, builder.VShift(Opcode.VShrS, 64, wide, 64));
        builder.SetReg(48, builder.ZeroExtend(IrType.I64, builder.VReduce(VectorReduction.MaxU, 32, wide)));
        builder.ExitDirect(0);
        Assert.Empty(IrVerifier.Check(builder.Block));
    }

    [Fact]
    public void VectorLaneWidthsImmediatesAndOperandsAreChecked()
    {
        var builder = new IrBuilder(0);
        var x = builder.GetReg(IrType.V128, 0);
        var word = builder.Const32(1);
        builder.VAdd(12, x, x);
        builder.VNarrow(Opcode.VNarrow, 64, x);
        builder.VShift(Opcode.VShl, 16, x, 17);
        builder.VWiden(false, 8, x, 2);
        builder.Emit(new Instruction(Opcode.VShuffle, IrType.V128) { A = x, B = x, Imm2 = 32L << 56 });
        builder.Emit(new Instruction(Opcode.VDup, IrType.V128) { A = word, Aux2 = 16 });
        builder.Emit(new Instruction(Opcode.VReduce, IrType.I64) { A = x, Aux2 = 8 });
        builder.VAdd(8, x, word);
        builder.Add(x, x);
        builder.ExitDirect(0);
        var errors = IrVerifier.Check(builder.Block);
        Assert.Contains(errors, e => e.StartsWith("v2 VAdd") && e.Contains("lane width"));
        Assert.Contains(errors, e => e.StartsWith("v3 VNarrow") && e.Contains("narrow lane width"));
        Assert.Contains(errors, e => e.StartsWith("v4 VShl") && e.Contains("shift amount"));
        Assert.Contains(errors, e => e.StartsWith("v5 VWidenU") && e.Contains("half"));
        Assert.Contains(errors, e => e.StartsWith("v6 VShuffle") && e.Contains("index above 31"));
        Assert.Contains(errors, e => e.StartsWith("v7 VDup") && e.Contains("lane width"));
        Assert.Contains(errors, e => e.StartsWith("v8 VReduce") && e.Contains("result must be i8"));
        Assert.Contains(errors, e => e.StartsWith("v9 VAdd") && e.Contains("operand B must be v128"));
        Assert.Contains(errors, e => e.StartsWith("v10 Add") && e.Contains("non-integer"));
    }
}
