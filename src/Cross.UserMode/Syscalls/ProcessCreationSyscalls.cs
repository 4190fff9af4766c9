using System.Buffers.Binary;
using System.Text;
using Cross.Core.Memory;
using Cross.UserMode.Files;
using Cross.UserMode.Native;
using Cross.UserMode.Processes;

namespace Cross.UserMode.Syscalls;

/// <summary>
/// New processes: fork (clone without CLONE_THREAD, vfork, clone3 alike) starts a new host
/// emulator that takes over a copy of the guest; execve replaces the host process with a new
/// emulator running the new program (same pid); wait4 and waitid wait for those host processes.
/// Both need <see cref="UserModeOptions.HostCommand"/> to start the emulator; without it they answer ENOSYS.
/// </summary>
internal static class ProcessCreationSyscalls
{
    private const ulong CloneVm = 0x100, CloneFs = 0x200, CloneFiles = 0x400, CloneSighand = 0x800, ClonePidfd = 0x1000,
        CloneVfork = 0x4000, CloneSettls = 0x80000, CloneParentSettid = 0x100000, CloneChildCleartid = 0x200000,
        CloneChildSettid = 0x1000000, CloneNewNamespaces = 0x7E020000;

    private const int AtEmptyPath = 0x1000, AtSymlinkNofollow = 0x100;
    private const int OCloexec = 0x80000, FSetfd = 2, FGetfd = 1, FdCloexec = 1;

    /// <summary>MAX_ARG_STRLEN and the total Linux allows by default (a quarter of an 8 MiB stack).</summary>
    private const int ArgumentMax = 128 * 1024, ArgumentsTotalMax = 2 * 1024 * 1024;

    public static void Register(SyscallTableBuilder table)
    {
        table.Add("execve", "spp", call => Execve(call, GuestFileTable.AtFdCwd, call[0], call[1], call[2], 0))
            .Add("execveat", "dsppx", call => Execve(call, call.Int(0), call[1], call[2], call[3], call.Int(4)))
            .Add("wait4", "dpxp", Wait4)
            .Add("waitid", "ddpxp", Waitid);
    }

