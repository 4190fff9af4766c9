using Cross.UserMode.Native;

namespace Cross.UserMode.Processes;

/// <summary>The emulator's own host process as the front end sees it: how to start another one, and how to end like a guest killed by a signal.</summary>
public static class EmulatorHost
{
    private const int RlimitCore = 4, SigUnblock = 1, SigsetBytes = 128;

    /// <summary>
    /// The command that starts the emulator itself: the apphost executable, or the runtime host
    /// ("dotnet") with <paramref name="entryAssemblyPath"/> when that is how this one runs.
    /// </summary>
    public static IReadOnlyList<string> Command(string entryAssemblyPath)
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("the host executable path is unknown");
        return Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? [processPath, entryAssemblyPath] : [processPath];
    }

    /// <summary>
    /// Ends this host process with <paramref name="signal"/>, so that whoever waits for it (the
    /// guest's parent, an emulator too) sees the guest die of that signal. The runtime's own
    /// handlers are replaced by the default action first and no core file is written (qemu-user
    /// does the same). Returns only if the signal did not end the process.
    /// </summary>
    public static void DieBySignal(int signal)
    {
        Libc.Setrlimit(RlimitCore, [0, 0]);
        Libc.SignalDisposition(signal, 0);
        var set = new byte[SigsetBytes];
        set[(signal - 1) / 8] = (byte)(1 << ((signal - 1) % 8));
        Libc.PthreadSigmask(SigUnblock, set, 0);
        Libc.Kill(Libc.Getpid(), signal);
        // A process-directed signal may be taken by another host thread: give it a moment.
        Thread.Sleep(TimeSpan.FromSeconds(1));
    }
}
