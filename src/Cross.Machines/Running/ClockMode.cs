namespace Cross.Machines.Running;

/// <summary>What moves the machine's <see cref="Core.Devices.VirtualClock"/>.</summary>
public enum ClockMode
{
    /// <summary>
    /// Host time: guest time follows the host's monotonic clock, and an idle machine sleeps until
    /// its next timer deadline or until console input arrives.
    /// </summary>
    Host,
    /// <summary>
    /// Retired instructions (--icount): every instruction is <see cref="SystemRunOptions.NanosecondsPerInstruction"/>
    /// of guest time, and an idle machine jumps straight to its next timer deadline. Runs repeat
    /// exactly, whatever the host's speed.
    /// </summary>
    InstructionCount,
}
