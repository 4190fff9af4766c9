using System.Buffers.Binary;
using Cross.Core.Memory;
using Cross.UserMode.Native;

namespace Cross.UserMode.Syscalls;

/// <summary>Descriptor management: dup, fcntl, ioctl, pipes, and waiting on descriptors (ppoll, pselect6).</summary>
internal static partial class FileSyscalls
{
    private const int FDupfd = 0, FGetfd = 1, FSetfd = 2, FGetfl = 3, FSetfl = 4, FGetlk = 5, FSetlk = 6, FSetlkw = 7,
        FSetown = 8, FGetown = 9, FSetsig = 10, FGetsig = 11, FOfdGetlk = 36, FOfdSetlk = 37, FOfdSetlkw = 38,
        FSetlease = 1024, FGetlease = 1025, FDupfdCloexec = 1030, FSetpipeSz = 1031, FGetpipeSz = 1032, FAddSeals = 1033, FGetSeals = 1034;

    private const int FdCloexec = 1;

    /// <summary>struct flock: l_type i16, l_whence i16, pad, l_start i64, l_len i64, l_pid i32, pad (the same on generic and x86-64).</summary>
    private const int FlockSize = 32;

    /// <summary>How long one host poll waits before checking for guest signals.</summary>
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(50);

    private const short PollIn = 0x1, PollPri = 0x2, PollOut = 0x4, PollErr = 0x8, PollHup = 0x10, PollNval = 0x20;

    private static void RegisterDescriptors(SyscallTableBuilder table)
    {
        table.Add("dup", "d", call => call.Process.Files.Duplicate(call.Int(0), 0, closeOnExec: false))
            .Add("dup3", "ddx", Dup3)
            .Add("fcntl", "ddx", Fcntl)
            .Add("ioctl", "dxp", Ioctl)
            .Add("pipe2", "px", Pipe2)
            .Add("ppoll", "pupp", Ppoll)
            .Add("pselect6", "dppppp", Pselect6);
    }

    private static long Dup3(SyscallCall call)
    {
        var flags = call.Int(2);
        if ((flags & ~OCloexec) != 0 || call.Int(0) == call.Int(1)) return -Errno.EINVAL;
        return call.Process.Files.DuplicateTo(call.Int(0), call.Int(1), (flags & OCloexec) != 0);
    }

    private static long Fcntl(SyscallCall call)
    {
        var files = call.Process.Files;
        var fd = call.Int(0);
        if (!files.TryGetHost(fd, out var hostFd)) return -Errno.EBADF;
        var command = call.Int(1);
        switch (command)
        {
            case FDupfd:
            case FDupfdCloexec:
                return files.Duplicate(fd, call.Int(2), command == FDupfdCloexec);
            case FGetfd:
                return files.GetCloseOnExec(fd) == true ? FdCloexec : 0;
            case FSetfd:
                files.SetCloseOnExec(fd, (call.Int(2) & FdCloexec) != 0);
                return 0;
            case FGetfl:
            {
                var hostFlags = Libc.Fcntl(hostFd, command, 0);
                return hostFlags < 0 ? SyscallCall.HostResult(hostFlags) : call.Process.Abi.GuestOpenFlags(hostFlags);
            }
            case FSetfl:
                return SyscallCall.HostResult(Libc.Fcntl(hostFd, command, call.Process.Abi.HostOpenFlags(call.Int(2))));
            case FSetown or FGetown or FSetsig or FGetsig or FSetlease or FGetlease
                or FSetpipeSz or FGetpipeSz or FAddSeals or FGetSeals:
                return SyscallCall.HostResult(Libc.Fcntl(hostFd, command, call.Long(2)));
            case FGetlk or FSetlk or FSetlkw or FOfdGetlk or FOfdSetlk or FOfdSetlkw:
                if (!call.TryBuffer(call[2], FlockSize, MemoryAccessType.Write, out var flock)) return -Errno.EFAULT;
                return SyscallCall.HostResult(Libc.Fcntl(hostFd, command, flock));
            default:
                return -Errno.EINVAL;
        }
    }

