using Cross.UserMode.Signals;
using Cross.UserMode.Syscalls;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests;

/// <summary>
/// FutexTable semantics, driven directly: the compare-and-block, wakes with and without bitsets,
/// requeues, WAKE_OP, and the ways a wait ends early. Waits that must block run on a helper
/// thread; the test waits until the table holds the waiter (no timing assumptions).
/// </summary>
public class FutexTableTests
{
    private const ulong Word = TestProcess.Scratch + 0x100;
    private const ulong Other = TestProcess.Scratch + 0x200;

    [Fact]
    public void WaitReturnsAtOnceWhenTheWordDiffers()
    {
        using var test = TestProcess.Create();
        test.Memory.Write(Word, 4, 5);
        Assert.Equal(-Errno.EAGAIN, test.Process.Futexes.Wait(test.Process.MainThread, Word, 4, null, FutexTable.MatchAny));
    }

    [Fact]
    public void BadAddressesAreErrorsNotFaults()
    {
        using var test = TestProcess.Create();
        var futexes = test.Process.Futexes;
        var thread = test.Process.MainThread;
        Assert.Equal(-Errno.EINVAL, futexes.Wait(thread, Word + 1, 0, null, FutexTable.MatchAny));
        Assert.Equal(-Errno.EFAULT, futexes.Wait(thread, 0x10, 0, null, FutexTable.MatchAny));
        Assert.Equal(-Errno.EFAULT, futexes.Wait(thread, ulong.MaxValue - 3, 0, null, FutexTable.MatchAny));
        Assert.Equal(-Errno.EINVAL, futexes.Wait(thread, Word, 0, null, bitset: 0));
        Assert.Equal(-Errno.EINVAL, futexes.Wake(Word + 2, 1));
        Assert.Equal(-Errno.EFAULT, futexes.Requeue(0x10, 1, Other, 1, expected: 0));
        Assert.Equal(-Errno.EFAULT, futexes.WakeOp(Word, 1, 0x10, 1, 0));
    }

    [Fact]
    public void APassedDeadlineTimesOut()
    {
        using var test = TestProcess.Create();
        Assert.Equal(-Errno.ETIMEDOUT, test.Process.Futexes.Wait(test.Process.MainThread, Word, 0, DateTime.UtcNow, FutexTable.MatchAny));
        Assert.Equal(0, test.Process.Futexes.WaiterCount);
    }

    [Fact]
    public void WakeReleasesABlockedWaiter()
    {
        using var test = TestProcess.Create();
        var futexes = test.Process.Futexes;
        Assert.Equal(0, futexes.Wake(Word, 1));
        var waiter = StartWaiter(test, Word, FutexTable.MatchAny);
        Assert.Equal(1, futexes.Wake(Word, int.MaxValue));
        Assert.Equal(0, ResultOf(waiter));
    }

    [Fact]
    public void BitsetsChooseWhomToWake()
    {
        using var test = TestProcess.Create();
        var futexes = test.Process.Futexes;
        var waiter = StartWaiter(test, Word, bitset: 0b01);
        Assert.Equal(0, futexes.Wake(Word, 1, 0b10));
        Assert.Equal(1, futexes.WaiterCount);
        Assert.Equal(1, futexes.Wake(Word, 1, 0b11));
        Assert.Equal(0, ResultOf(waiter));
    }

    [Fact]
    public void CmpRequeueMovesWaitersToTheTargetOnlyWhenTheWordMatches()
    {
        using var test = TestProcess.Create();
        var futexes = test.Process.Futexes;
        var waiter = StartWaiter(test, Word, FutexTable.MatchAny);
        Assert.Equal(-Errno.EAGAIN, futexes.Requeue(Word, 0, Other, 1, expected: 9));
        Assert.Equal(1, futexes.Requeue(Word, 0, Other, 1, expected: 0));
        Assert.Equal(0, futexes.Wake(Word, 1));
        Assert.Equal(1, futexes.Wake(Other, 1));
        Assert.Equal(0, ResultOf(waiter));
    }

    [Fact]
    public void WakeOpUpdatesTheSecondWordAndWakesItsWaitersWhenTheOldValuePasses()
    {
        using var test = TestProcess.Create();
        var futexes = test.Process.Futexes;
        test.Memory.Write(Other, 4, 0);
        var waiter = StartWaiter(test, Other, FutexTable.MatchAny);
        // FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_EQ, 1): old value 0 fails the test, so nobody on Other wakes.
        const uint addFiveIfOne = (1u << 28) | (0u << 24) | (5u << 12) | 1u;
        Assert.Equal(0, futexes.WakeOp(Word, 1, Other, 1, addFiveIfOne));
        Assert.Equal(5UL, test.Memory.Read(Other, 4));
        // FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 5): old value 5 passes.
        const uint setOneIfFive = (0u << 28) | (0u << 24) | (1u << 12) | 5u;
        Assert.Equal(1, futexes.WakeOp(Word, 1, Other, 1, setOneIfFive));
        Assert.Equal(1UL, test.Memory.Read(Other, 4));
        Assert.Equal(0, ResultOf(waiter));
    }

    [Fact]
    public void ASignalInterruptsTheWait()
    {
        using var test = TestProcess.Create();
        var waiter = StartWaiter(test, Word, FutexTable.MatchAny);
        test.Process.Signals.Send(new SignalInfo(Signal.SIGUSR1, SignalCode.User), test.Process.MainThread);
        Assert.Equal(-Errno.EINTR, ResultOf(waiter));
        Assert.Equal(0, test.Process.Futexes.WaiterCount);
    }

    [Fact]
    public void ABlockedSignalDoesNotInterruptTheWait()
    {
        using var test = TestProcess.Create();
        var thread = test.Process.MainThread;
        thread.BlockedSignals = thread.BlockedSignals.With(Signal.SIGUSR1);
        var waiter = StartWaiter(test, Word, FutexTable.MatchAny);
        test.Process.Signals.Send(new SignalInfo(Signal.SIGUSR1, SignalCode.User), thread);
        Assert.Equal(1, test.Process.Futexes.Wake(Word, 1));
        Assert.Equal(0, ResultOf(waiter));
    }

    [Fact]
    public void ProcessExitEndsTheWait()
    {
        using var test = TestProcess.Create();
        var waiter = StartWaiter(test, Word, FutexTable.MatchAny);
        test.Process.Terminate(ProcessExit.Exited(0));
        Assert.Equal(-Errno.EINTR, ResultOf(waiter));
    }

    /// <summary>Starts a FUTEX_WAIT on <paramref name="address"/> (which holds 0) and returns once it is queued.</summary>
    private static Task<long> StartWaiter(TestProcess test, ulong address, uint bitset)
    {
        test.Memory.Write(address, 4, 0);
        var futexes = test.Process.Futexes;
        var before = futexes.WaiterCount;
        var task = Task.Factory.StartNew(() => futexes.Wait(test.Process.MainThread, address, 0, null, bitset), TaskCreationOptions.LongRunning);
        while (futexes.WaiterCount == before && !task.IsCompleted) Thread.Yield();
        return task;
    }

    /// <summary>The wait's result; the bound only turns a hang (a lost wake-up) into a failure.</summary>
    private static long ResultOf(Task<long> waiter)
    {
        Assert.True(waiter.Wait(TimeSpan.FromMinutes(2)), "the futex waiter never woke");
        return waiter.Result;
    }
}
