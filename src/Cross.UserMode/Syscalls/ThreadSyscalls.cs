using System.Buffers.Binary;

namespace Cross.UserMode.Syscalls;

/// <summary>
/// Threads: clone and clone3 for new threads (CLONE_VM | CLONE_THREAD, what pthread_create asks
/// for), exit of one thread and of the whole group, thread ids, and the robust futex list.
/// Clones that make a new process (fork, vfork, posix_spawn) go to <see cref="ProcessCreationSyscalls.Fork"/>.
/// </summary>
internal static class ThreadSyscalls
{
    private const ulong CloneVm = 0x100, CloneFs = 0x200, CloneFiles = 0x400, CloneSighand = 0x800, ClonePidfd = 0x1000,
        ClonePtrace = 0x2000, CloneVfork = 0x4000, CloneParent = 0x8000, CloneThread = 0x10000, CloneSysvsem = 0x40000,
        CloneSettls = 0x80000, CloneParentSettid = 0x100000, CloneChildCleartid = 0x200000, CloneDetached = 0x400000,
        CloneUntraced = 0x800000, CloneChildSettid = 0x1000000, CloneIo = 0x80000000;

    /// <summary>The low byte of clone's flags: the signal the parent gets when a child process ends.</summary>
    private const ulong ExitSignalMask = 0xff;

    /// <summary>What a thread must share with its creator here: we have one memory, one file table, one set of handlers.</summary>
    private const ulong ThreadFlags = CloneVm | CloneFs | CloneFiles | CloneSighand | CloneThread;

    /// <summary>Flags a thread clone may add: honoured (TLS, tid words) or meaningless here (SysV semaphores, tracing, I/O context).</summary>
    private const ulong OptionalThreadFlags = CloneSysvsem | CloneSettls | CloneParentSettid | CloneChildCleartid | CloneChildSettid
        | CloneDetached | CloneParent | ClonePtrace | CloneUntraced | CloneIo;

    /// <summary>struct clone_args: the first version's size, the size we know (up to cgroup), and the largest the kernel takes.</summary>
    private const int CloneArgsSizeVersion0 = 64, CloneArgsSizeKnown = 88, CloneArgsSizeLimit = 4096;

    public static void Register(SyscallTableBuilder table)
    {
        table.Add("clone", "xpppp", Clone)
            .Add("clone3", "pu", Clone3)
            .Add("exit", "d", Exit)
            .Add("exit_group", "d", ExitGroup)
            .Add("gettid", "", call => call.Thread.Tid)
            .Add("set_tid_address", "p", SetTidAddress)
            .Add("set_robust_list", "pu", SetRobustList)
            .Add("get_robust_list", "dpp", GetRobustList);
    }

    /// <summary>
    /// clone(flags, stack, parent_tid, tls, child_tid): the argument order of riscv64 and aarch64
    /// (Linux's CONFIG_CLONE_BACKWARDS order, which both use).
    /// </summary>
    private static long Clone(SyscallCall call) =>
        CreateThread(call, call[0] & ~ExitSignalMask, call[0] & ExitSignalMask, stackPointer: call[1], parentTid: call[2], tls: call[3], childTid: call[4]);

    /// <summary>clone3(struct clone_args *, size): the same thread clone, with the stack given as base and size.</summary>
    private static long Clone3(SyscallCall call)
    {
        var size = call[1];
        if (size < CloneArgsSizeVersion0) return -Errno.EINVAL;
        if (size > CloneArgsSizeLimit) return -Errno.E2BIG;
        var bytes = new byte[size];
        if (!call.TryReadIn(call[0], bytes)) return -Errno.EFAULT;
        // A newer guest's fields we do not know must be zero, as the kernel requires.
        if (bytes.AsSpan(Math.Min((int)size, CloneArgsSizeKnown)).ContainsAnyExcept((byte)0)) return -Errno.E2BIG;
        ulong Field(int index) => index * 8 + 8 <= bytes.Length ? BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(index * 8)) : 0;
        var flags = Field(0);
        var childTid = Field(2);
        var parentTid = Field(3);
        var exitSignal = Field(4);
        var stack = Field(5);
        var stackSize = Field(6);
        var tls = Field(7);
        var setTidCount = Field(9);
        if ((flags & ExitSignalMask) != 0 || exitSignal > ExitSignalMask || setTidCount != 0) return -Errno.EINVAL;
        if ((stack == 0) != (stackSize == 0)) return -Errno.EINVAL;
        return CreateThread(call, flags, exitSignal, stack == 0 ? 0 : stack + stackSize, parentTid, tls, childTid);
    }

    private static long CreateThread(SyscallCall call, ulong flags, ulong exitSignal, ulong stackPointer, ulong parentTid, ulong tls, ulong childTid)
    {
        // The kernel's own consistency rules come first.
        if ((flags & CloneThread) != 0 && (flags & CloneSighand) == 0) return -Errno.EINVAL;
        if ((flags & CloneSighand) != 0 && (flags & CloneVm) == 0) return -Errno.EINVAL;
        var process = call.Process;
        if ((flags & CloneThread) == 0) return ProcessCreationSyscalls.Fork(call, flags, exitSignal, stackPointer, parentTid, tls, childTid);
        if ((flags & ThreadFlags) != ThreadFlags || (flags & ~(ThreadFlags | OptionalThreadFlags)) != 0)
        {
            process.WarnOnce($"clone flags {flags:x}", $"unsupported clone flags 0x{flags:x} for a thread");
            return -Errno.EINVAL;
        }

        var parent = call.Thread;
        var child = process.StartThread(parent, child =>
        {
            process.Abi.InitializeCloneChild(child.Context.State, stackPointer, (flags & CloneSettls) != 0 ? tls : null);
            if ((flags & CloneChildCleartid) != 0) child.ClearChildTid = childTid;
            // Linux ignores unwritable tid addresses here (the child faults later if it uses them).
            if ((flags & CloneParentSettid) != 0) WriteTid(call, parentTid, child.Tid);
            if ((flags & CloneChildSettid) != 0) WriteTid(call, childTid, child.Tid);
        });
        return child is null ? -Errno.EAGAIN : child.Tid;
    }

    private static void WriteTid(SyscallCall call, ulong address, int tid)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, tid);
        call.WriteOut(address, bytes);
    }

    /// <summary>exit: ends only the calling thread (the process ends with its last thread).</summary>
    private static long Exit(SyscallCall call)
    {
        call.Thread.MarkExited(call.Int(0) & 0xff);
        return 0;
    }

    private static long ExitGroup(SyscallCall call)
    {
        call.Process.Terminate(ProcessExit.Exited(call.Int(0)));
        return 0;
    }

    private static long SetTidAddress(SyscallCall call)
    {
        call.Thread.ClearChildTid = call[0];
        return call.Thread.Tid;
    }

    private static long SetRobustList(SyscallCall call)
    {
        if (call[1] != RobustFutexList.HeadSize) return -Errno.EINVAL;
        call.Thread.RobustList = call[0];
        return 0;
    }

    /// <summary>get_robust_list(tid, head **, size_t *): tid 0 is the caller.</summary>
    private static long GetRobustList(SyscallCall call)
    {
        var tid = call.Int(0);
        var thread = tid == 0 ? call.Thread : call.Process.Threads.FirstOrDefault(t => t.Tid == tid);
        if (thread is null) return -Errno.ESRCH;
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, thread.RobustList);
        if (call.WriteOut(call[1], bytes) < 0) return -Errno.EFAULT;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, RobustFutexList.HeadSize);
        return call.WriteOut(call[2], bytes);
    }
}
