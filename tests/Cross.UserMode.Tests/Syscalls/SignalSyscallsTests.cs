using Cross.Frontends.RiscV;
using Cross.UserMode.Signals;
using Cross.UserMode.Syscalls;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests.Syscalls;

public class SignalSyscallsTests
{
    private const int RtSigaction = 134, RtSigprocmask = 135, RtSigreturn = 139, Sigaltstack = 132, Kill = 129, Tgkill = 131, RtSigpending = 136;
    private const ulong Buffer = TestProcess.Scratch + 0x3000;

    [Fact]
    public void SigactionStoresHandlerFlagsAndMask()
    {
        using var test = TestProcess.Create();
        test.Memory.Write(Buffer, 8, 0x12340);
        test.Memory.Write(Buffer + 8, 8, SignalActionFlags.SigInfo | SignalActionFlags.OnStack);
        test.Memory.Write(Buffer + 16, 8, 1UL << 11);
        Assert.Equal(0, test.Call(RtSigaction, Signal.SIGUSR1, Buffer, 0, 8));
        Assert.Equal(0, test.Call(RtSigaction, Signal.SIGUSR1, 0, Buffer + 64, 8));
        Assert.Equal(0x12340UL, test.Memory.Read(Buffer + 64, 8));
        Assert.Equal(SignalActionFlags.SigInfo | SignalActionFlags.OnStack, test.Memory.Read(Buffer + 72, 8));
        Assert.Equal(1UL << 11, test.Memory.Read(Buffer + 80, 8));

        Assert.Equal(-Errno.EINVAL, test.Call(RtSigaction, Signal.SIGKILL, Buffer, 0, 8));
        Assert.Equal(-Errno.EINVAL, test.Call(RtSigaction, 65, Buffer, 0, 8));
        Assert.Equal(-Errno.EINVAL, test.Call(RtSigaction, Signal.SIGUSR1, Buffer, 0, 16));
    }

    [Fact]
    public void SigprocmaskNeverBlocksKillOrStop()
    {
        using var test = TestProcess.Create();
        test.Memory.Write(Buffer, 8, ulong.MaxValue);
        Assert.Equal(0, test.Call(RtSigprocmask, 0 /* SIG_BLOCK */, Buffer, Buffer + 8, 8));
        Assert.Equal(0UL, test.Memory.Read(Buffer + 8, 8));
        var blocked = test.Process.MainThread.BlockedSignals;
        Assert.False(blocked.Contains(Signal.SIGKILL));
        Assert.False(blocked.Contains(Signal.SIGSTOP));
        Assert.True(blocked.Contains(Signal.SIGUSR1));
        Assert.Equal(-Errno.EINVAL, test.Call(RtSigprocmask, 7, Buffer, 0, 8));
    }

    [Fact]
    public void BlockedSignalsStayPendingUntilUnblocked()
    {
        using var test = TestProcess.Create();
        test.Memory.Write(Buffer, 8, 1UL << (Signal.SIGUSR2 - 1));
        test.Call(RtSigprocmask, 0, Buffer, 0, 8);
        Assert.Equal(0, test.Call(Kill, (ulong)test.Process.Pid, Signal.SIGUSR2));
        Assert.Equal(0, test.Call(RtSigpending, Buffer + 8, 8));
        Assert.Equal(1UL << (Signal.SIGUSR2 - 1), test.Memory.Read(Buffer + 8, 8));
        test.Process.Signals.DeliverPending(test.Process.MainThread);
        Assert.False(test.Process.HasExited);

        test.Call(RtSigprocmask, 1 /* SIG_UNBLOCK */, Buffer, 0, 8);
        test.Process.Signals.DeliverPending(test.Process.MainThread);
        Assert.Equal(ProcessExit.Killed(Signal.SIGUSR2), test.Process.ExitStatus);
    }

