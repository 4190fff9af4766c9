using Cross.Machines;
using Cross.Machines.DeviceTypes;
using Cross.Machines.Boot;
using Cross.Machines.Running;

namespace Cross.Cli;

/// <summary>
/// <c>cross boot -M BOARD [options]</c>: builds a board, places the images as QEMU does, and runs
/// it with the console on stdio until the guest powers off (exit status: the guest's code) or
/// --timeout passes (exit status 124).
/// </summary>
public static class BootCommand
{
    public const int ExitTimeout = 124;

    public const string Usage = "usage: cross boot [-M BOARD] [-m SIZE] [-smp N] [-bios FILE|none] [-kernel FILE] [-initrd FILE] [-append ARGS] [-drive file=IMG,format=raw] [-device DEV] [--jit interp|llvm] [--timeout SECONDS] [--icount]";

    public static string HelpText => $"""
        {Usage}

        Boots firmware or a kernel on an emulated board, with the board's console (its UART, or
        HTIF on spike-riscv64) on standard input and output. The exit status is the guest's:
        0 when it powers off or passes (sifive_test 0x5555, SBI system reset, HTIF tohost = 1),
        its code when it reports failure, 124 after --timeout.

        Boot protocol (as QEMU's virt): every hart starts in the reset ROM at 0x1000, which jumps
        to the firmware with a0 = hart id, a1 = device tree, a2 = fw_dynamic_info (next stage:
        the kernel, in S-mode). Cross bundles no firmware: without -bios (or with -bios none) the
        ROM jumps straight to the kernel, in M-mode, like QEMU's -bios none.

        Options:
          -M, -machine BOARD    virt-riscv64 (default; alias virt), spike-riscv64 (alias spike),
                                or a board file (.json)
          -m SIZE               RAM size; a plain number is MiB (256, 256M, 1G)
          -smp N                number of harts (run round robin on one thread)
          -bios FILE|none       M-mode firmware at the start of RAM (OpenSBI fw_jump/fw_dynamic,
                                M-mode U-Boot); default none
          -kernel FILE          ELF (loaded at its physical addresses), Linux riscv64 Image or
                                flat binary (at the first 2 MiB boundary after the firmware, or
                                the start of RAM without one)
          -initrd FILE          initial ramdisk, at kernel + min(RAM/2, 128 MiB)
          -append ARGS          kernel command line (/chosen/bootargs)
          -drive file=IMG,format=raw[,readonly=on]
                                a virtio-blk disk in the next free virtio-mmio slot
          -device TYPE,...      add a device (pl011,addr=0x10002000,irq=12; virtio-rng; ...)
          --jit interp|llvm     how guest code runs (default: as for cross run; llvm starts
                                blocks in the interpreter and compiles hot code in the background)
          --timeout SECONDS     stop after SECONDS of host time: "cross: timeout after N s", exit 124
          --icount              deterministic time: 1 instruction = 1 ns of guest time (100
                                instructions per 10 MHz mtime tick); idle time is skipped.
                                Without it guest time follows the host clock.
          -v, --verbose         print where images went and run statistics on standard error
          -nographic            accepted for QEMU compatibility (the console is always stdio)

        Related: cross dtb -M BOARD [-m SIZE] [-smp N] [-device ...] [-append ARGS] -o FILE
        writes the device tree a boot would hand over.

        """;

    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // The real console gets raw bytes; a caller's writer gets them decoded as UTF-8.
        var console = ReferenceEquals(stdout, Console.Out);
        using var output = console ? Console.OpenStandardOutput() : new TextWriterStream(stdout);
        using var input = console ? Console.OpenStandardInput() : null;
        return Execute(args, stdout, stderr, output, input);
    }

    /// <summary>Runs with explicit console streams (tests pass their own).</summary>
    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr, Stream consoleOutput, Stream? consoleInput)
    {
        BootOptions options;
        try
        {
            options = BootOptions.Parse(args);
        }
        catch (HelpRequested)
        {
            stdout.Write(HelpText);
            return 0;
        }

        Machine machine;
        try
        {
            machine = Machine.Create(options.Board, options.MachineOptions);
        }
        catch (Exception e) when (e is BoardException or FormatException)
        {
            stderr.WriteLine($"cross: {e.Message}");
            return CommandLine.ExitError;
        }

        using (machine)
        {
            BootLayout layout;
            try
            {
                layout = RiscVBootLoader.Load(machine, options.Images);
            }
            catch (BootException e)
            {
                stderr.WriteLine($"cross: {e.Message}");
                return CommandLine.ExitError;
            }
            if (options.Verbose)
                foreach (var line in layout.Describe()) stderr.WriteLine($"cross: {line}");
            if (machine.Htif is not null && layout.Htif is null)
                stderr.WriteLine($"cross: warning: no ELF image defines tohost, so {machine.Board.Name}'s HTIF (console and exit) is not connected");

            using var backend = BackendChoice.Create(options.Jit, stderr);
            var runner = new SystemRunner(machine, new SystemRunOptions
            {
                Backend = backend.Backend,
                Clock = options.InstructionCount ? ClockMode.InstructionCount : ClockMode.Host,
                Timeout = options.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            });
            runner.Reset(layout.ResetVector);
            using var bridge = machine.Console is { } port ? new ConsoleBridge(port, consoleOutput, consoleInput, runner.Wake) : null;
            runner.Console = bridge;

            var outcome = runner.Run();
            if (options.Verbose)
            {
                var mips = outcome.Instructions / Math.Max(outcome.HostTime.TotalSeconds, 1e-9) / 1e6;
                stderr.WriteLine($"cross: {outcome} ({mips:0.0} MIPS)");
            }
            return Report(outcome, options, stderr);
        }
    }

    private static int Report(RunOutcome outcome, BootOptions options, TextWriter stderr)
    {
        switch (outcome.End)
        {
            case RunEnd.Timeout:
                stderr.WriteLine($"cross: timeout after {options.TimeoutSeconds!.Value:0.###} s");
                return ExitTimeout;
            case RunEnd.Shutdown when outcome.Shutdown!.Value.Kind == Cross.Devices.Power.ShutdownKind.Reset:
                stderr.WriteLine("cross: the guest asked for a reset; Cross stops there (no reboot)");
                return 0;
            case RunEnd.Shutdown:
                return outcome.Shutdown!.Value.ExitCode;
            default:
                stderr.WriteLine("cross: stopped");
                return CommandLine.ExitError;
        }
    }
}
