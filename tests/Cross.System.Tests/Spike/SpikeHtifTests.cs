using Cross.System.Tests.Support;
using Cross.Testing;

namespace Cross.System.Tests.Spike;

/// <summary>
/// Spike's HTIF convention (riscv-tests): a bare-metal ELF with tohost/fromhost symbols ends the
/// run by writing (code &lt;&lt; 1) | 1 to tohost, and prints through the HTIF console device.
/// Checked against QEMU's spike machine too.
/// </summary>
public class SpikeHtifTests
{
    private const string Qemu = "/usr/bin/qemu-system-riscv64";

    public static TheoryData<string> Backends => TestBackends.All;

    /// <summary>Prints <paramref name="message"/> character by character (device 1, command 1), then exits with <paramref name="code"/>.</summary>
    public static string Program(string message, int code)
    {
        var source = $$"""
                .option norvc
                .text
                .globl _start
            _start:
                la a0, message
            1:  lbu a1, 0(a0)
                beqz a1, 3f
                li t0, 0x0101000000000000   # console device, putchar
                or t0, t0, a1
                la t1, tohost
                sd t0, 0(t1)
            2:  ld t2, 0(t1)                # the host clears tohost when it takes the command
                bnez t2, 2b
                addi a0, a0, 1
                j 1b
            3:  li t0, {{code * 2 + 1}}
                la t1, tohost
            4:  sd t0, 0(t1)                # riscv-tests keep writing until the host stops them
                j 4b
                .data
            message: .asciz "{{message}}"
                .section .tohost, "aw", @progbits
                .align 6
                .globl tohost
            tohost: .dword 0
                .size tohost, 8
                .align 6
                .globl fromhost
            fromhost: .dword 0
                .size fromhost, 8
            """;
        return GuestCompiler.Compile(HostTools.RiscV64Gcc, source + "\n", ".S",
            "-nostdlib", "-nostartfiles", "-static", "-fno-pie", "-no-pie", "-march=rv64gc", "-mabi=lp64d", "-Wl,-N",
            "-Wl,-Ttext=0x80000000", "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments");
    }

    [Theory, MemberData(nameof(Backends))]
    public void WritingOneToTohostPassesAndTheConsolePrints(string backend)
    {
        var result = CrossCli.Run(["boot", "-M", "spike-riscv64", "-kernel", Program("htif says hi\\n", 0), "--jit", backend, "--timeout", "60"],
            TimeSpan.FromSeconds(90));
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Output} {result.StandardError}");
        Assert.Equal("htif says hi\n", result.Output);
    }

    [Theory, MemberData(nameof(Backends))]
    public void AFailureCodeInTohostBecomesTheExitStatus(string backend)
    {
        var result = CrossCli.Run(["boot", "-M", "spike-riscv64", "-kernel", Program("", 5), "--jit", backend, "--timeout", "60"],
            TimeSpan.FromSeconds(90));
        Assert.Equal(5, result.ExitCode);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void QemusSpikeAgrees(int code)
    {
        Assert.True(File.Exists(Qemu), $"missing {Qemu}: install qemu-system-misc (run .ci/setup)");
        var elf = Program("htif says hi\\n", code);
        var qemu = ProcessRunner.Run(Qemu, ["-M", "spike", "-bios", "none", "-kernel", elf, "-nographic"], TimeSpan.FromSeconds(30), []);
        var cross = CrossCli.Run(["boot", "-M", "spike-riscv64", "-kernel", elf, "--timeout", "60"], TimeSpan.FromSeconds(90));
        Assert.Equal(code, qemu.ExitCode);
        Assert.Equal(qemu.ExitCode, cross.ExitCode);
        Assert.Equal(qemu.Output.Replace("\r\n", "\n"), cross.Output);
    }
}
