using Cross.Core.Ir;

namespace Cross.Frontends.RiscV.Lowering;

// Branches, jumps, fences and environment calls.
public sealed partial class RiscVEmitter
{
    private ulong Target(long offset) => Pc + (ulong)offset;

    internal void Branch(Condition condition, int rs1, int rs2, long offset) =>
        ExitEither(B.Cmp(condition, X(rs1), X(rs2)), Target(offset), NextPc);

    internal void Jal(int rd, long offset)
    {
        SetX(rd, B.Const64(NextPc));
        ExitTo(Target(offset));
    }

    /// <summary>
    /// In system mode the block-cache key of a block names the physical frame of its page (see
    /// <see cref="Privileged.RiscVHart.CodeKey"/>). A known target in another page, or at the last
    /// parcel of this one (where an instruction may straddle into the next page), therefore exits
    /// indirectly: the engine looks it up afresh, and a backend that chains direct exits (which
    /// must not change the mode key) never links across pages.
    /// </summary>
    private bool MayExitDirectlyTo(ulong target) =>
        !Mode.IsSystem || ((target ^ B.Block.GuestPc) >> 12 == 0 && (target & 0xFFF) != 0xFFE);

    /// <summary>Leaves the block for a known target.</summary>
    internal void ExitTo(ulong target)
    {
        if (MayExitDirectlyTo(target)) B.ExitDirect(target);
        else B.ExitIndirect(B.Const64(target));
    }

    /// <summary>Leaves the block for one of two known targets.</summary>
    internal void ExitEither(Value condition, ulong ifTrue, ulong ifFalse)
    {
        if (MayExitDirectlyTo(ifTrue) && MayExitDirectlyTo(ifFalse)) B.ExitCond(condition, ifTrue, ifFalse);
        else B.ExitIndirect(B.Select(condition, B.Const64(ifTrue), B.Const64(ifFalse)));
    }

    /// <summary>
    /// Ends the block after an instruction that set <see cref="EndBlockAfter"/>. In system mode that
    /// instruction may have changed the mode key, the address mapping or the interrupt enables (a
    /// CSR write, sfence.vma), so the exit is indirect: back to the engine, which checks for
    /// interrupts and looks the next block up with the new key.
    /// </summary>
    internal void ExitAfter(ulong next)
    {
        if (Mode.IsSystem) B.ExitIndirect(B.Const64(next));
        else B.ExitDirect(next);
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