    /// <summary>
    /// The terminal and FIO ioctls whose argument structs are the same for the guest and the host
    /// are passed through; terminal requests on anything but a terminal answer ENOTTY (how isatty
    /// works). Anything else answers ENOTTY, with one warning per request number.
    /// </summary>
    private static long Ioctl(SyscallCall call)
    {
        if (!call.TryHostFd(0, out var fd)) return -Errno.EBADF;
        var request = call[1] & 0xFFFF_FFFF;
        var size = request switch
        {
            0x5401 or 0x5402 or 0x5403 or 0x5404 => 36,    // TCGETS, TCSETS, TCSETSW, TCSETSF: struct termios
            0x5413 or 0x5414 => 8,                          // TIOCGWINSZ, TIOCSWINSZ: struct winsize
            0x540F or 0x5410 => 4,                          // TIOCGPGRP, TIOCSPGRP: pid_t
            0x5429 => 4,                                    // TIOCGSID
            0x541B or 0x5421 => 4,                          // FIONREAD, FIONBIO: int
            0x5450 or 0x5451 => 0,                          // FIONCLEX, FIOCLEX
            _ => -1,
        };
        if (request is 0x5450 or 0x5451)
        {
            call.Process.Files.SetCloseOnExec(call.Int(0), request == 0x5451);
            return 0;
        }
        if (size < 0)
        {
            call.Process.WarnOnce($"ioctl 0x{request:x}", $"unsupported ioctl 0x{request:x} (answered ENOTTY)");
            return -Errno.ENOTTY;
        }
        var terminal = request is not (0x541B or 0x5421);
        if (terminal && Libc.Isatty(fd) == 0) return -Errno.ENOTTY;
        if (!call.TryBuffer(call[2], (ulong)size, MemoryAccessType.Write, out var argument)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.Ioctl(fd, request, argument));
    }