    /// <summary>fork, vfork, posix_spawn's clone: a copy of this process in a new host emulator. Returns the child's pid.</summary>
    public static long Fork(SyscallCall call, ulong flags, ulong exitSignal, ulong stackPointer, ulong parentTid, ulong tls, ulong childTid)
    {
        var process = call.Process;
        if (process.Options.HostCommand is not { } command)
        {
            process.WarnOnce("fork", "fork is not available: no command to start the emulator with");
            return -Errno.ENOSYS;
        }
        // Sharing files, the working directory or handlers with another process cannot be kept up across host processes.
        if ((flags & (CloneFs | CloneFiles | CloneSighand | ClonePidfd | CloneNewNamespaces)) != 0)
        {
            process.WarnOnce($"clone process flags {flags:x}", $"unsupported clone flags 0x{flags:x} for a new process");
            return -Errno.EINVAL;
        }
        // CLONE_VM without a thread (vfork, posix_spawn) gets a copy too: the child only runs until it execs or exits,
        // and the parent waits for that, so nothing can tell the copy from sharing but writes the parent would see.
        var vfork = (flags & CloneVfork) != 0;
        var pipe = new int[2];
        if (vfork && Libc.Pipe2(pipe, OCloexec) < 0) return -Libc.Errno;
        int pid;
        try
        {
            using var state = TransferFile.Create("cross-fork");
            var setup = new ForkChildSetup(
                stackPointer,
                (flags & CloneSettls) != 0 ? tls : null,
                (flags & CloneChildSettid) != 0 ? childTid : 0,
                (flags & CloneChildCleartid) != 0 ? childTid : 0,
                vfork ? pipe[1] : -1);
            try
            {
                ForkImage.Write(process, call.Thread, setup, state);
                state.Rewind();
            }
            catch (IOException e)
            {
                process.Warn($"fork: {e.Message}");
                return -Errno.ENOMEM;
            }
            var inherit = process.Files.Snapshot().Select(f => f.HostFd).Append(process.Files.WorkingDirectoryHostFd).Append(state.HostFd);
            if (vfork) inherit = inherit.Append(pipe[1]);
            lock (process.SpawnLock) pid = HostLauncher.Spawn([.. command, "--resume-fork", state.HostFd.ToString()], inherit);
            if (pid < 0) return pid == -Errno.ENOMEM ? -Errno.ENOMEM : -Errno.EAGAIN;
            process.Children.Add(pid, (int)exitSignal);
        }
        finally
        {
            if (vfork) Libc.Close(pipe[1]);
        }
        if (vfork)
        {
            // The child closes its end by exec'ing or exiting (its copy is close-on-exec).
            var buffer = new byte[1];
            while (true)
            {
                var n = ReadOnce(pipe[0], buffer);
                if (n > 0 || (n < 0 && Libc.Errno == Errno.EINTR)) continue;
                break;
            }
            Libc.Close(pipe[0]);
        }
        if ((flags & CloneParentSettid) != 0)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, pid);
            call.WriteOut(parentTid, bytes);
        }
        return pid;
    }

    private static unsafe long ReadOnce(int fd, byte[] buffer)
    {
        // Safe: the one-byte buffer is pinned for the call.
        fixed (byte* pointer = buffer) return Libc.Read(fd, (nint)pointer, 1);
    }

    /// <summary>execve / execveat: on success this host process becomes the emulator running the new program and never returns here.</summary>
    private static long Execve(SyscallCall call, int dirFd, ulong pathAddress, ulong argvAddress, ulong envpAddress, int flags)
    {
        var process = call.Process;
        if ((flags & ~(AtEmptyPath | AtSymlinkNofollow)) != 0) return -Errno.EINVAL;
        if (!call.TryReadPathAt(pathAddress, out var path, out var error)) return error;
        var argv = ReadStrings(call, argvAddress, out error);
        if (argv is null) return error;
        var envp = ReadStrings(call, envpAddress, out error);
        if (envp is null) return error;
        if (argv.Sum(a => a.Length + 1) + envp.Sum(e => e.Length + 1) > ArgumentsTotalMax) return -Errno.E2BIG;
        var emptyPath = path.Length == 1 && (flags & AtEmptyPath) != 0;
        if (path.Length == 1 && !emptyPath) return -Errno.ENOENT;

        var resolved = ExecTarget.Resolve(process, dirFd, path, argv, emptyPath, out var hostPath, out var finalArgv);
        if (resolved != 0) return resolved;
        if (process.Options.HostCommand is not { } command)
        {
            process.WarnOnce("execve", "execve is not available: no command to start the emulator with");
            return -Errno.ENOSYS;
        }

        using var state = TransferFile.Create("cross-exec");
        try
        {
            ExecImage.Write(process, call.Thread, hostPath, finalArgv, envp, state);
            state.Rewind();
        }
        catch (IOException e)
        {
            process.Warn($"execve: {e.Message}");
            return -Errno.ENOMEM;
        }
        // Shared file mappings reach their files before the image goes away.
        process.Memory.Sync(0, process.Memory.Space.Size);

        lock (process.SpawnLock)
        {
            // The descriptors the new program keeps (and the state) must survive the host execve.
            var kept = process.Files.Snapshot().Where(f => !f.CloseOnExec).Select(f => f.HostFd)
                .Append(process.Files.WorkingDirectoryHostFd).Append(state.HostFd).Distinct().ToArray();
            var previous = kept.Select(fd => Libc.Fcntl(fd, FGetfd, 0)).ToArray();
            foreach (var fd in kept) Libc.Fcntl(fd, FSetfd, 0);
            var result = HostLauncher.Exec([.. command, "--resume-exec", state.HostFd.ToString()]);
            // Still here: the host execve failed; put everything back.
            for (var i = 0; i < kept.Length; i++)
                if (previous[i] >= 0) Libc.Fcntl(kept[i], FSetfd, previous[i]);
            process.Warn($"execve: cannot start the emulator (errno {-result})");
            return result;
        }
    }

    /// <summary>A NULL-terminated guest array of string pointers (argv, envp); NULL itself is an empty array. Null on a bad pointer.</summary>
    private static List<string>? ReadStrings(SyscallCall call, ulong address, out long error)
    {
        error = 0;
        var values = new List<string>();
        if (address == 0) return values;
        var total = 0L;
        var pointer = new byte[8];
        for (var i = 0; ; i++)
        {
            if (!call.TryReadIn(address + (ulong)i * 8, pointer))
            {
                error = -Errno.EFAULT;
                return null;
            }
            var item = BinaryPrimitives.ReadUInt64LittleEndian(pointer);
            if (item == 0) return values;
            var bytes = call.Memory.TryReadCString(item, ArgumentMax - 1, out var tooLong);
            if (bytes is null)
            {
                error = tooLong ? -Errno.E2BIG : -Errno.EFAULT;
                return null;
            }
            total += bytes.Length + 1 + 8;
            if (total > ArgumentsTotalMax)
            {
                error = -Errno.E2BIG;
                return null;
            }
            values.Add(Encoding.UTF8.GetString(bytes));
        }
    }

    /// <summary>wait4(pid, status *, options, rusage *): the status word and struct rusage have the same layout on every 64-bit Linux.</summary>
    private static long Wait4(SyscallCall call)
    {
        const int RusageSize = 144, Known = 0x1 | 0x2 | 0x8 | 0x01000000 | 0x20000000 | 0x40000000 | unchecked((int)0x80000000);
        var options = call.Int(2);
        if ((options & ~Known) != 0) return -Errno.EINVAL;
        if (call[1] != 0 && !call.Memory.CanAccess(call[1], 4, MemoryAccessType.Write)) return -Errno.EFAULT;
        if (call[3] != 0 && !call.Memory.CanAccess(call[3], RusageSize, MemoryAccessType.Write)) return -Errno.EFAULT;
        var usage = call[3] != 0 ? new byte[RusageSize] : null;
        var pid = call.Process.Children.Wait4(call.Thread, call.Int(0), options, out var status, usage);
        if (pid > 0)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, status);
            if (call[1] != 0 && call.WriteOut(call[1], bytes) < 0) return -Errno.EFAULT;
            if (usage is not null && call.WriteOut(call[3], usage) < 0) return -Errno.EFAULT;
        }
        return pid;
    }

    /// <summary>waitid(idtype, id, siginfo *, options, rusage *): the rusage (a Linux extension) is reported as zero.</summary>
    private static long Waitid(SyscallCall call)
    {
        const int RusageSize = 144, WaitKinds = 0x2 | 0x4 | 0x8;
        var options = call.Int(3);
        if ((options & WaitKinds) == 0) return -Errno.EINVAL;
        var info = new byte[Signals.SignalInfo.Size];
        var result = call.Process.Children.Waitid(call.Thread, call.Int(0), call.Int(1), options, info);
        if (result < 0) return result;
        if (call[2] != 0 && call.WriteOut(call[2], info) < 0) return -Errno.EFAULT;
        if (call[4] != 0 && call.WriteOut(call[4], new byte[RusageSize]) < 0) return -Errno.EFAULT;
        return 0;
    }
}
