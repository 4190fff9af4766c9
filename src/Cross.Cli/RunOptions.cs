namespace Cross.Cli;

/// <summary>What <c>cross run</c> was asked to do.</summary>
public sealed record RunOptions
{
    public required string Program { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>"interp" or "llvm" (the default; the interpreter when the LLVM library cannot be loaded).</summary>
    public string Jit { get; init; } = "llvm";

    /// <summary>--jit-threshold: interpreter dispatches before a block is compiled (0: compile every block); null: the default.</summary>
    public int? JitThreshold { get; init; }

    /// <summary>--jit-opt: LLVM's optimisation level, null: the default.</summary>
    public Backends.Llvm.LlvmOptimizationLevel? JitOptimization { get; init; }

    /// <summary>--jit-stats: print what the engine did on standard error at exit.</summary>
    public bool JitStats { get; init; }

    public JitSettings JitSettings => new() { Jit = Jit, Threshold = JitThreshold, Optimization = JitOptimization, LlvmDumpDirectory = DumpLlvm };

    /// <summary>--dump-llvm DIR: write each compiled region's optimised LLVM IR to DIR.</summary>
    public string? DumpLlvm { get; init; }

    public bool DumpIr { get; init; }

    public bool Strace { get; init; }

    public string? Sysroot { get; init; }

    public string? Argv0 { get; init; }

    /// <summary>Hidden: continue a guest process forked by another emulator, from the state at this inherited descriptor.</summary>
    public int? ResumeFork { get; init; }

    /// <summary>Hidden: run the program a guest execve named in the state at this inherited descriptor.</summary>
    public int? ResumeExec { get; init; }

    /// <summary>True when this run continues a guest process started by another emulator (fork or execve).</summary>
    public bool IsResumed => ResumeFork is not null || ResumeExec is not null;

    /// <summary>
    /// The <c>cross run</c> options a forked or exec'd guest's emulator needs to behave like this
    /// one (engine, sysroot, tracing); the guest's program, argv and environment travel with its state.
    /// </summary>
    public IReadOnlyList<string> ChildRunOptions()
    {
        var options = new List<string> { "run", "--jit", Jit };
        if (JitThreshold is { } threshold) options.AddRange(["--jit-threshold", threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (JitOptimization is { } level) options.AddRange(["--jit-opt", level.ToString()]);
        if (Strace) options.Add("--strace");
        if (Sysroot is not null) options.AddRange(["--sysroot", Sysroot]);
        return options;
    }

    /// <summary>-E and -U in command-line order: (name, value), value null for -U.</summary>
    public IReadOnlyList<(string Name, string? Value)> EnvironmentChanges { get; init; } = [];

    /// <summary>
    /// Parses <c>cross run</c>'s arguments: options, then the program, then the guest's arguments
    /// (which are never parsed as options). "--" ends the options.
    /// </summary>
    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        string jit = "llvm";
        int? jitThreshold = null;
        Backends.Llvm.LlvmOptimizationLevel? jitOptimization = null;
        bool dumpIr = false, strace = false, jitStats = false;
        string? sysroot = null, argv0 = null, dumpLlvm = null;
        int? resumeFork = null, resumeExec = null;
        var environment = new List<(string, string?)>();

        var i = 0;
        string Value(string option, string? inline)
        {
            if (inline is not null) return inline;
            if (++i >= args.Count) throw new UsageException($"option '{option}' needs a value");
            return args[i];
        }

        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                i++;
                break;
            }
            if (arg.Length < 2 || arg[0] != '-') break;

            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=') : -1;
            var name = equals > 0 ? arg[..equals] : arg;
            var inline = equals > 0 ? arg[(equals + 1)..] : null;
            switch (name)
            {
                case "--jit":
                    jit = Value(name, inline);
                    if (jit is not ("interp" or "llvm")) throw new UsageException($"unknown --jit backend '{jit}' (use interp or llvm)");
                    break;
                case "--jit-threshold":
                {
                    var text = Value(name, inline);
                    if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var threshold))
                        throw new UsageException($"--jit-threshold needs a count, not '{text}'");
                    jitThreshold = threshold;
                    break;
                }
                case "--jit-opt":
                {
                    var text = Value(name, inline);
                    jitOptimization = text switch
                    {
                        "O0" or "0" => Backends.Llvm.LlvmOptimizationLevel.O0,
                        "O1" or "1" => Backends.Llvm.LlvmOptimizationLevel.O1,
                        "O2" or "2" => Backends.Llvm.LlvmOptimizationLevel.O2,
                        _ => throw new UsageException($"unknown --jit-opt level '{text}' (use O0, O1 or O2)"),
                    };
                    break;
                }
                case "--jit-stats":
                    jitStats = true;
                    break;
                case "--dump-ir":
                    dumpIr = true;
                    break;
                case "--dump-llvm":
                    dumpLlvm = Value(name, inline);
                    break;
                case "--strace" or "-strace":
                    strace = true;
                    break;
                case "-L" or "--sysroot":
                    sysroot = Value(name, inline);
                    break;
                case "-0":
                    argv0 = Value(name, inline);
                    break;
                case "-E":
                {
                    var assignment = Value(name, inline);
                    var eq = assignment.IndexOf('=');
                    if (eq <= 0) throw new UsageException($"-E needs VAR=VALUE, not '{assignment}'");
                    environment.Add((assignment[..eq], assignment[(eq + 1)..]));
                    break;
                }
                case "-U":
                    environment.Add((Value(name, inline), null));
                    break;
                case "-h" or "--help":
                    throw new HelpRequested();
                case "--resume-fork":
                    resumeFork = int.Parse(Value(name, inline), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--resume-exec":
                    resumeExec = int.Parse(Value(name, inline), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new UsageException($"unknown option '{arg}'");
            }
        }

        var resumed = resumeFork is not null || resumeExec is not null;
        if (i >= args.Count && !resumed) throw new UsageException("no program to run");
        return new RunOptions
        {
            Program = i < args.Count ? args[i] : "",
            Arguments = args.Skip(i + 1).ToArray(),
            ResumeFork = resumeFork,
            ResumeExec = resumeExec,
            Jit = jit,
            JitThreshold = jitThreshold,
            JitOptimization = jitOptimization,
            JitStats = jitStats,
            DumpIr = dumpIr,
            DumpLlvm = dumpLlvm,
            Strace = strace,
            Sysroot = sysroot,
            Argv0 = argv0,
            EnvironmentChanges = environment,
        };
    }

    /// <summary>The guest environment: the host's, with -E and -U applied in order.</summary>
    public IReadOnlyList<string> BuildEnvironment(System.Collections.IDictionary host)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in host) variables[(string)entry.Key] = (string?)entry.Value ?? "";
        foreach (var (name, value) in EnvironmentChanges)
        {
            if (value is null) variables.Remove(name);
            else variables[name] = value;
        }
        return variables.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}").ToArray();
    }
}

/// <summary>-h inside <c>cross run</c>'s options.</summary>
public sealed class HelpRequested : Exception;
