using Cross.Core.Engine;
using Cross.Core.Ir;

namespace Cross.Frontends.RiscV.Privileged;

/// <summary>
/// The helpers system-mode code calls. Immutable and shared: each finds its hart through
/// <see cref="GuestContext.FrontendData"/>. A rule violated at run time (mstatus.TSR/TW/TVM, a
/// disabled counter) throws an illegal-instruction <see cref="GuestTrapException"/> carrying the
/// instruction bits.
/// </summary>
public static class SystemHelpers
{
    private static RiscVHart Hart(GuestContext context) =>
        context.FrontendData as RiscVHart
        ?? throw new InvalidOperationException("system-mode RISC-V code runs on a context whose FrontendData is its RiscVHart");

    /// <summary>(packed CSR number, operation, read/write flags and instruction bits; operand; index in block) → old value.</summary>
    public static IrHelper Csr { get; } = new(
        "riscv.csr", IrType.I64, [IrType.I64, IrType.I64, IrType.I64],
        (context, args) => Hart(context).ExecuteCsr(args[0], args[1], context.InstructionsRetired + (long)args[2]));

    /// <summary>() → mepc, after restoring the privilege and interrupt enables.</summary>
    public static IrHelper Mret { get; } = new(
        "riscv.mret", IrType.I64, [], (context, _) => Hart(context).ReturnFromMachine());

    /// <summary>(instruction bits) → sepc, after restoring the privilege and interrupt enables.</summary>
    public static IrHelper Sret { get; } = new(
        "riscv.sret", IrType.I64, [IrType.I64], (context, args) => Hart(context).ReturnFromSupervisor(args[0]));

    /// <summary>(instruction bits) → 0; checks mstatus.TW for an S-mode wfi.</summary>
    public static IrHelper CheckWfi { get; } = new(
        "riscv.wfi_check", IrType.I64, [IrType.I64], (context, args) =>
        {
            Hart(context).CheckWaitForInterrupt(args[0]);
            return 0;
        });

    /// <summary>(instruction bits | rs1≠x0 &lt;&lt; 32 | rs2≠x0 &lt;&lt; 33, rs1 value, rs2 value) → 0.</summary>
    public static IrHelper SfenceVma { get; } = new(
        "riscv.sfence_vma", IrType.I64, [IrType.I64, IrType.I64, IrType.I64], (context, args) =>
        {
            Hart(context).FenceVirtualMemory(args[0] & 0xFFFF_FFFF, (args[0] >> 32 & 1) != 0, args[1]);
            return 0;
        });

    /// <summary>() → 0; sets mstatus.FS to Dirty.</summary>
    public static IrHelper MarkFloatingPointDirty { get; } = new(
        "riscv.fs_dirty", IrType.I64, [], (context, _) =>
        {
            Hart(context).MarkFloatingPointDirty();
            return 0;
        });
}
