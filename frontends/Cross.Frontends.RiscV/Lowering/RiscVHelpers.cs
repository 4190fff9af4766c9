using System.Diagnostics;
using Cross.Core.Engine;
using Cross.Core.Ir;

namespace Cross.Frontends.RiscV.Lowering;

/// <summary>The functions RISC-V code calls out to. Immutable; state lives in the guest context.</summary>
public static class RiscVHelpers
{
    /// <summary>Host ticks of <see cref="TimeFrequency"/> the time CSR counts.</summary>
    public const long TimeFrequency = 10_000_000;

    /// <summary>
    /// (fcsr, instruction bits) → frm. Raises an illegal-instruction trap when frm holds a reserved
    /// rounding mode (5-7), which makes a dynamic-rounding instruction illegal.
    /// </summary>
    public static IrHelper CheckDynamicRounding { get; } = new(
        "riscv.check_frm", IrType.I64, [IrType.I64, IrType.I64], (_, args) =>
        {
            var frm = (args[0] >> 5) & 7;
            if (frm > 4) throw new GuestTrapException(TrapKind.IllegalInstruction, args[1]);
            return frm;
        });

    /// <summary>
    /// (index of the instruction in its block) → instructions retired before it: the cycle and
    /// instret CSRs count the instruction clock.
    /// </summary>
    public static IrHelper InstructionsRetired { get; } = new(
        "riscv.instret", IrType.I64, [IrType.I64],
        (context, args) => (ulong)context.InstructionsRetired + args[0]);

    /// <summary>() → a host monotonic clock in 10 MHz ticks (the time CSR).</summary>
    public static IrHelper Time { get; } = new(
        "riscv.time", IrType.I64, [],
        (_, _) => (ulong)(long)((Int128)Stopwatch.GetTimestamp() * TimeFrequency / Stopwatch.Frequency));
}
