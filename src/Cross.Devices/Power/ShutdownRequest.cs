namespace Cross.Devices.Power;

public enum ShutdownKind
{
    /// <summary>The guest reported success and powered off.</summary>
    Pass,
    /// <summary>The guest reported failure; <see cref="ShutdownRequest.ExitCode"/> is its code.</summary>
    Fail,
    /// <summary>The guest asked for a reset (reboot).</summary>
    Reset,
}

/// <summary>
/// A guest's request to stop the machine. <see cref="ExitCode"/> is what QEMU would exit with:
/// 0 for a pass, the guest's code for a fail (QEMU passes even a zero fail code through).
/// </summary>
public readonly record struct ShutdownRequest(ShutdownKind Kind, int ExitCode);

/// <summary>A device through which the guest can power off or reset the machine.</summary>
public interface IPowerController
{
    event Action<ShutdownRequest>? ShutdownRequested;
}
