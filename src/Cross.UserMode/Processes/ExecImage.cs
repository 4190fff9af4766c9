using Cross.UserMode.Signals;

namespace Cross.UserMode.Processes;

/// <summary>
/// The state a guest execve hands to the emulator that replaces the host process: the new
/// program (a host path), its argv and environment exactly as the guest gave them, and what the
/// process keeps across exec (<see cref="ExecInheritance"/>).
/// </summary>
internal static class ExecImage
{
    private const int Magic = 0x43455845;   // "EXEC"

    public static void Write(UserModeProcess process, GuestThread thread, string programPath, IReadOnlyList<string> argv,
        IReadOnlyList<string> environment, TransferFile file)
    {
        var writer = new StateWriter();
        writer.Int(Magic);
        writer.String(programPath);
        writer.Strings(argv);
        writer.Strings(environment);
        var ignored = SignalSet.Empty;
        for (var signal = 1; signal <= Signal.Count; signal++)
            if (process.Signals.GetAction(signal).IsIgnore) ignored = ignored.With(signal);
        writer.ULong(ignored.Bits);
        writer.ULong(thread.BlockedSignals.Bits);
        var children = process.Children.Snapshot();
        writer.Int(children.Count);
        foreach (var (pid, exitSignal) in children)
        {
            writer.Int(pid);
            writer.Int(exitSignal);
        }
        ForkImage.WriteFiles(writer, process.Files, execing: true);
        writer.WriteTo(file);
    }

    /// <summary>The options of the new program: <paramref name="options"/> (engine, sysroot…) with the program, argv and environment from the file.</summary>
    public static UserModeOptions Read(UserModeOptions options, TransferFile file)
    {
        var reader = StateReader.ReadFrom(file);
        if (reader.Int() != Magic) throw new UserModeException("the exec state is damaged");
        var program = reader.String() ?? throw new UserModeException("the exec state names no program");
        var argv = reader.Strings();
        var environment = reader.Strings();
        var ignored = new SignalSet(reader.ULong());
        var blocked = new SignalSet(reader.ULong());
        var children = new (int, int)[reader.Int()];
        for (var i = 0; i < children.Length; i++) children[i] = (reader.Int(), reader.Int());
        var files = ForkImage.ReadFiles(reader);
        return options with
        {
            ProgramPath = program,
            Argv0 = argv.Length > 0 ? argv[0] : "",
            Arguments = argv.Skip(1).ToArray(),
            Environment = environment,
            Inherited = new ExecInheritance(files, ignored, blocked, children),
        };
    }
}