    private static long Pipe2(SyscallCall call)
    {
        var flags = call.Int(1);
        if (!call.Memory.CanAccess(call[0], 8, MemoryAccessType.Write)) return -Errno.EFAULT;
        var fds = new int[2];
        if (Libc.Pipe2(fds, flags | OCloexec) < 0) return -Libc.Errno;
        var files = call.Process.Files;
        var cloexec = (flags & OCloexec) != 0;
        var read = files.Add(fds[0], closeOnExec: cloexec);
        if (read < 0)
        {
            Libc.Close(fds[1]);
            return read;
        }
        var write = files.Add(fds[1], closeOnExec: cloexec);
        if (write < 0)
        {
            files.Close(read);
            return write;
        }
        var result = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(result, read);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(4), write);
        return call.WriteOut(call[0], result);
    }

    /// <summary>
    /// ppoll: guest descriptors in struct pollfd (i32 fd, i16 events, i16 revents) are translated
    /// to host ones; a descriptor the guest does not have reports POLLNVAL. The wait ends early
    /// with EINTR when a signal arrives, and the optional signal mask applies while it waits.
    /// </summary>
    private static long Ppoll(SyscallCall call)
    {
        var count = call[1];
        if (count > (ulong)call.Process.Limits.Get(ResourceLimits.NoFile).Current) return -Errno.EINVAL;
        var guest = new byte[(int)count * 8];
        if (!call.TryReadIn(call[0], guest)) return -Errno.EFAULT;
        TimeSpan? timeout = null;
        if (call[2] != 0)
        {
            var timespec = new byte[16];
            if (!call.TryReadIn(call[2], timespec)) return -Errno.EFAULT;
            var seconds = BinaryPrimitives.ReadInt64LittleEndian(timespec);
            var nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(timespec.AsSpan(8));
            if (seconds < 0 || nanoseconds is < 0 or >= 1_000_000_000) return -Errno.EINVAL;
            timeout = TimeSyscalls.ToTimeSpan(seconds, nanoseconds);
        }
        if (call[3] != 0)
        {
            if (call[4] != 8) return -Errno.EINVAL;
            if (!TryUseTemporaryMask(call, call[3])) return -Errno.EFAULT;
        }

        var result = Poll(call, guest, (int)count, timeout);
        EndTemporaryMask(call, result);
        if (result < 0) return result;
        return call.WriteOut(call[0], guest) is var r and < 0 ? r : result;
    }

    /// <summary>Installs the signal mask at <paramref name="maskAddress"/> for the duration of a wait (ppoll, pselect6).</summary>
    private static bool TryUseTemporaryMask(SyscallCall call, ulong maskAddress)
    {
        var bytes = new byte[8];
        if (!call.TryReadIn(maskAddress, bytes)) return false;
        var thread = call.Thread;
        thread.SavedMask = thread.BlockedSignals;
        thread.BlockedSignals = new Signals.SignalSet(BinaryPrimitives.ReadUInt64LittleEndian(bytes)).Except(Signals.SignalSet.Unblockable);
        return true;
    }

    /// <summary>Puts the mask back unless a signal interrupted the wait (then the handler's frame restores it).</summary>
    private static void EndTemporaryMask(SyscallCall call, long result)
    {
        var thread = call.Thread;
        if (thread.SavedMask is not { } saved || result == -Errno.EINTR) return;
        thread.BlockedSignals = saved;
        thread.SavedMask = null;
    }

    /// <summary>
    /// Polls pollfd records in place (guest descriptor numbers in and out). Returns the ready
    /// count, -EINTR when a signal the thread does not block arrives first, or another -errno.
    /// </summary>
    private static long Poll(SyscallCall call, byte[] records, int count, TimeSpan? timeout)
    {
        var signals = call.Process.Signals;
        var thread = call.Thread;
        if (count == 0)
            return signals.WaitForSignal(thread, thread.BlockedSignals, timeout) || call.Process.HasExited ? -Errno.EINTR : 0;

        var host = new byte[records.Length];
        var invalid = 0;
        for (var i = 0; i < count; i++)
        {
            var record = records.AsSpan(i * 8, 8);
            var fd = BinaryPrimitives.ReadInt32LittleEndian(record);
            var events = BinaryPrimitives.ReadInt16LittleEndian(record[4..]);
            var hostFd = -1;
            if (fd >= 0 && !call.Process.Files.TryGetHost(fd, out hostFd))
            {
                hostFd = -1;
                invalid++;
            }
            BinaryPrimitives.WriteInt32LittleEndian(host.AsSpan(i * 8), hostFd);
            BinaryPrimitives.WriteInt16LittleEndian(host.AsSpan(i * 8 + 4), events);
        }

        // Wait in short host polls so a guest signal can end the wait, as it would on Linux.
        var deadline = invalid > 0 ? DateTime.UtcNow : timeout is { } t && t < TimeSpan.FromDays(365) ? DateTime.UtcNow + t : DateTime.MaxValue;
        int ready;
        while (true)
        {
            var remaining = deadline == DateTime.MaxValue ? PollSlice : deadline - DateTime.UtcNow;
            if (remaining < TimeSpan.Zero) remaining = TimeSpan.Zero;
            var slice = remaining < PollSlice ? remaining : PollSlice;
            var timespec = new byte[16];
            BinaryPrimitives.WriteInt64LittleEndian(timespec, slice.Ticks / TimeSpan.TicksPerSecond);
            BinaryPrimitives.WriteInt64LittleEndian(timespec.AsSpan(8), slice.Ticks % TimeSpan.TicksPerSecond * 100);
            ready = Libc.Ppoll(host, (nuint)count, timespec, 0);
            if (ready < 0)
            {
                var errno = Libc.Errno;
                if (errno != Errno.EINTR) return -errno;
                ready = 0;
            }
            if (ready > 0 || invalid > 0 || DateTime.UtcNow >= deadline) break;
            if (!signals.PendingFor(thread).Except(thread.BlockedSignals).IsEmpty || call.Process.HasExited) return -Errno.EINTR;
        }

        for (var i = 0; i < count; i++)
        {
            var fd = BinaryPrimitives.ReadInt32LittleEndian(records.AsSpan(i * 8));
            var revents = BinaryPrimitives.ReadInt16LittleEndian(host.AsSpan(i * 8 + 6));
            if (fd >= 0 && BinaryPrimitives.ReadInt32LittleEndian(host.AsSpan(i * 8)) < 0)
            {
                revents = PollNval;
                ready++;
            }
            BinaryPrimitives.WriteInt16LittleEndian(records.AsSpan(i * 8 + 6), revents);
        }
        return ready;
    }

    /// <summary>pselect6, done with poll: each descriptor in the fd_sets becomes a pollfd and the results are folded back.</summary>
    private static long Pselect6(SyscallCall call)
    {
        var n = call.Int(0);
        if (n < 0 || n > call.Process.Files.Limit) return -Errno.EINVAL;
        var setBytes = (n + 63) / 64 * 8;
        var sets = new byte[3][];
        for (var s = 0; s < 3; s++)
        {
            if (call[1 + s] == 0) continue;
            sets[s] = new byte[setBytes];
            if (!call.TryReadIn(call[1 + s], sets[s])) return -Errno.EFAULT;
        }
        TimeSpan? timeout = null;
        if (call[4] != 0)
        {
            var timespec = new byte[16];
            if (!call.TryReadIn(call[4], timespec)) return -Errno.EFAULT;
            var seconds = BinaryPrimitives.ReadInt64LittleEndian(timespec);
            var nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(timespec.AsSpan(8));
            if (seconds < 0 || nanoseconds is < 0 or >= 1_000_000_000) return -Errno.EINVAL;
            timeout = TimeSyscalls.ToTimeSpan(seconds, nanoseconds);
        }
        if (call[5] != 0)
        {
            // The sixth argument points at { const sigset_t *ss; size_t ss_len; }.
            var pair = new byte[16];
            if (!call.TryReadIn(call[5], pair)) return -Errno.EFAULT;
            var mask = BinaryPrimitives.ReadUInt64LittleEndian(pair);
            if (mask != 0)
            {
                if (BinaryPrimitives.ReadUInt64LittleEndian(pair.AsSpan(8)) != 8) return -Errno.EINVAL;
                if (!TryUseTemporaryMask(call, mask)) return -Errno.EFAULT;
            }
        }

        bool IsSet(int s, int fd) => sets[s] is { } set && (set[fd >> 3] & (1 << (fd & 7))) != 0;
        var fds = new List<int>();
        var records = new List<byte>();
        for (var fd = 0; fd < n; fd++)
        {
            short events = 0;
            if (IsSet(0, fd)) events |= PollIn;
            if (IsSet(1, fd)) events |= PollOut;
            if (IsSet(2, fd)) events |= PollPri;
            if (events == 0) continue;
            fds.Add(fd);
            var record = new byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(record, fd);
            BinaryPrimitives.WriteInt16LittleEndian(record.AsSpan(4), events);
            records.AddRange(record);
        }

        var polled = records.ToArray();
        var result = Poll(call, polled, fds.Count, timeout);
        EndTemporaryMask(call, result);
        if (result < 0) return result;

        foreach (var set in sets) if (set is not null) Array.Clear(set);
        var count = 0;
        for (var i = 0; i < fds.Count; i++)
        {
            var revents = BinaryPrimitives.ReadInt16LittleEndian(polled.AsSpan(i * 8 + 6));
            if ((revents & PollNval) != 0) return -Errno.EBADF;
            var fd = fds[i];
            void Set(int s)
            {
                sets[s][fd >> 3] |= (byte)(1 << (fd & 7));
                count++;
            }
            if (sets[0] is not null && IsRequested(polled, i, PollIn) && (revents & (PollIn | PollHup | PollErr)) != 0) Set(0);
            if (sets[1] is not null && IsRequested(polled, i, PollOut) && (revents & (PollOut | PollErr)) != 0) Set(1);
            if (sets[2] is not null && IsRequested(polled, i, PollPri) && (revents & PollPri) != 0) Set(2);
        }
        for (var s = 0; s < 3; s++)
            if (sets[s] is not null && call.WriteOut(call[1 + s], sets[s]) < 0) return -Errno.EFAULT;
        return count;
    }

    private static bool IsRequested(byte[] records, int index, short flag) =>
        (BinaryPrimitives.ReadInt16LittleEndian(records.AsSpan(index * 8 + 4)) & flag) != 0;
}
