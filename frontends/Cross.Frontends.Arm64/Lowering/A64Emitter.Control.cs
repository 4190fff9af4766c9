using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

// Branches, exception generation and barriers.
public sealed partial class A64Emitter
{
    internal void BranchImmediate(A64Instruction i, bool link)
    {
        if (link) SetX(Arm64State.Lr, B.Const64(NextPc));
        B.ExitDirect(Pc + (ulong)(i.SignedField(25, 0) << 2));
    }

    internal void BranchConditional(A64Instruction i)
    {
        var target = Pc + (ulong)(i.SignedField(23, 5) << 2);
        var cond = i.Field(3, 0);
        if (cond >= 14) B.ExitDirect(target);
        else B.ExitCond(ConditionHolds(cond), target, NextPc);
    }

    internal void CompareAndBranch(A64Instruction i, bool nonZero)
    {
        var value = Reg(i.Is64, i.Rt);
        var zero = B.Const(B.TypeOf(value), 0);
        B.ExitCond(B.Cmp(nonZero ? Condition.Ne : Condition.Eq, value, zero), Pc + (ulong)(i.SignedField(23, 5) << 2), NextPc);
    }

    internal void TestAndBranch(A64Instruction i, bool nonZero)
    {
        var bit = (int)(i.Field(31, 31) << 5 | i.Field(23, 19));
        var set = B.Cmp(Condition.Ne, B.And(X(i.Rt), B.Const64(1UL << bit)), B.Const64(0));
        B.ExitCond(nonZero ? set : B.Not(set), Pc + (ulong)(i.SignedField(18, 5) << 2), NextPc);
    }

    internal void BranchRegister(A64Instruction i, bool link)
    {
        // Read the target before writing LR: BLR X30 branches to the old X30.
        var target = X(i.Rn);
        if (link) SetX(Arm64State.Lr, B.Const64(NextPc));
        B.ExitIndirect(target);
    }

    internal void SupervisorCall() => B.ExitTrap(TrapKind.SystemCall, Pc, NextPc);

    internal void Breakpoint() => B.ExitTrap(TrapKind.Breakpoint, Pc, Pc);

    internal void Barrier() => B.Fence(FenceKind.Full);

    /// <summary>ISB: later instructions are fetched afresh, so the block ends here.</summary>
    internal void InstructionBarrier()
    {
        B.Fence(FenceKind.Instruction);
        EndBlockAfter = true;
    }

    /// <summary>CLREX: the exclusive monitor is cleared.</summary>
    internal void ClearExclusive() => B.SetReg(Arm64State.ExclusiveValid, B.Const(IrType.I8, 0));
}
