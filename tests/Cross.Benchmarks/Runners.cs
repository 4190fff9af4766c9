using Cross.Testing;

namespace Cross.Benchmarks;

/// <summary>A guest architecture the workloads are built for: its cross compiler and its QEMU user-mode emulator.</summary>
public sealed record GuestArchitecture(string Name, string Compiler, string Qemu)
{
    public static GuestArchitecture RiscV64 { get; } = new("riscv64", HostTools.RiscV64Gcc, HostTools.QemuRiscV64);
    public static GuestArchitecture Aarch64 { get; } = new("aarch64", HostTools.Aarch64Gcc, HostTools.QemuAarch64);

    public static IReadOnlyList<GuestArchitecture> All { get; } = [RiscV64, Aarch64];
}

/// <summary>What one run needs: the workload's binaries, the guest architecture, the scale and the cross CLI to use.</summary>
public sealed record RunInputs(Binaries Binaries, GuestArchitecture Guest, int Scale, string CrossAssembly)
{
    public string GuestBinary => Binaries.Guest[Guest];

    public string ScaleArgument => Scale.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// One way to run a workload: the program and arguments that run it at a scale. Native runs the
/// host build once per workload; the others run a guest build, once per guest architecture.
/// </summary>
public sealed record Runner(string Name, bool RunsGuest, Func<RunInputs, IReadOnlyList<string>> Command)
{
    public const string Native = "native";
    public const string Qemu = "qemu";
    public const string CrossLlvm = "cross-llvm";
    public const string CrossInterp = "cross-interp";

    /// <summary>Native x86-64 (gcc -O2), QEMU user mode, Cross with its LLVM JIT, Cross's interpreter.</summary>
    public static IReadOnlyList<Runner> All { get; } =
    [
        new(Native, false, run => [run.Binaries.Native, run.ScaleArgument]),
        new(Qemu, true, run => [run.Guest.Qemu, run.GuestBinary, run.ScaleArgument]),
        new(CrossLlvm, true, run => ["dotnet", run.CrossAssembly, "run", "--jit", "llvm", run.GuestBinary, run.ScaleArgument]),
        new(CrossInterp, true, run => ["dotnet", run.CrossAssembly, "run", "--jit", "interp", run.GuestBinary, run.ScaleArgument]),
    ];
}

/// <summary>
/// The cross CLI as it is shipped (what <c>cmake --build</c> installs): published with ReadyToRun,
/// so its own code starts precompiled instead of being JIT-compiled by .NET on every run, as a
/// user's installed cross would. Built from the source tree this benchmark runs in.
/// </summary>
public static class PublishedCross
{
    public static string Publish()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Cross.sln")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("cannot find Cross.sln above the benchmark");
        var output = Path.Combine(AppContext.BaseDirectory, "published-cross");
        var result = ProcessRunner.Run("dotnet",
            ["publish", Path.Combine(root, "src", "Cross.Cli"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
             "-p:PublishReadyToRun=true", "-o", output, "--nologo", "-v", "quiet"], TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0) throw new InvalidOperationException($"dotnet publish of the cross CLI failed:\n{result.StandardOutput}{result.StandardError}");
        return Path.Combine(output, "cross.dll");
    }
}

/// <summary>A workload built for each guest architecture (static) and for the host.</summary>
public sealed record Binaries(IReadOnlyDictionary<GuestArchitecture, string> Guest, string Native)
{
    public const string HostGcc = "/usr/bin/gcc";

    private static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "cross-benchmarks");

    /// <summary>Builds (or finds in the cache) the binaries of a workload, with -O2 as the issue asks.</summary>
    public static Binaries Build(Workload workload, IReadOnlyList<GuestArchitecture> guests) => new(
        guests.ToDictionary(g => g, g => Compile(g.Compiler, workload, "-static")),
        Compile(HostGcc, workload));

    private static string Compile(string compiler, Workload workload, params string[] flags)
    {
        string[] arguments = ["-O2", .. flags, $"-I{Workload.SourceDirectory}", workload.SourcePath, "-lm"];
        // The cache key covers the compiler, its flags, the source and the shared header.
        var key = string.Join("\0", [compiler, .. arguments, File.ReadAllText(workload.SourcePath),
            File.ReadAllText(Path.Combine(Workload.SourceDirectory, "common.h"))]);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];
        Directory.CreateDirectory(CacheDirectory);
        var output = Path.Combine(CacheDirectory, $"{workload.Name}-{Path.GetFileName(compiler)}-{hash}");
        if (File.Exists(output)) return output;
        var temporary = $"{output}.{Environment.ProcessId}.tmp";
        var result = ProcessRunner.Run(compiler, ["-o", temporary, .. arguments], TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0) throw new InvalidOperationException($"{compiler} failed on {workload.Name}:\n{result.StandardError}");
        File.Move(temporary, output, overwrite: true);
        return output;
    }
}
