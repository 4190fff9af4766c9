using Cross.Machines.Dtb;
using Cross.Testing;

namespace Cross.System.Tests.Cli;

/// <summary><c>cross boot</c> and <c>cross dtb</c> as a user runs them: exit codes, messages, files.</summary>
public sealed class BootCommandTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly string _directory = Directory.CreateTempSubdirectory("cross-boot-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Program(string body) => GuestCompiler.Compile(HostTools.RiscV64Gcc, $"""
            .globl _start
        _start:
        {body}
        """ + "\n", ".S",
        "-nostdlib", "-nostartfiles", "-static", "-fno-pie", "-no-pie", "-march=rv64gc", "-mabi=lp64d", "-Wl,-N",
        "-Wl,-Ttext=0x80000000", "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments");

    [Fact]
    public void TimeoutStopsTheGuestWithAClearMessageAndExitCode124()
    {
        var result = CrossCli.Run(["boot", "-M", "virt-riscv64", "-kernel", Program("1: j 1b"), "--timeout", "1"], Limit);
        Assert.Equal(124, result.ExitCode);
        Assert.Contains("cross: timeout after 1 s", result.StandardError);
    }

    [Fact]
    public void AGuestFailureCodeIsTheExitStatus()
    {
        var result = CrossCli.Run(["boot", "-kernel", Program("""
                li t0, 0x100000
                li t1, (42 << 16) | 0x3333
                sw t1, 0(t0)
            1:  j 1b
            """), "--timeout", "60", "--icount"], Limit);
        Assert.Equal(42, result.ExitCode);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public void ConsoleInputComesFromStandardInput()
    {
        // Echo bytes back until a '.' arrives, then power off: the UART on stdio both ways.
        var program = Program("""
                li t0, 0x10000000
            1:  lbu t1, 5(t0)           # LSR
                andi t1, t1, 1          # data ready
                beqz t1, 1b
                lbu t2, 0(t0)
                sb t2, 0(t0)
                li t3, '.'
                bne t2, t3, 1b
                li t0, 0x100000
                li t1, 0x5555
                sw t1, 0(t0)
            2:  j 2b
            """);
        var result = CrossCli.Run(["boot", "-kernel", program, "--timeout", "60"], Limit, "piped input.\n"u8.ToArray());
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("piped input.", result.Output);
    }

    [Fact]
    public void UsageMistakesAndMissingFilesAreReported()
    {
        var noImage = CrossCli.Run(["boot", "-M", "virt-riscv64"], Limit);
        Assert.Equal(2, noImage.ExitCode);
        Assert.Contains("nothing to boot", noImage.StandardError);

        var missing = CrossCli.Run(["boot", "-kernel", Path.Combine(_directory, "absent.elf")], Limit);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("cannot read", missing.StandardError);

        var board = CrossCli.Run(["boot", "-M", "no-such-board", "-kernel", "x"], Limit);
        Assert.Equal(1, board.ExitCode);
        Assert.Contains("unknown board 'no-such-board'", board.StandardError);

        var option = CrossCli.Run(["boot", "-kernel", "x", "--frobnicate"], Limit);
        Assert.Equal(2, option.ExitCode);
        Assert.Contains("unknown option '--frobnicate'", option.StandardError);

        var help = CrossCli.Run(["boot", "--help"], Limit);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("-bios FILE|none", help.Output);
        Assert.Contains("--icount", help.Output);
    }

    [Fact]
    public void DtbWritesTheTreeABootWouldHandOver()
    {
        var path = Path.Combine(_directory, "virt.dtb");
        var result = CrossCli.Run(["dtb", "-M", "virt-riscv64", "-m", "256", "-smp", "2", "-append", "console=ttyS0",
            "-device", "virtio-rng-device", "-o", path], Limit);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var root = FdtReader.Read(File.ReadAllBytes(path)).Root;
        Assert.Equal(new uint[] { 0, 0x8000_0000, 0, 0x1000_0000 }, root.Find("/memory@80000000")!.Property("reg")!.AsCells());
        Assert.NotNull(root.Find("/cpus/cpu@1"));
        Assert.Null(root.Find("/cpus/cpu@2"));
        Assert.Equal("console=ttyS0", root.Find("/chosen")!.Property("bootargs")!.AsString());
        Assert.Equal("/soc/serial@10000000", root.Find("/chosen")!.Property("stdout-path")!.AsString());

        var noOutput = CrossCli.Run(["dtb", "-M", "virt-riscv64"], Limit);
        Assert.Equal(2, noOutput.ExitCode);
        Assert.Contains("-o FILE", noOutput.StandardError);
    }
}
