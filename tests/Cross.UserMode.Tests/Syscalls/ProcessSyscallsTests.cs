using Cross.UserMode.Syscalls;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests.Syscalls;

public class ProcessSyscallsTests
{
    private const ulong Buffer = TestProcess.Scratch + 0x2000;

    [Fact]
    public void IdsAreTheHostProcesss()
    {
        using var test = TestProcess.Create();
        Assert.Equal(Environment.ProcessId, test.Call(172));   // getpid
        Assert.Equal(Environment.ProcessId, test.Call(178));   // gettid
        Assert.Equal(Environment.ProcessId, test.Call(96, Buffer)); // set_tid_address
        Assert.Equal(Buffer, test.Process.MainThread.ClearChildTid);
        Assert.Equal(0, test.Call(99, Buffer, 24));            // set_robust_list
        Assert.Equal(-Errno.EINVAL, test.Call(99, Buffer, 16));
    }

    [Fact]
    public void UnameReportsTheGuestMachine()
    {
        using var test = TestProcess.Create();
        Assert.Equal(0, test.Call(160, Buffer));
        Assert.Equal("Linux", test.Memory.TryReadString(Buffer));
        Assert.Equal("riscv64", test.Memory.TryReadString(Buffer + 4 * 65));
    }

    [Fact]
    public void ResourceLimitsAreVirtual()
    {
        using var test = TestProcess.Create();
        Assert.Equal(0, test.Call(261, 0, 3 /* RLIMIT_STACK */, 0, Buffer));
        Assert.Equal(8UL << 20, test.Memory.Read(Buffer, 8));
        Assert.Equal(0, test.Call(261, 0, 7 /* RLIMIT_NOFILE */, 0, Buffer));
        test.Memory.Write(Buffer, 8, 64);
        Assert.Equal(0, test.Call(261, 0, 7, Buffer, 0));
        Assert.Equal(64, test.Process.Files.Limit);
        Assert.Equal(-Errno.EINVAL, test.Call(261, 0, 99, 0, Buffer));
    }

    [Fact]
    public void ExitGroupEndsTheProcessWithItsCode()
    {
        using var test = TestProcess.Create();
        test.Call(94, 300);
        Assert.True(test.Process.HasExited);
        Assert.Equal(new ProcessExit(300 & 0xFF, 0), test.Process.ExitStatus);
    }

    [Fact]
    public void FutexWaitChecksTheValueAndWakeCountsWaiters()
    {
        using var test = TestProcess.Create();
        test.Memory.Write(Buffer, 4, 5);
        Assert.Equal(-Errno.EAGAIN, test.Call(98, Buffer, 128 /* WAIT_PRIVATE */, 4, 0));
        test.Memory.Write(Buffer + 16, 8, 0);
        test.Memory.Write(Buffer + 24, 8, 1_000_000);
        Assert.Equal(-Errno.ETIMEDOUT, test.Call(98, Buffer, 128, 5, Buffer + 16));
        Assert.Equal(0, test.Call(98, Buffer, 129 /* WAKE_PRIVATE */, 1));
        Assert.Equal(-Errno.EINVAL, test.Call(98, Buffer + 1, 0, 5, 0));
    }

    [Fact]
    public void PrctlNamesTheThread()
    {
        using var test = TestProcess.Create();
        Assert.Equal(0, test.Call(167, 15, test.String("worker-thread-name-long")));
        Assert.Equal(0, test.Call(167, 16, Buffer));
        Assert.Equal("worker-thread-n", test.Memory.TryReadString(Buffer));
    }

    [Fact]
    public void ClocksAndRandomFillGuestMemory()
    {
        using var test = TestProcess.Create();
        Assert.Equal(0, test.Call(113, 0 /* CLOCK_REALTIME */, Buffer));
        var seconds = (long)test.Memory.Read(Buffer, 8);
        Assert.InRange(seconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.Equal(0, test.Call(169, Buffer, 0));   // gettimeofday
        Assert.InRange((long)test.Memory.Read(Buffer + 8, 8), 0, 999_999);
        Assert.Equal(32, test.Call(278, Buffer, 32, 0));
        Assert.Equal(0, test.Call(101, WriteTimespec(test, 0, 1000), 0));            // nanosleep 1 µs
        Assert.Equal(-Errno.EINVAL, test.Call(101, WriteTimespec(test, 0, 1_000_000_000), 0));
    }

    private static ulong WriteTimespec(TestProcess test, long seconds, long nanoseconds)
    {
        var address = Buffer + 0x100;
        test.Memory.Write(address, 8, (ulong)seconds);
        test.Memory.Write(address + 8, 8, (ulong)nanoseconds);
        return address;
    }

    [Fact]
    public void SysinfoAndTimesWork()
    {
        using var test = TestProcess.Create();
        Assert.Equal(0, test.Call(179, Buffer));
        Assert.True(test.Call(153, Buffer) > 0);
    }
}
