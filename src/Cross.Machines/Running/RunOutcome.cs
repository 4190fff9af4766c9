using Cross.Devices.Power;

namespace Cross.Machines.Running;

public enum RunEnd
{
    /// <summary>The guest powered off, failed or asked for a reset through a power device (sifive_test, HTIF).</summary>
    Shutdown,
    /// <summary><see cref="SystemRunOptions.Timeout"/> passed first.</summary>
    Timeout,
    /// <summary>The caller cancelled the run.</summary>
    Cancelled,
}

/// <summary>How a run ended, with the guest's request when it ended one, and how much ran.</summary>
public sealed record RunOutcome(RunEnd End, ShutdownRequest? Shutdown, long Instructions, ulong GuestNanoseconds, TimeSpan HostTime)
{
    /// <summary>What the process should exit with when the guest ended the run: its code, 0 for a pass or reset.</summary>
    public int? GuestExitCode => End == RunEnd.Shutdown ? Shutdown!.Value.ExitCode : null;

    public override string ToString() =>
        $"{End}{(Shutdown is { } s ? $" ({s.Kind}, code {s.ExitCode})" : "")} after {Instructions} instructions, " +
        $"{GuestNanoseconds / 1e9:0.###} s guest time, {HostTime.TotalSeconds:0.###} s host time";
}
