using Cross.Frontends.RiscV;
using Cross.UserMode.Signals;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests;

/// <summary>Whole processes from hand-assembled guests: the run loop, exits, and faults turned into signals.</summary>
public class UserModeProcessTests
{
    private static ProcessExit Run(TestProcess test)
    {
        var exit = test.Process.Run();
        Assert.True(test.Process.HasExited);
        return exit;
    }

    [Fact]
    public void ExitGroupEndsTheRun()
    {
        using var test = TestProcess.Create(Rv.Exit(7));
        Assert.Equal(ProcessExit.Exited(7), Run(test));
        Assert.Equal(7, Run(test).StatusCode);
    }

    [Fact]
    public void TheInitialRegistersAreLinuxs()
    {
        using var test = TestProcess.Create(Rv.Exit(0));
        var state = test.Process.MainThread.Context.State;
        Assert.Equal(test.Process.Image.Entry, state.Read64(RiscVState.Pc));
        Assert.Equal(test.Process.InitialStack.StackPointer, state.Read64(RiscVState.X(RiscVState.Sp)));
        Assert.Equal(0UL, state.Read64(RiscVState.X(RiscVState.A0)));
        Assert.Equal(1UL, test.Memory.Read(test.Process.InitialStack.StackPointer, 8));
        Assert.Equal(test.ProgramPath, test.Memory.TryReadString(test.Memory.Read(test.Process.InitialStack.ArgvAddress, 8)));
        Assert.Equal("A=1", test.Memory.TryReadString(test.Memory.Read(test.Process.InitialStack.EnvpAddress, 8)));
    }

    [Fact]
    public void IllegalInstructionsKillWithSigill()
    {
        using var test = TestProcess.Create([Rv.Li(Rv.A0, 1), Rv.Illegal]);
        Assert.Equal(ProcessExit.Killed(Signal.SIGILL), Run(test));
        Assert.Equal(132, Run(test).StatusCode);
        Assert.Contains("SIGILL", test.Diagnostics.ToString());
        Assert.Contains($"pc 0x{MiniElf.DefaultBase + 0x1004:x}", test.Diagnostics.ToString());
    }

    [Fact]
    public void EbreakKillsWithSigtrap()
    {
        using var test = TestProcess.Create([Rv.Ebreak]);
        Assert.Equal(ProcessExit.Killed(Signal.SIGTRAP), Run(test));
    }

    [Fact]
    public void LoadsFromUnmappedMemoryKillWithSigsegv()
    {
        using var test = TestProcess.Create([Rv.Ld(Rv.A0, Rv.Zero, 16), .. Rv.Exit(0)]);
        Assert.Equal(139, Run(test).StatusCode);
    }

    [Fact]
    public void StoresToCodeKillWithSigsegv()
    {
        // auipc-free: the code page address is known (0x11000).
        using var test = TestProcess.Create([Rv.Lui(Rv.T0, 0x11), Rv.Sd(Rv.Zero, Rv.T0, 0), .. Rv.Exit(0)]);
        Assert.Equal(ProcessExit.Killed(Signal.SIGSEGV), Run(test));
    }

    [Fact]
    public void UnknownSyscallsReturnEnosysAndTheGuestGoesOn()
    {
        // a0 = syscall(500); exit_group(-a0)
        using var test = TestProcess.Create([Rv.Li(Rv.A7, 500), Rv.Ecall, 0x40A00533 /* sub a0, zero, a0 */, Rv.Li(Rv.A7, 94), Rv.Ecall]);
        Assert.Equal(ProcessExit.Exited(38), Run(test));
        Assert.Equal("cross: unsupported syscall 500\n", test.Diagnostics.ToString().Replace("\r", ""));
    }

    [Fact]
    public async Task SignalsFromOutsideAreDeliveredBetweenSlices()
    {
        // An endless loop (j .), stopped by a SIGTERM sent from another thread.
        using var test = TestProcess.Create([0x0000006F], o => o with { SliceBudget = 1000 });
        var runner = Task.Run(() => test.Process.Run());
        await Task.Delay(100);
        test.Process.SendSignal(Signal.SIGTERM);
        var exit = await runner.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ProcessExit.Killed(Signal.SIGTERM), exit);
    }

    [Fact]
    public void MissingProgramsAreAOneLineUserError()
    {
        var error = Assert.Throws<UserModeException>(() => UserModeProcess.Load(new UserModeOptions
        {
            ProgramPath = "/nonexistent/program",
            Backend = new Cross.Backends.Interpreter.InterpreterBackend(),
        }));
        Assert.Equal("/nonexistent/program: No such file or directory", error.Message);
    }

    [Fact]
    public void DynamicExecutablesWithoutTheirLoaderAreRefusedHonestly()
    {
        var elf = MiniElf.WithCode(Rv.Exit(0));
        elf.Segments.Add(new MiniElf.Segment(0x30000, "/lib/ld-linux-riscv64-lp64d.so.1\0"u8.ToArray(), 34, 4, Type: 3));
        var path = elf.WriteTemporary();
        var error = Assert.Throws<UserModeException>(() => UserModeProcess.Load(new UserModeOptions
        {
            ProgramPath = path,
            Backend = new Cross.Backends.Interpreter.InterpreterBackend(),
        }));
        Assert.Contains("dynamic loader /lib/ld-linux-riscv64-lp64d.so.1 not found; give the guest's root with --sysroot DIR", error.Message);
    }
}