    [Fact]
    public void HandlerRunsOnAFrameAndSigreturnRestoresEverything()
    {
        using var test = TestProcess.Create();
        var thread = test.Process.MainThread;
        var state = thread.Context.State;
        test.Memory.Write(Buffer, 8, 0x55550);
        test.Memory.Write(Buffer + 8, 8, SignalActionFlags.SigInfo);
        test.Memory.Write(Buffer + 16, 8, 1UL << (Signal.SIGUSR2 - 1));
        test.Call(RtSigaction, Signal.SIGUSR1, Buffer, 0, 8);
        state.Write64(RiscVState.X(9), 0x9999);
        var sp = state.Read64(RiscVState.X(RiscVState.Sp));
        var pcBefore = state.Read64(RiscVState.Pc);

        Assert.Equal(0, test.Call(Tgkill, (ulong)test.Process.Pid, (ulong)thread.Tid, Signal.SIGUSR1));
        test.Process.Signals.DeliverPending(thread);
        Assert.Equal(0x55550UL, state.Read64(RiscVState.Pc));
        Assert.Equal((ulong)Signal.SIGUSR1, state.Read64(RiscVState.X(RiscVState.A0)));
        Assert.Equal(test.Process.SigreturnAddress, state.Read64(RiscVState.X(RiscVState.Ra)));
        var frame = state.Read64(RiscVState.X(RiscVState.Sp));
        Assert.True(frame < sp && frame % 16 == 0);
        Assert.Equal((ulong)Signal.SIGUSR1, test.Memory.Read(frame, 4));
        Assert.Equal(unchecked((uint)SignalCode.Tkill), (uint)test.Memory.Read(frame + 8, 4));
        Assert.True(thread.BlockedSignals.Contains(Signal.SIGUSR1));
        Assert.True(thread.BlockedSignals.Contains(Signal.SIGUSR2));

        state.Write64(RiscVState.X(9), 0);
        test.Call(RtSigreturn);
        Assert.Equal(pcBefore, state.Read64(RiscVState.Pc));
        Assert.Equal(sp, state.Read64(RiscVState.X(RiscVState.Sp)));
        Assert.Equal(0x9999UL, state.Read64(RiscVState.X(9)));
        Assert.True(thread.BlockedSignals.IsEmpty);
    }

    [Fact]
    public void SigaltstackMovesTheFrameOntoTheAlternateStack()
    {
        using var test = TestProcess.Create();
        var thread = test.Process.MainThread;
        const ulong altBase = TestProcess.Scratch + 0x8000, altSize = 0x4000;
        test.Memory.Write(Buffer, 8, altBase);
        test.Memory.Write(Buffer + 8, 8, 0);
        test.Memory.Write(Buffer + 16, 8, altSize);
        Assert.Equal(0, test.Call(Sigaltstack, Buffer, Buffer + 32));
        Assert.Equal((ulong)SignalStack.Disable, test.Memory.Read(Buffer + 40, 4));

        test.Memory.Write(Buffer + 64, 8, 0x77770);
        test.Memory.Write(Buffer + 72, 8, SignalActionFlags.OnStack);
        test.Memory.Write(Buffer + 80, 8, 0);
        test.Call(RtSigaction, Signal.SIGUSR1, Buffer + 64, 0, 8);
        test.Call(Kill, 0, Signal.SIGUSR1);
        test.Process.Signals.DeliverPending(thread);
        var frame = thread.Context.State.Read64(RiscVState.X(RiscVState.Sp));
        Assert.InRange(frame, altBase, altBase + altSize);

        // On the alternate stack, sigaltstack reports SS_ONSTACK and refuses changes.
        Assert.Equal(-Errno.EPERM, test.Call(Sigaltstack, Buffer, Buffer + 32));
        Assert.Equal(0, test.Call(Sigaltstack, 0, Buffer + 32));
        Assert.Equal((ulong)SignalStack.OnStack, test.Memory.Read(Buffer + 40, 4));
    }

    [Fact]
    public void IgnoredAndDefaultIgnoredSignalsAreDropped()
    {
        using var test = TestProcess.Create();
        test.Call(Kill, 0, Signal.SIGCHLD);
        test.Call(Kill, 0, Signal.SIGWINCH);
        Assert.False(test.Process.Signals.AnyPending);
        test.Memory.Write(Buffer, 8, SignalAction.Ignore);
        test.Memory.Write(Buffer + 8, 8, 0);
        test.Memory.Write(Buffer + 16, 8, 0);
        test.Call(RtSigaction, Signal.SIGTERM, Buffer, 0, 8);
        test.Call(Kill, 0, Signal.SIGTERM);
        test.Process.Signals.DeliverPending(test.Process.MainThread);
        Assert.False(test.Process.HasExited);
        Assert.Equal(-Errno.ESRCH, test.Call(Tgkill, (ulong)test.Process.Pid, 12345678, Signal.SIGUSR1));
    }
}
