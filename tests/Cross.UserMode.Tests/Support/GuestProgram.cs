using System.Security.Cryptography;
using System.Text;
using Cross.Backends.Interpreter;
using Cross.Core.Engine;
using Cross.Testing;
using Cross.UserMode.Signals;

namespace Cross.UserMode.Tests.Support;

/// <summary>
/// A guest program built from C with the target's cross compiler at -O2 (static unless the
/// <see cref="GuestTarget"/> says otherwise; riscv64 by default; cached by source and flags),
/// and ways to run it: under Cross in-process (<see cref="RunCross"/>), under the real
/// <c>cross</c> command (<see cref="RunCrossCli"/>) and under the target's qemu-user
/// (<see cref="RunQemu"/>). <see cref="AssertSameAsQemu"/> is the differential check.
/// </summary>
public sealed class GuestProgram
{
    private static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "cross-usermode-tests");

    private GuestProgram(string name, string binaryPath, GuestTarget target)
    {
        Name = name;
        BinaryPath = binaryPath;
        Target = target;
    }

    public string Name { get; }

    public GuestTarget Target { get; }

    public string BinaryPath { get; }

    /// <summary>Folder of the guest C sources (Programs/*.c, copied next to the test assembly).</summary>
    public static string ProgramsDirectory => Path.Combine(AppContext.BaseDirectory, "Programs");

    /// <summary>The names of every program in Programs/ (without ".c").</summary>
    public static IEnumerable<string> AllProgramNames =>
        Directory.EnumerateFiles(ProgramsDirectory, "*.c").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal);

    /// <summary>Null when the riscv64 cross compiler and qemu-riscv64 are installed; otherwise what is missing.</summary>
    public static string? MissingTools => GuestTarget.RiscV64.MissingTools;

    /// <summary>Compiles Programs/<paramref name="name"/>.c for riscv64.</summary>
    public static GuestProgram FromProgramsFolder(string name, params string[] flags) =>
        FromProgramsFolder(name, GuestTarget.RiscV64, flags);

    /// <summary>Compiles Programs/<paramref name="name"/>.c for <paramref name="target"/>.</summary>
    public static GuestProgram FromProgramsFolder(string name, GuestTarget target, params string[] flags) =>
        FromSource(name, File.ReadAllText(Path.Combine(ProgramsDirectory, name + ".c")), target, flags);

    /// <summary>Compiles C source text for riscv64 (static, -O2, libm linked after the source).</summary>
    public static GuestProgram FromSource(string name, string source, params string[] flags) =>
        FromSource(name, source, GuestTarget.RiscV64, flags);

    /// <summary>Compiles C source text for <paramref name="target"/> (-O2, libm linked after the source).</summary>
    public static GuestProgram FromSource(string name, string source, GuestTarget target, params string[] flags)
    {
        var missing = target.MissingTools;
        if (missing is not null) throw new InvalidOperationException(missing);
        string[] arguments = [.. target.LinkFlags, "-O2", .. flags];
        Directory.CreateDirectory(CacheDirectory);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(target.Compiler + "\0" + string.Join(" ", arguments) + "\0" + source)))[..24];
        var binary = Path.Combine(CacheDirectory, $"{name}-{key}");
        if (File.Exists(binary)) return new GuestProgram(name, binary, target);

        var sourcePath = Path.Combine(CacheDirectory, $"{name}-{key}.{Environment.ProcessId}.c");
        File.WriteAllText(sourcePath, source);
        var temporary = binary + $".{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        var result = ProcessRunner.Run(target.Compiler, [.. arguments, "-o", temporary, sourcePath, "-lm"], TimeSpan.FromMinutes(2));
        File.Delete(sourcePath);
        if (result.ExitCode != 0) throw new InvalidOperationException($"compiling {name} failed ({result.ExitCode}):\n{result.StandardError}");
        File.Move(temporary, binary, overwrite: true);
        return new GuestProgram(name, binary, target);
    }

    /// <summary>Runs under Cross in this process (the interpreter unless another backend is given).</summary>
    public GuestRunResult RunCross(GuestRunOptions? options = null, IBackend? backend = null, Func<UserModeOptions, UserModeOptions>? configure = null)
    {
        options ??= new GuestRunOptions();
        using var scratch = Scratch.Create(options);
        var output = Path.Combine(scratch.Files, "stdout");
        var error = Path.Combine(scratch.Files, "stderr");
        var input = Path.Combine(scratch.Files, "stdin");
        File.WriteAllBytes(input, options.StandardInput ?? []);
        var diagnostics = new StringWriter();
        var timedOut = false;
        int exitCode;
        using (var stdin = File.OpenHandle(input, FileMode.Open, FileAccess.Read))
        using (var stdout = File.OpenHandle(output, FileMode.Create, FileAccess.ReadWrite))
        using (var stderr = File.OpenHandle(error, FileMode.Create, FileAccess.ReadWrite))
        {
            var userMode = new UserModeOptions
            {
                ProgramPath = BinaryPath,
                Arguments = scratch.Expand(options.Arguments),
                Environment = options.Environment,
                WorkingDirectory = scratch.WorkingDirectory,
                StandardInput = stdin,
                StandardOutput = stdout,
                StandardError = stderr,
                Backend = backend ?? new InterpreterBackend(),
                Diagnostics = diagnostics,
                Sysroot = Target.Sysroot,
                // A guest fork or execve starts the real cross command, on the same kind of backend.
                HostCommand = ["dotnet", CrossCli.AssemblyPath, "run", "--jit", backend is null or InterpreterBackend ? "interp" : "llvm",
                    .. Target.Sysroot is null ? Array.Empty<string>() : ["--sysroot", Target.Sysroot]],
            };
            if (configure is not null) userMode = configure(userMode);
            using var process = UserModeProcess.Load(userMode);
            Exception? failure = null;
            var runner = new Thread(() =>
            {
                try
                {
                    process.Run();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }, 16 << 20);
            runner.Start();
            if (!runner.Join(options.Timeout))
            {
                timedOut = true;
                process.Terminate(ProcessExit.Killed(Signal.SIGKILL));
                runner.Join();
            }
            if (failure is not null) throw new InvalidOperationException($"cross failed on {Name}: {failure.Message}", failure);
            exitCode = process.ExitStatus!.Value.StatusCode;
        }
        return new GuestRunResult(exitCode, File.ReadAllBytes(output), File.ReadAllText(error), timedOut) { Diagnostics = diagnostics.ToString() };
    }

    /// <summary>Runs under the real <c>cross run</c> command, with <paramref name="crossOptions"/> before the program.</summary>
    public GuestRunResult RunCrossCli(GuestRunOptions? options = null, params string[] crossOptions)
    {
        options ??= new GuestRunOptions();
        using var scratch = Scratch.Create(options);
        // The guest environment is the host's, edited with -U and -E into exactly the options' one.
        var names = options.Environment.Select(v => v[..v.IndexOf('=')]).ToHashSet(StringComparer.Ordinal);
        var unset = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => !names.Contains(n)).Order(StringComparer.Ordinal);
        string[] environment = [.. unset.SelectMany(n => new[] { "-U", n }), .. options.Environment.SelectMany(v => new[] { "-E", v })];
        string[] sysroot = Target.Sysroot is null ? [] : ["--sysroot", Target.Sysroot];
        var result = CrossCli.Run(["run", .. sysroot, .. crossOptions, .. environment, BinaryPath, .. scratch.Expand(options.Arguments)], options.Timeout,
            options.StandardInput ?? [], workingDirectory: scratch.WorkingDirectory);
        return new GuestRunResult(result.ExitCode, result.StandardOutput, result.StandardError, result.TimedOut);
    }

    /// <summary>Runs under the target's qemu-user with exactly the options' environment.</summary>
    public GuestRunResult RunQemu(GuestRunOptions? options = null)
    {
        options ??= new GuestRunOptions();
        using var scratch = Scratch.Create(options);
        var environment = new Dictionary<string, string?>();
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables()) environment[(string)entry.Key] = null;
        foreach (var variable in options.Environment)
        {
            var eq = variable.IndexOf('=');
            environment[variable[..eq]] = variable[(eq + 1)..];
        }
        string[] sysroot = Target.Sysroot is null ? [] : ["-L", Target.Sysroot];
        var result = ProcessRunner.Run(Target.Qemu, [.. sysroot, BinaryPath, .. scratch.Expand(options.Arguments)], options.Timeout,
            options.StandardInput ?? [], environment, scratch.WorkingDirectory);
        return new GuestRunResult(result.ExitCode, result.StandardOutput, result.StandardError, result.TimedOut);
    }

    /// <summary>
    /// Runs under Cross (in-process, on the named backend of <see cref="TestBackendFactory"/>) and
    /// the target's qemu-user and asserts identical stdout and exit status.
    /// </summary>
    public GuestRunResult AssertSameAsQemu(GuestRunOptions? options = null, string backend = TestBackendFactory.Interpreter)
    {
        var expected = RunQemu(options);
        var actual = RunCross(options, TestBackendFactory.Create(backend));
        var qemu = Path.GetFileName(Target.Qemu);
        Assert.False(expected.TimedOut, $"{qemu} timed out on {Name}");
        Assert.False(actual.TimedOut, $"cross ({backend}, {Target}) timed out on {Name}:\n{actual}");
        if (expected.Output != actual.Output || expected.ExitCode != actual.ExitCode)
            Assert.Fail($"{Name}: cross ({backend}, {Target}) and {qemu} differ.\n=== qemu ===\n{expected}\n=== cross ===\n{actual}");
        return actual;
    }

    /// <summary>Per-run temporary files, and the scratch working directory when asked for.</summary>
    private sealed class Scratch : IDisposable
    {
        private readonly string _root;

        private Scratch(string root, string? workingDirectory, string? directory)
        {
            _root = root;
            WorkingDirectory = workingDirectory;
            Directory = directory;
        }

        public string Files => _root;

        public string? Directory { get; }

        public string? WorkingDirectory { get; }

        public static Scratch Create(GuestRunOptions options)
        {
            var root = System.IO.Directory.CreateTempSubdirectory("cross-run-").FullName;
            string? directory = null;
            if (options.UseScratchDirectory) directory = System.IO.Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
            return new Scratch(root, options.WorkingDirectory ?? directory, directory);
        }

        public string[] Expand(IReadOnlyList<string> arguments) =>
            arguments.Select(a => Directory is null ? a : a.Replace("{tmp}", Directory, StringComparison.Ordinal)).ToArray();

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
