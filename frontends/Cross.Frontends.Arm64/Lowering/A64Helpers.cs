using System.Diagnostics;
using Cross.Core.Ir;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>The functions A64 code calls out to. Immutable; state lives in the guest context.</summary>
public static class A64Helpers
{
    /// <summary>CNTFRQ_EL0: the generic timer's frequency, as Linux reports it on QEMU's virt board (62.5 MHz).</summary>
    public const long CounterFrequency = 62_500_000;

    /// <summary>() → a host monotonic clock in <see cref="CounterFrequency"/> ticks (CNTVCT_EL0).</summary>
    public static IrHelper VirtualCounter { get; } = new(
        "a64.cntvct", IrType.I64, [],
        (_, _) => (ulong)(long)((Int128)Stopwatch.GetTimestamp() * CounterFrequency / Stopwatch.Frequency));
}
