using System.Reflection;

namespace Cross.Cli;

/// <summary>
/// The <c>cross</c> command line: picks the command and turns every failure into one line on
/// standard error ("cross: …") and an exit code: 2 for usage errors, 1 for other errors, and
/// for <c>cross run</c> the guest's own exit status.
/// </summary>
public static class CommandLine
{
    public const int ExitError = 1;
    public const int ExitUsage = 2;

    public const string Usage = "usage: cross run [options] <program> [args...]";

    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr, bool forwardHostSignals = false)
    {
        try
        {
            if (args.Length == 0)
            {
                stderr.WriteLine(Usage);
                stderr.WriteLine("Try 'cross --help' for more information.");
                return ExitUsage;
            }

            switch (args[0])
            {
                case "-h" or "--help" or "help":
                    stdout.Write(HelpText);
                    return 0;
                case "--version":
                    stdout.WriteLine($"cross {Version}");
                    return 0;
                case "run":
                    return RunCommand.Execute(args[1..], stdout, stderr, forwardHostSignals);
                case "boot":
                    return BootCommand.Execute(args[1..], stdout, stderr);
                case "dtb":
                    return DtbCommand.Execute(args[1..], stdout, stderr);
                default:
                    return UsageError(stderr, args[0].StartsWith('-') ? $"unknown option '{args[0]}'" : $"unknown command '{args[0]}'");
            }
        }
        catch (UsageException e)
        {
            return UsageError(stderr, e.Message);
        }
        catch (Exception e)
        {
            // Last resort: never a stack trace, one line naming what went wrong.
            stderr.WriteLine($"cross: internal error: {e.GetType().Name}: {e.Message}");
            return ExitError;
        }
    }

    public static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"cross: {message}");
        stderr.WriteLine("Try 'cross --help' for more information.");
        return ExitUsage;
    }

    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static string HelpText => $"""
        {Usage}

        Other commands (each has its own --help):
          cross boot -M virt-riscv64 [-bios FILE|none] -kernel FILE ...
                                boot firmware or a kernel on an emulated board (system mode)
          cross dtb -M virt-riscv64 ... -o FILE
                                write the device tree a boot would hand over

        cross run runs a Linux executable built for another architecture (riscv64), the way qemu-user does.
        The architecture comes from the ELF header. Standard input, output and error pass through,
        and the exit status is the guest's (128+N when a signal N killed it).

        Options:
          --jit interp|llvm     how guest code runs (default: llvm, which starts blocks in the
                                interpreter and compiles hot code with LLVM in the background;
                                the interpreter alone when the LLVM library cannot be loaded)
          --jit-threshold N     interpreter runs of a block before LLVM compiles it (0: compile
                                every block before it first runs)
          --jit-opt O0|O1|O2    LLVM optimisation level (default: O2, or O1 with --jit-threshold 0)
          --jit-stats           print blocks translated, regions compiled, compile time and time
                                in the interpreter and in compiled code on standard error at exit
          --dump-ir             print each translated block's IR on standard error
          --dump-llvm DIR       write each compiled region's optimised LLVM IR to DIR/region-PC.ll
          -E VAR=VALUE          set VAR in the guest environment (default: the host environment)
          -U VAR                remove VAR from the guest environment
          -0 ARGV0              use ARGV0 as the guest's argv[0]
          -L DIR, --sysroot DIR the guest's root: its dynamic loader and libraries
          --strace              log every system call on standard error
          -h, --help            show this help
          --version             show the version

        """;
}

/// <summary>A command-line mistake: reported with a usage hint and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
