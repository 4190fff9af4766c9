using Cross.Machines.Running;
using Cross.System.Tests.Support;
using Cross.Testing;

namespace Cross.System.Tests.Firmware;

/// <summary>
/// Every program in firmware/riscv64 passes under QEMU (the oracle: qemu-system-riscv64 -M virt
/// -bios none -kernel fw.elf) and under Cross on each backend, reporting through the sifive_test
/// finisher and printing its expect: lines.
/// </summary>
public class FirmwareTests
{
    private const string Qemu = "/usr/bin/qemu-system-riscv64";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Programs => new(FirmwareProgram.Names);

    public static TheoryData<string, string> ProgramsOnBackends
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var program in FirmwareProgram.Names)
                foreach (var backend in TestBackends.Names) data.Add(program, backend);
            return data;
        }
    }

    [Fact]
    public void TheFirmwareFolderHasTheProgramsTheIssueAsksFor()
    {
        Assert.Superset(new HashSet<string> { "hello", "timer", "plic", "sv39", "virtio_blk" }, FirmwareProgram.Names.ToHashSet());
    }

    [Theory, MemberData(nameof(ProgramsOnBackends))]
    public void PassesUnderCross(string program, string backend)
    {
        var firmware = FirmwareProgram.Load(program);
        var elf = firmware.Build();
        var disk = firmware.CreateDisk();
        try
        {
            var run = FirmwareRun.Boot([.. firmware.Arguments(disk), "-kernel", elf], backend, ClockMode.InstructionCount, firmware.Input);
            Assert.True(run.Outcome.End == RunEnd.Shutdown && run.Outcome.GuestExitCode == 0, $"{program} on {backend}: {run}");
            firmware.AssertOutput(run.Output, $"cross --jit {backend}");
        }
        finally
        {
            if (disk is not null) File.Delete(disk);
        }
    }

    [Theory, MemberData(nameof(Programs))]
    public void PassesUnderQemu(string program)
    {
        Assert.True(File.Exists(Qemu), $"missing {Qemu}: install qemu-system-misc (run .ci/setup)");
        var firmware = FirmwareProgram.Load(program);
        var elf = firmware.Build();
        var disk = firmware.CreateDisk();
        try
        {
            using var qemu = new InteractiveProcess(Qemu,
                ["-M", "virt", "-bios", "none", "-kernel", elf, "-nographic", .. firmware.Arguments(disk), .. firmware.QemuArguments]);
            if (firmware.Input is { } input)
            {
                // QEMU's console may drop bytes that arrive before the guest runs: type after its first line.
                qemu.WaitFor("\n", Limit);
                qemu.Type(input);
            }
            var exit = qemu.WaitForExit(Limit);
            Assert.True(exit == 0, $"{program} failed under QEMU ({exit}):\n{qemu.Transcript}");
            firmware.AssertOutput(qemu.Output, "qemu-system-riscv64");
        }
        finally
        {
            if (disk is not null) File.Delete(disk);
        }
    }

    [Theory, MemberData(nameof(TestBackendsData))]
    public void VirtioBlkWritesReachTheImageFile(string backend)
    {
        var firmware = FirmwareProgram.Load("virtio_blk");
        var disk = firmware.CreateDisk()!;
        try
        {
            var run = FirmwareRun.Boot([.. firmware.Arguments(disk), "-kernel", firmware.Build()], backend, ClockMode.InstructionCount);
            Assert.True(run.Outcome.GuestExitCode == 0, run.ToString());
            var image = File.ReadAllBytes(disk);
            for (var i = 0; i < 512; i++) Assert.Equal((byte)(0xa5 ^ i), image[2 * 512 + i]);
            Assert.Equal((byte)(3 * 31), image[3 * 512]); // the sector after it is untouched
        }
        finally
        {
            File.Delete(disk);
        }
    }

    public static TheoryData<string> TestBackendsData => TestBackends.All;

    [Theory, MemberData(nameof(TestBackendsData))]
    public void TheTimerFirmwarePassesOnHostTimeToo(string backend)
    {
        var run = FirmwareRun.Boot(["-kernel", FirmwareProgram.Load("timer").Build()], backend, ClockMode.Host);
        Assert.True(run.Outcome.GuestExitCode == 0, run.ToString());
        Assert.Contains("timer: 3 interrupts", run.Output);
    }

    [Theory, MemberData(nameof(TestBackendsData))]
    public void HelloBootsThroughTheRealCommand(string backend)
    {
        var result = CrossCli.Run(["boot", "-M", "virt-riscv64", "-kernel", FirmwareProgram.Load("hello").Build(), "--jit", backend, "--timeout", "60"],
            TimeSpan.FromSeconds(90));
        Assert.False(result.TimedOut);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Output}\n{result.StandardError}");
        Assert.StartsWith("Hello from Cross firmware on hart 0 (device tree at 0x87e00000)\n", result.Output);
    }
}
