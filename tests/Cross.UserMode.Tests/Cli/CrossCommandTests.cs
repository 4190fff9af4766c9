using Cross.Testing;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests.Cli;

/// <summary>The real <c>cross</c> executable, run as a child process: exit codes, pass-through, options, and errors without stack traces.</summary>
public class CrossCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private const string Hello = """
        #include <stdio.h>
        #include <stdlib.h>
        int main(int argc, char **argv) {
            printf("hello from riscv64, %d args", argc - 1);
            for (int i = 1; i < argc; i++) printf(" [%s]", argv[i]);
            const char *v = getenv("CROSS_CLI_VAR");
            printf(", var %s\n", v ? v : "(unset)");
            char line[64];
            if (fgets(line, sizeof line, stdin)) printf("stdin: %s", line);
            return argc > 1 ? atoi(argv[1]) : 0;
        }
        """;

    private static void AssertNoStackTrace(string stderr) =>
        Assert.DoesNotContain(stderr.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));

    [Fact]
    public void RunsAGuestWithArgumentsStdinAndExitCode()
    {
        Assert.True(GuestProgram.MissingTools is null, GuestProgram.MissingTools);
        var program = GuestProgram.FromSource("hello", Hello);
        var result = CrossCli.Run(["run", "-E", "CROSS_CLI_VAR=set", program.BinaryPath, "42", "--help"], Timeout, "piped\n"u8.ToArray());
        Assert.Equal("hello from riscv64, 2 args [42] [--help], var set\nstdin: piped\n", result.Output);
        Assert.Equal(42, result.ExitCode);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public void UnsetRemovesAVariable()
    {
        Assert.True(GuestProgram.MissingTools is null, GuestProgram.MissingTools);
        var program = GuestProgram.FromSource("hello", Hello);
        var result = CrossCli.Run(["run", "-U", "CROSS_CLI_VAR", program.BinaryPath], Timeout, [],
            new Dictionary<string, string?> { ["CROSS_CLI_VAR"] = "from host" });
        Assert.Contains("var (unset)", result.Output);
        var inherited = CrossCli.Run(["run", program.BinaryPath], Timeout, [], new Dictionary<string, string?> { ["CROSS_CLI_VAR"] = "from host" });
        Assert.Contains("var from host", inherited.Output);
    }

    [Fact]
    public void GuestKilledBySignalGives128PlusN()
    {
        Assert.True(GuestProgram.MissingTools is null, GuestProgram.MissingTools);
        var program = GuestProgram.FromProgramsFolder("uncaught_segv");
        var result = CrossCli.Run(["run", program.BinaryPath], Timeout);
        Assert.Equal(139, result.ExitCode);
        Assert.Equal("about to fault\n", result.Output);
        AssertNoStackTrace(result.StandardError);
    }

    [Fact]
    public void StraceAndDumpIrWriteToStandardError()
    {
        Assert.True(GuestProgram.MissingTools is null, GuestProgram.MissingTools);
        var program = GuestProgram.FromSource("hello", Hello);
        var result = CrossCli.Run(["run", "--strace", "--dump-ir", program.BinaryPath], Timeout, []);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("hello from riscv64, 0 args", result.Output);
        Assert.Contains(" write(1,", result.StandardError);
        Assert.Contains(" exit_group(0) = ?", result.StandardError);
        Assert.Contains("block 0x", result.StandardError);
    }

    [Fact]
    public void LlvmBackendRunsTheProgramQuietly()
    {
        Assert.True(GuestProgram.MissingTools is null, GuestProgram.MissingTools);
        var program = GuestProgram.FromSource("hello", Hello);
        var result = CrossCli.Run(["run", "--jit", "llvm", program.BinaryPath], Timeout, []);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
        Assert.Equal(CrossCli.Run(["run", "--jit", "interp", program.BinaryPath], Timeout, []).Output, result.Output);
    }

    [Fact]
    public void WithoutTheLlvmLibraryRunFallsBackToTheInterpreterWithOneLine()
    {
        Assert.True(GuestProgram.MissingTools is null, GuestProgram.MissingTools);
        var program = GuestProgram.FromSource("hello", Hello);
        var missing = new Dictionary<string, string?> { ["CROSS_LLVM_LIBRARY"] = "libLLVM-that-is-not-installed.so" };
        var expected = CrossCli.Run(["run", "--jit", "interp", program.BinaryPath, "3"], Timeout, "in\n"u8.ToArray());
        foreach (var jit in new[] { Array.Empty<string>(), ["--jit", "llvm"] })
        {
            var result = CrossCli.Run(["run", .. jit, program.BinaryPath, "3"], Timeout, "in\n"u8.ToArray(), missing);
            Assert.Equal(3, result.ExitCode);
            Assert.Equal(expected.Output, result.Output);
            Assert.Matches(@"^cross: LLVM backend unavailable \([^\n]*libLLVM-that-is-not-installed\.so[^\n]*\); using the interpreter\n$", result.StandardError);
        }
    }

    [Fact]
    public void JitStatsReportWhatTheEngineDid()
    {
        Assert.True(GuestProgram.MissingTools is null, GuestProgram.MissingTools);
        var program = GuestProgram.FromProgramsFolder("qsort");
        var result = CrossCli.Run(["run", "--jit-stats", "--jit-threshold", "5", program.BinaryPath], Timeout, []);
        Assert.Equal(0, result.ExitCode);
        var stats = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(stats, line => Assert.StartsWith("cross: jit: ", line));
        Assert.Matches(@"blocks translated: +[1-9]\d* ", result.StandardError);
        Assert.Matches(@"regions compiled: +\d+ ", result.StandardError);
        Assert.Matches(@"compile time: +\d+\.\d ms", result.StandardError);
        Assert.Matches(@"time in interpreter: +\d+\.\d ms", result.StandardError);
        Assert.Matches(@"time in compiled code: +\d+\.\d ms", result.StandardError);
    }

    [Fact]
    public void SelfModifyingCodeMatchesQemuUnderTheJit()
    {
        Assert.True(GuestProgram.MissingTools is null, GuestProgram.MissingTools);
        var program = GuestProgram.FromProgramsFolder("self_modifying");
        var expected = program.RunQemu();
        Assert.Equal(0, expected.ExitCode);
        foreach (var jit in new[] { ["--jit", "llvm"], ["--jit", "llvm", "--jit-threshold", "1"], new[] { "--jit", "llvm", "--jit-threshold", "0" } })
        {
            var result = CrossCli.Run(["run", .. jit, program.BinaryPath], Timeout, []);
            Assert.True(expected.Output == result.Output && result.ExitCode == 0,
                $"cross run {string.Join(' ', jit)} differs from qemu-riscv64 (exit {result.ExitCode}):\n{result.Output}\n{result.StandardError}");
        }
    }

    [Fact]
    public void HostExecutablesGetTheUnsupportedMachineLine()
    {
        var host = File.Exists("/bin/true") ? "/bin/true" : "/usr/bin/true";
        var result = CrossCli.Run(["run", host], Timeout);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches($@"^cross: unsupported machine type EM_[A-Z0-9_]+ \(\d+\) in {host}\n$", result.StandardError);
        AssertNoStackTrace(result.StandardError);
    }

    [Fact]
    public void MalformedElfIsOneLineWithoutStackTrace()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cross-bad-").FullName, "garbage");
        File.WriteAllBytes(path, [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0]);
        var result = CrossCli.Run(["run", path], Timeout);
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"cross: {path}: ", result.StandardError);
        AssertNoStackTrace(result.StandardError);
    }

    [Fact]
    public void DynamicExecutablesWithoutASysrootGetAnHonestMessage()
    {
        Assert.True(GuestProgram.MissingTools is null, GuestProgram.MissingTools);
        var dynamic = DynamicHello();
        var result = CrossCli.Run(["run", dynamic], Timeout);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^cross: .*: dynamic loader /lib/ld-linux-riscv64-lp64d\.so\.1 not found; give the guest's root with --sysroot DIR \(e\.g\. /usr/aarch64-linux-gnu\)\n$", result.StandardError);
    }

    [Fact]
    public void DynamicExecutablesRunWithTheirSysrootLikeQemu()
    {
        Assert.True(GuestProgram.MissingTools is null, GuestProgram.MissingTools);
        const string sysroot = "/usr/riscv64-linux-gnu";
        var dynamic = DynamicHello();
        var expected = ProcessRunner.Run(HostTools.QemuRiscV64, ["-L", sysroot, dynamic], Timeout);
        var actual = CrossCli.Run(["run", "--sysroot", sysroot, dynamic], Timeout);
        Assert.Equal(0, expected.ExitCode);
        Assert.Equal("hello from a dynamic program\n", expected.Output);
        Assert.Equal(expected.StandardOutput, actual.StandardOutput);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
    }

    /// <summary>A dynamically linked riscv64 program (the cross compiler's default).</summary>
    private static string DynamicHello()
    {
        var directory = Directory.CreateTempSubdirectory("cross-dyn-").FullName;
        var source = Path.Combine(directory, "dyn.c");
        File.WriteAllText(source, "#include <stdio.h>\nint main(void) { puts(\"hello from a dynamic program\"); return 0; }\n");
        var output = Path.Combine(directory, "dyn");
        var compile = ProcessRunner.Run(HostTools.RiscV64Gcc, ["-O2", "-o", output, source], TimeSpan.FromMinutes(2));
        Assert.Equal(0, compile.ExitCode);
        return output;
    }
}
