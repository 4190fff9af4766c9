using Cross.UserMode.Syscalls;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests.Syscalls;

public class SyscallDispatcherTests
{
    [Fact]
    public void UnknownSyscallsAnswerEnosysWithOneWarningPerNumber()
    {
        using var test = TestProcess.Create();
        Assert.Equal(-Errno.ENOSYS, test.Call(999));
        Assert.Equal(-Errno.ENOSYS, test.Call(999));
        Assert.Equal(-Errno.ENOSYS, test.Call(219));
        var lines = test.Diagnostics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["cross: unsupported syscall 999", "cross: unsupported syscall 219 (keyctl)"], lines);
    }

    [Fact]
    public void RseqIsRefusedQuietly()
    {
        using var test = TestProcess.Create();
        Assert.Equal(-Errno.ENOSYS, test.Call(293, TestProcess.Scratch, 32, 0, 0));
        Assert.Equal("", test.Diagnostics.ToString());
    }

    [Fact]
    public void BadPointersAreEfaultNotCrashes()
    {
        using var test = TestProcess.Create();
        Assert.Equal(-Errno.EFAULT, test.Call(64, 1, 0xDEAD_0000, 10));           // write
        Assert.Equal(-Errno.EFAULT, test.Call(63, 0, ulong.MaxValue - 5, 100));    // read
        Assert.Equal(-Errno.EFAULT, test.Call(56, unchecked((ulong)-100), 0x10, 0, 0)); // openat
        Assert.Equal(-Errno.EFAULT, test.Call(160, 0x8));                          // uname
        Assert.Equal(-Errno.EFAULT, test.Call(113, 1, 0x1_0000_0000_0000));        // clock_gettime
    }

    [Fact]
    public void StraceLogsCallsWithDecodedArguments()
    {
        var log = new StringWriter();
        using var test = TestProcess.Create(configure: o => o with { Strace = log });
        test.Call(56, unchecked((ulong)-100), test.String("/nonexistent/file"), 0, 0);
        test.Call(172);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{test.Process.Pid} openat(-100,\"/nonexistent/file\",0x0,00) = -1 ENOENT", lines[0]);
        Assert.Equal($"{test.Process.Pid} getpid() = {test.Process.Pid}", lines[1]);
    }
}
