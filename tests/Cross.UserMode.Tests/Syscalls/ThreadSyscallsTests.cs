using Cross.UserMode.Syscalls;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests.Syscalls;

/// <summary>clone, clone3 and the robust list through the dispatcher (thread creation itself is covered by the pthread programs).</summary>
public class ThreadSyscallsTests
{
    private const int NrClone = 220, NrClone3 = 435, NrSetRobustList = 99, NrGetRobustList = 100;
    private const ulong CloneVm = 0x100, CloneFs = 0x200, CloneFiles = 0x400, CloneSighand = 0x800, CloneThread = 0x10000,
        CloneNewns = 0x20000, SigChld = 17;

    private const ulong Buffer = TestProcess.Scratch + 0x2000;

    [Fact]
    public void InconsistentCloneFlagsAreInvalid()
    {
        using var test = TestProcess.Create();
        Assert.Equal(-Errno.EINVAL, test.Call(NrClone, CloneThread | CloneVm));              // CLONE_THREAD without CLONE_SIGHAND
        Assert.Equal(-Errno.EINVAL, test.Call(NrClone, CloneSighand | CloneThread));         // CLONE_SIGHAND without CLONE_VM
        Assert.Equal(-Errno.EINVAL, test.Call(NrClone, CloneVm | CloneSighand | CloneThread)); // a thread that would not share files
        Assert.Equal(-Errno.EINVAL, test.Call(NrClone, CloneVm | CloneFs | CloneFiles | CloneSighand | CloneThread | CloneNewns));
        Assert.Single(test.Process.Threads);
    }

    [Fact]
    public void ForkWithoutACommandToStartTheEmulatorFailsCleanly()
    {
        // Fork starts the emulator again (UserModeOptions.HostCommand); a process without one cannot fork.
        using var test = TestProcess.Create();
        Assert.Equal(-Errno.ENOSYS, test.Call(NrClone, SigChld));
        Assert.Contains("fork is not available", test.Diagnostics.ToString());
    }

    [Fact]
    public void Clone3ChecksItsArgumentStruct()
    {
        using var test = TestProcess.Create();
        Assert.Equal(-Errno.EINVAL, test.Call(NrClone3, Buffer, 32));
        Assert.Equal(-Errno.E2BIG, test.Call(NrClone3, Buffer, 8192));
        Assert.Equal(-Errno.EFAULT, test.Call(NrClone3, 0x10, 88));
        test.Memory.WriteBytes(Buffer, new byte[128]);
        test.Memory.Write(Buffer + 100, 1, 1);   // a non-zero field this version does not know
        Assert.Equal(-Errno.E2BIG, test.Call(NrClone3, Buffer, 128));
        test.Memory.Write(Buffer + 100, 1, 0);
        test.Memory.Write(Buffer + 40, 8, 0x1000); // a stack base without a size
        Assert.Equal(-Errno.EINVAL, test.Call(NrClone3, Buffer, 88));
    }

    [Fact]
    public void GetRobustListReadsBackWhatWasSet()
    {
        using var test = TestProcess.Create();
        Assert.Equal(0, test.Call(NrSetRobustList, Buffer, 24));
        Assert.Equal(0, test.Call(NrGetRobustList, 0, Buffer + 0x100, Buffer + 0x108));
        Assert.Equal(Buffer, test.Memory.Read(Buffer + 0x100, 8));
        Assert.Equal(24UL, test.Memory.Read(Buffer + 0x108, 8));
        Assert.Equal(-Errno.ESRCH, test.Call(NrGetRobustList, 1, Buffer + 0x100, Buffer + 0x108));
        Assert.Equal(-Errno.EFAULT, test.Call(NrGetRobustList, 0, 0x10, Buffer + 0x108));
    }

    [Fact]
    public void ADeadThreadsRobustLocksAreMarkedOwnerDied()
    {
        using var test = TestProcess.Create();
        var thread = test.Process.MainThread;
        var memory = test.Memory;
        // head -> A -> B -> head; each entry's futex word is 8 bytes after it (futex_offset 8).
        const ulong head = Buffer, a = Buffer + 0x40, b = Buffer + 0x80, pending = Buffer + 0xC0;
        memory.Write(head, 8, a);
        memory.Write(head + 8, 8, 8);
        memory.Write(head + 16, 8, pending);
        memory.Write(a, 8, b);
        memory.Write(b, 8, head);
        memory.Write(a + 8, 4, (ulong)thread.Tid | RobustFutexList.Waiters);
        memory.Write(b + 8, 4, 12345);                                 // another thread's lock: untouched
        memory.Write(pending + 8, 4, (ulong)thread.Tid);
        thread.RobustList = head;
        RobustFutexList.Release(test.Process, thread);
        Assert.Equal((ulong)(RobustFutexList.OwnerDied | RobustFutexList.Waiters), memory.Read(a + 8, 4));
        Assert.Equal(12345UL, memory.Read(b + 8, 4));
        Assert.Equal((ulong)RobustFutexList.OwnerDied, memory.Read(pending + 8, 4));
    }

    [Fact]
    public void ACyclicOrBrokenRobustListEndsTheWalk()
    {
        using var test = TestProcess.Create();
        var thread = test.Process.MainThread;
        var memory = test.Memory;
        const ulong head = Buffer, a = Buffer + 0x40;
        memory.Write(head, 8, a);
        memory.Write(head + 8, 8, 8);
        memory.Write(head + 16, 8, 0);
        memory.Write(a, 8, a);                                         // a loop that never reaches the head
        memory.Write(a + 8, 4, (ulong)thread.Tid);
        thread.RobustList = head;
        RobustFutexList.Release(test.Process, thread);
        Assert.Equal((ulong)RobustFutexList.OwnerDied, memory.Read(a + 8, 4));

        memory.Write(a, 8, 0x10);                                      // into unmapped memory
        thread.RobustList = head;
        RobustFutexList.Release(test.Process, thread);
        thread.RobustList = 0x10;                                      // the head itself unmapped
        RobustFutexList.Release(test.Process, thread);
    }
}
