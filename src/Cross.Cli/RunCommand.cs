using System.Runtime.InteropServices;
using Cross.Backends.Interpreter;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.UserMode;
using Cross.UserMode.Processes;
using Cross.UserMode.Signals;

namespace Cross.Cli;

/// <summary><c>cross run [options] &lt;program&gt; [args...]</c>: runs a guest Linux executable in user mode.</summary>
public static class RunCommand
{
    /// <summary>Host signals passed on to the guest: a guest handler runs, otherwise the default action ends the run.</summary>
    private static readonly (PosixSignal Host, int Guest)[] ForwardedSignals =
    [
        (PosixSignal.SIGINT, Signal.SIGINT),
        (PosixSignal.SIGTERM, Signal.SIGTERM),
        (PosixSignal.SIGHUP, Signal.SIGHUP),
        (PosixSignal.SIGQUIT, Signal.SIGQUIT),
        (PosixSignal.SIGWINCH, Signal.SIGWINCH),
    ];

    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr, bool forwardHostSignals)
    {
        RunOptions options;
        try
        {
            options = RunOptions.Parse(args);
        }
        catch (HelpRequested)
        {
            stdout.Write(CommandLine.HelpText);
            return 0;
        }

        using var backend = BackendChoice.Create(options.JitSettings, stderr);

        var engine = new EngineOptions { MeasureTime = options.JitStats };
        if (options.DumpIr) engine = engine with { OnTranslated = block => stderr.Write(IrPrinter.Print(block)) };

        var userMode = new UserModeOptions
        {
            ProgramPath = options.Program,
            Arguments = options.Arguments,
            Argv0 = options.Argv0,
            Environment = options.BuildEnvironment(Environment.GetEnvironmentVariables()),
            Backend = backend.Backend,
            Engine = engine,
            Diagnostics = stderr,
            Strace = options.Strace ? stderr : null,
            Sysroot = options.Sysroot,
            HostCommand = [.. EmulatorHost.Command(typeof(RunCommand).Assembly.Location), .. options.ChildRunOptions()],
        };

        UserModeProcess process;
        try
        {
            process = options.ResumeFork is { } forkState ? UserModeProcess.ResumeFork(userMode, forkState)
                : options.ResumeExec is { } execState ? UserModeProcess.ContinueExec(userMode, execState)
                : UserModeProcess.Load(userMode);
        }
        catch (UserModeException e)
        {
            stderr.WriteLine($"cross: {e.Message}");
            return CommandLine.ExitError;
        }

        var registrations = new List<PosixSignalRegistration>();
        try
        {
            if (forwardHostSignals)
            {
                foreach (var (host, guest) in ForwardedSignals)
                    registrations.Add(PosixSignalRegistration.Create(host, context => Forward(process, guest, context, options.IsResumed)));
            }
            var exit = process.Run();
            if (options.JitStats) PrintStats(process.Engine, backend.Backend, stderr);
            // A guest forked or exec'd by another guest has a guest parent waiting for it: it must see the signal itself.
            if (exit.WasKilled && options.IsResumed)
            {
                stdout.Flush();
                stderr.Flush();
                EmulatorHost.DieBySignal(exit.Signal);
            }
            return exit.StatusCode;
        }
        catch (UserModeInternalException e)
        {
            stderr.WriteLine($"cross: {e.Message}");
            return CommandLine.ExitError;
        }
        catch (UserModeException e)
        {
            stderr.WriteLine($"cross: {e.Message}");
            return CommandLine.ExitError;
        }
        finally
        {
            foreach (var registration in registrations) registration.Dispose();
            process.Dispose();
        }
    }

    /// <summary>--jit-stats: what the engine did, one "cross: jit: …" line per figure.</summary>
    private static void PrintStats(ExecutionEngine engine, IBackend backend, TextWriter stderr)
    {
        stderr.WriteLine($"cross: jit: backend {backend.Name}");
        foreach (var line in engine.Stats.Format(engine.Cache).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            stderr.WriteLine($"cross: jit: {line}");
    }

    /// <summary>
    /// A host signal arrived. When the guest would die of it by default, the emulator exits at
    /// once with 128+N (the guest may be blocked in a host call that would not notice); otherwise
    /// the guest gets it between time slices.
    /// </summary>
    private static void Forward(UserModeProcess process, int signal, PosixSignalContext context, bool resumed)
    {
        context.Cancel = true;
        var action = process.Signals.GetAction(signal);
        var blocked = process.MainThread.BlockedSignals.Contains(signal);
        if (action.IsDefault && Signal.DefaultActionOf(signal) != DefaultAction.Ignore && !blocked)
        {
            if (resumed) EmulatorHost.DieBySignal(signal);
            Environment.Exit(128 + signal);
        }
        process.SendSignal(signal);
    }
}
