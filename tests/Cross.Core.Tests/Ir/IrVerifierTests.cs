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
}
