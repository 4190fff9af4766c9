using Cross.Core.Ir;

namespace Cross.Frontends.RiscV.Lowering;

// Branches, jumps, fences and environment calls.
public sealed partial class RiscVEmitter
{
    private ulong Target(long offset) => Pc + (ulong)offset;

    internal void Branch(Condition condition, int rs1, int rs2, long offset) =>
        B.ExitCond(B.Cmp(condition, X(rs1), X(rs2)), Target(offset), NextPc);

    internal void Jal(int rd, long offset)
    {
        SetX(rd, B.Const64(NextPc));
        B.ExitDirect(Target(offset));
    }

    /// <summary>The target (rs1 + offset with bit 0 cleared) is read before rd is written.</summary>
    internal void Jalr(int rd, int rs1, long offset)
    {
        var target = B.And(Address(rs1, offset), B.Const64(~1L));
        SetX(rd, B.Const64(NextPc));
        B.ExitIndirect(target);
    }

    internal void Fence() => B.Fence(FenceKind.Full);

    /// <summary>fence.i: the block ends so the next fetch sees code written before it.</summary>
    internal void FenceInstruction()
    {
        B.Fence(FenceKind.Instruction);
        EndBlockAfter = true;
    }

    /// <summary>
    /// User mode: a system call the emulator handles, resuming after it. System mode: an
    /// environment-call exception, which does not retire (mepc/sepc = this instruction).
    /// </summary>
    internal void Ecall() => B.ExitTrap(TrapKind.SystemCall, Pc, Mode.IsSystem ? Pc : NextPc);

    internal void Ebreak() => B.ExitTrap(TrapKind.Breakpoint, Pc, Pc);
}
