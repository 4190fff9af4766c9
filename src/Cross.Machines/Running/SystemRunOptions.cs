using Cross.Core.Engine;

namespace Cross.Machines.Running;

/// <summary>How a <see cref="SystemRunner"/> drives a machine.</summary>
public sealed record SystemRunOptions
{
    /// <summary>Default time slice per hart, in instructions: about half a millisecond of interpreted code.</summary>
    public const long DefaultSliceInstructions = 10_000;

    /// <summary>Runs every hart's translated code (all harts share it).</summary>
    public required IBackend Backend { get; init; }

    public EngineOptions? Engine { get; init; }

    public ClockMode Clock { get; init; } = ClockMode.Host;

    /// <summary>
    /// Guest nanoseconds per retired instruction under <see cref="ClockMode.InstructionCount"/>. The
    /// default, 1 ns (QEMU's -icount shift=0), is a 1 GHz hart: 100 instructions per tick of the
    /// 10 MHz mtime.
    /// </summary>
    public ulong NanosecondsPerInstruction { get; init; } = 1;

    /// <summary>How many instructions each hart runs before the next one gets its turn (round robin).</summary>
    public long SliceInstructions { get; init; } = DefaultSliceInstructions;

    /// <summary>Host wall-clock limit for the run; null for none.</summary>
    public TimeSpan? Timeout { get; init; }
}
