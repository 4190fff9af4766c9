using Cross.Cli;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests.Cli;

/// <summary>The command line's answers to mistakes, run in-process: one "cross: …" line, exit code 1 or 2, never a stack trace.</summary>
public class CommandLineTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CommandLine.Execute(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void NoArgumentsPrintsUsageAndExits2()
    {
        var (exit, _, err) = Run();
        Assert.Equal(2, exit);
        Assert.StartsWith("usage: cross run [options] <program> [args...]", err);
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "cross: unknown option '--bogus'")]
    [InlineData(new[] { "frobnicate" }, "cross: unknown command 'frobnicate'")]
    [InlineData(new[] { "run", "--bogus", "x" }, "cross: unknown option '--bogus'")]
    [InlineData(new[] { "run" }, "cross: no program to run")]
    [InlineData(new[] { "run", "--jit", "fast", "x" }, "cross: unknown --jit backend 'fast' (use interp or llvm)")]
    [InlineData(new[] { "run", "-E", "NOVALUE", "x" }, "cross: -E needs VAR=VALUE, not 'NOVALUE'")]
    [InlineData(new[] { "run", "-L" }, "cross: option '-L' needs a value")]
    public void UsageErrorsAreOneLinePlusAHintAndExit2(string[] args, string message)
    {
        var (exit, _, err) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal([message, "Try 'cross --help' for more information."], Lines(err));
    }

    [Fact]
    public void HelpAndVersionGoToStandardOutput()
    {
        var help = Run("--help");
        Assert.Equal(0, help.Exit);
        Assert.Contains("usage: cross run [options] <program> [args...]", help.Out);
        Assert.Contains("--dump-ir", help.Out);
        Assert.Equal(0, Run("run", "--help").Exit);
        var version = Run("--version");
        Assert.Equal(0, version.Exit);
        Assert.StartsWith("cross ", version.Out);
    }

    [Fact]
    public void MissingProgramIsOneLine()
    {
        var (exit, _, err) = Run("run", "/no/such/guest");
        Assert.Equal(1, exit);
        Assert.Equal(["cross: /no/such/guest: No such file or directory"], Lines(err));
    }

    [Fact]
    public void ForeignMachinesAreNamed()
    {
        var path = new MiniElf { Machine = 62, Segments = { new MiniElf.Segment(0x400000, [0xC3], 1, 5) } }.WriteTemporary("x86-prog");
        var (exit, _, err) = Run("run", path);
        Assert.Equal(1, exit);
        Assert.Equal([$"cross: unsupported machine type EM_X86_64 (62) in {path}"], Lines(err));
    }

    [Fact]
    public void ThirtyTwoBitFilesAreRefused()
    {
        var bytes = new MiniElf { Segments = { new MiniElf.Segment(0x10000, [0], 1, 5) } }.Build();
        bytes[4] = 1;   // ELFCLASS32: the header no longer parses as a 64-bit one, or is refused as 32-bit
        var path = Path.Combine(Directory.CreateTempSubdirectory("cross-elf32-").FullName, "elf32");
        File.WriteAllBytes(path, bytes);
        var (exit, _, err) = Run("run", path);
        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(err));
        Assert.StartsWith("cross: ", line);
    }

    [Theory]
    [InlineData("empty", new byte[0])]
    [InlineData("text", new byte[] { (byte)'#', (byte)'!', (byte)'/', (byte)'b', (byte)'i', (byte)'n' })]
    [InlineData("magic-only", new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1 })]
    public void MalformedFilesAreOneLineErrors(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cross-bad-").FullName, name);
        File.WriteAllBytes(path, bytes);
        var (exit, _, err) = Run("run", path);
        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(err));
        Assert.StartsWith($"cross: {path}: ", line);
    }

    [Fact]
    public void TruncatedProgramHeadersAreOneLineErrors()
    {
        var bytes = new MiniElf { Segments = { new MiniElf.Segment(0x10000, [0x13, 0, 0, 0], 4, 5) } }.Build();
        var path = Path.Combine(Directory.CreateTempSubdirectory("cross-trunc-").FullName, "truncated");
        File.WriteAllBytes(path, bytes[..80]);
        var (exit, _, err) = Run("run", path);
        Assert.Equal(1, exit);
        Assert.StartsWith($"cross: {path}: ", Assert.Single(Lines(err)));
    }

    [Fact]
    public void RunOptionsParseLikeQemuUser()
    {
        var options = RunOptions.Parse(["--jit=llvm", "--dump-ir", "-E", "A=1", "-U", "B", "-L", "/sysroot", "--strace", "-0", "name", "prog", "--help", "-E", "x"]);
        Assert.Equal("llvm", options.Jit);
        Assert.True(options.DumpIr);
        Assert.True(options.Strace);
        Assert.Equal("/sysroot", options.Sysroot);
        Assert.Equal("name", options.Argv0);
        Assert.Equal("prog", options.Program);
        Assert.Equal(["--help", "-E", "x"], options.Arguments);
        var environment = options.BuildEnvironment(new System.Collections.Hashtable { ["B"] = "2", ["C"] = "3" });
        Assert.Equal(["A=1", "C=3"], environment);
        Assert.Equal("--x", RunOptions.Parse(["--", "--x"]).Program);
    }
}
