using Cross.Testing;

namespace Cross.Benchmarks;

/// <summary>One way to run a workload: the program and arguments that run it at a scale.</summary>
public sealed record Runner(string Name, Func<Binaries, int, IReadOnlyList<string>> Command)
{
    public const string Native = "native";
    public const string Qemu = "qemu";
    public const string CrossLlvm = "cross-llvm";
    public const string CrossInterp = "cross-interp";

    /// <summary>Native x86-64 (gcc -O2), qemu-riscv64, Cross with its default JIT, Cross's interpreter.</summary>
    public static IReadOnlyList<Runner> All { get; } =
    [
        new(Native, (b, scale) => [b.Native, Arg(scale)]),
        new(Qemu, (b, scale) => [HostTools.QemuRiscV64, b.RiscV64, Arg(scale)]),
        new(CrossLlvm, (b, scale) => ["dotnet", CrossCli.AssemblyPath, "run", "--jit", "llvm", b.RiscV64, Arg(scale)]),
        new(CrossInterp, (b, scale) => ["dotnet", CrossCli.AssemblyPath, "run", "--jit", "interp", b.RiscV64, Arg(scale)]),
    ];

    private static string Arg(int scale) => scale.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A workload built for the guest (riscv64, static) and for the host.</summary>
public sealed record Binaries(string RiscV64, string Native)
{
    public const string HostGcc = "/usr/bin/gcc";

    private static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "cross-benchmarks");

    /// <summary>Builds (or finds in the cache) both binaries of a workload, with -O2 as the issue asks.</summary>
    public static Binaries Build(Workload workload) => new(
        Compile(HostTools.RiscV64Gcc, workload, "-static"),
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
