using Cross.Core.Ir;
using Cross.Frontends.RiscV.Decoding;
using Cross.Frontends.RiscV.Privileged;

namespace Cross.Frontends.RiscV.Lowering;

// System mode: xRET, WFI, SFENCE.VMA, and mstatus.FS for FP instructions.
public sealed partial class RiscVEmitter
{
    /// <summary>Detail of the <see cref="TrapKind.Halt"/> a WFI ends its block with.</summary>
    public const ulong HaltForWfi = 1;

    /// <summary>Set once this block has made FS dirty (or when it already was).</summary>
    private bool _floatingPointDirty;

    /// <summary>
    /// Whether <paramref name="encoding"/> may run in this mode; in system mode, FP instructions
    /// are illegal while FS is Off, and the first one in a block that writes FP state marks FS
    /// dirty. Called before the handler.
    /// </summary>
    internal bool Permits(RiscVEncoding encoding)
    {
        if (!Mode.IsSystem || !encoding.HasFlag(EncodingFlags.IsFp)) return true;
        if (Mode.FloatingPoint == FloatingPointState.Off) return false;
        if (WritesFloatingPointState(encoding)) MarkFloatingPointDirty();
        return true;
    }

    /// <summary>Every FP instruction writes an f register or accrues flags, except stores, fmv.x.* and fclass.</summary>
    private static bool WritesFloatingPointState(RiscVEncoding encoding) =>
        !encoding.HasFlag(EncodingFlags.IsStore) && encoding.Mnemonic is not ("fmv.x.w" or "fmv.x.d" or "fclass.s" or "fclass.d");

    /// <summary>Sets mstatus.FS = Dirty once per block, unless it was dirty when the block was translated.</summary>
    internal void MarkFloatingPointDirty()
    {
        if (!Mode.IsSystem || _floatingPointDirty || Mode.FloatingPoint == FloatingPointState.Dirty) return;
        B.Call(SystemHelpers.MarkFloatingPointDirty);
        _floatingPointDirty = true;
    }

    /// <summary>mret (M-mode only): the hart restores the previous privilege; the block continues at mepc.</summary>
    internal void Mret()
    {
        if (!Mode.IsSystem || Mode.Privilege != PrivilegeLevel.Machine)
        {
            Illegal();
            return;
        }
        B.ExitIndirect(B.Call(SystemHelpers.Mret));
    }

    /// <summary>sret (S or M mode; mstatus.TSR is checked at run time).</summary>
    internal void Sret()
    {
        if (!Mode.IsSystem || Mode.Privilege == PrivilegeLevel.User)
        {
            Illegal();
            return;
        }
        B.ExitIndirect(B.Call(SystemHelpers.Sret, B.Const64(InstructionBits)));
    }

    /// <summary>
    /// wfi: retires, then ends the block with a <see cref="TrapKind.Halt"/> so the runner can idle
    /// until an interrupt is pending. Illegal in U-mode, and in S-mode when mstatus.TW is set.
    /// </summary>
    internal void Wfi()
    {
        if (!Mode.IsSystem || Mode.Privilege == PrivilegeLevel.User)
        {
            Illegal();
            return;
        }
        if (Mode.Privilege == PrivilegeLevel.Supervisor) B.Call(SystemHelpers.CheckWfi, B.Const64(InstructionBits));
        B.ExitTrap(TrapKind.Halt, Pc, NextPc, B.Const64(HaltForWfi));
    }

    /// <summary>sfence.vma rs1, rs2: flushes the TLB (one page when rs1 is not x0); the block ends after it.</summary>
    internal void SfenceVma(int rs1, int rs2)
    {
        if (!Mode.IsSystem || Mode.Privilege == PrivilegeLevel.User)
        {
            Illegal();
            return;
        }
        var packed = (ulong)InstructionBits | (rs1 != 0 ? 1UL << 32 : 0) | (rs2 != 0 ? 1UL << 33 : 0);
        B.Call(SystemHelpers.SfenceVma, B.Const64(packed), X(rs1), X(rs2));
        EndBlockAfter = true;
    }
}
