using System.Buffers.Binary;
using Cross.Core.Memory;
using Cross.UserMode.Files;
using Cross.UserMode.Native;
using Cross.UserMode.Signals;

namespace Cross.UserMode.Syscalls;

/// <summary>
/// File I/O: read/write and their vectored and positioned forms, open/close/lseek, sendfile.
/// Guest buffers are handed to the host call directly once checked. Path-based calls are in
/// FileSyscalls.Paths.cs, descriptor management (dup, fcntl, ioctl, pipes, poll) in
/// FileSyscalls.Descriptors.cs.
/// </summary>
/// <remarks>
/// Open and fcntl flags pass through unchanged: the generic (riscv64) values equal x86-64's.
/// An aarch64 host would need them translated (O_DIRECTORY and friends differ there). A read
/// blocked in the host (a terminal, an empty pipe) is not interrupted by a guest signal until it
/// returns; poll, select, sleeps, futex waits and sigsuspend are.
/// </remarks>
internal static partial class FileSyscalls
{
    /// <summary>UIO_MAXIOV.</summary>
    private const int MaxIov = 1024;

    private const int OCloexec = 0x80000;

    public static void Register(SyscallTableBuilder table)
    {
        table.Add("read", "dpu", Read)
            .Add("write", "dpu", Write)
            .Add("readv", "dpd", Readv)
            .Add("writev", "dpd", Writev)
            .Add("pread64", "dpud", Pread)
            .Add("pwrite64", "dpud", Pwrite)
            .Add("preadv", "dpdd", Preadv)
            .Add("pwritev", "dpdd", Pwritev)
            .Add("openat", "dsxo", Openat)
            .Add("close", "d", Close)
            .Add("close_range", "uux", CloseRange)
            .Add("lseek", "ddd", Lseek)
            .Add("sendfile", "ddpu", Sendfile)
            .Add("copy_file_range", "dpdpux", CopyFileRange)
            .Add("fsync", "d", call => FdCall(call, Libc.Fsync))
            .Add("fdatasync", "d", call => FdCall(call, Libc.Fdatasync))
            .Add("syncfs", "d", call => call.TryHostFd(0, out _) ? 0 : -Errno.EBADF)
            .Add("sync", "", _ => 0)
            .Add("fadvise64", "dddd", call => call.TryHostFd(0, out _) ? 0 : -Errno.EBADF)
            .Add("readahead", "ddu", call => call.TryHostFd(0, out _) ? 0 : -Errno.EBADF)
            .Add("sync_file_range", "dddx", call => call.TryHostFd(0, out _) ? 0 : -Errno.EBADF)
            .Add("ftruncate", "dd", call => call.TryHostFd(0, out var fd) ? SyscallCall.HostResult(Libc.Ftruncate(fd, call.Long(1))) : -Errno.EBADF)
            .Add("fallocate", "dxdd", call => call.TryHostFd(0, out var fd) ? SyscallCall.HostResult(Libc.Fallocate(fd, call.Int(1), call.Long(2), call.Long(3))) : -Errno.EBADF)
            .Add("flock", "dx", call => call.TryHostFd(0, out var fd) ? SyscallCall.HostResult(Libc.Flock(fd, call.Int(1))) : -Errno.EBADF)
            .Add("fchmod", "do", call => call.TryHostFd(0, out var fd) ? SyscallCall.HostResult(Libc.Fchmod(fd, call.UInt(1))) : -Errno.EBADF)
            .Add("fchown", "duu", call => call.TryHostFd(0, out var fd) ? SyscallCall.HostResult(Libc.Fchown(fd, call.UInt(1), call.UInt(2))) : -Errno.EBADF)
            .Add("memfd_create", "sx", MemfdCreate)
            .Add("eventfd2", "ux", Eventfd2);
        RegisterPaths(table);
        RegisterDescriptors(table);
    }

    private static long FdCall(SyscallCall call, Func<int, int> host) =>
        call.TryHostFd(0, out var fd) ? SyscallCall.HostResult(host(fd)) : -Errno.EBADF;

    private static long Read(SyscallCall call)
    {
        if (!call.TryHostFd(0, out var fd)) return -Errno.EBADF;
        if (!call.TryBuffer(call[1], call[2], MemoryAccessType.Write, out var buffer)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.Read(fd, buffer, (nuint)call[2]));
    }

    private static long Write(SyscallCall call)
    {
        if (!call.TryHostFd(0, out var fd)) return -Errno.EBADF;
        if (!call.TryBuffer(call[1], call[2], MemoryAccessType.Read, out var buffer)) return -Errno.EFAULT;
        return Piped(call, SyscallCall.HostResult(Libc.Write(fd, buffer, (nuint)call[2])));
    }

    private static long Pread(SyscallCall call)
    {
        if (!call.TryHostFd(0, out var fd)) return -Errno.EBADF;
        if (!call.TryBuffer(call[1], call[2], MemoryAccessType.Write, out var buffer)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.Pread(fd, buffer, (nuint)call[2], call.Long(3)));
    }

    private static long Pwrite(SyscallCall call)
    {
        if (!call.TryHostFd(0, out var fd)) return -Errno.EBADF;
        if (!call.TryBuffer(call[1], call[2], MemoryAccessType.Read, out var buffer)) return -Errno.EFAULT;
        return Piped(call, SyscallCall.HostResult(Libc.Pwrite(fd, buffer, (nuint)call[2], call.Long(3))));
    }

    private static long Readv(SyscallCall call) =>
        Vectored(call, MemoryAccessType.Write, (fd, iov, n) => Libc.Readv(fd, iov, n));

    private static long Writev(SyscallCall call) =>
        Piped(call, Vectored(call, MemoryAccessType.Read, (fd, iov, n) => Libc.Writev(fd, iov, n)));

    private static long Preadv(SyscallCall call) =>
        Vectored(call, MemoryAccessType.Write, (fd, iov, n) => Libc.Preadv(fd, iov, n, call.Long(3)));

    private static long Pwritev(SyscallCall call) =>
        Piped(call, Vectored(call, MemoryAccessType.Read, (fd, iov, n) => Libc.Pwritev(fd, iov, n, call.Long(3))));

    /// <summary>Translates a guest iovec array (base, length pairs) into host addresses, checking each buffer.</summary>
    private static long Vectored(SyscallCall call, MemoryAccessType access, Func<int, long[], int, nint> host)
    {
        if (!call.TryHostFd(0, out var fd)) return -Errno.EBADF;
        var count = call.Int(2);
        if (count < 0 || count > MaxIov) return -Errno.EINVAL;
        var raw = new byte[count * 16];
        if (!call.TryReadIn(call[1], raw)) return -Errno.EFAULT;
        var iov = new long[count * 2];
        ulong total = 0;
        for (var i = 0; i < count; i++)
        {
            var address = BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(i * 16));
            var length = BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(i * 16 + 8));
            total += length;
            if (length > long.MaxValue || total > long.MaxValue) return -Errno.EINVAL;
            if (!call.TryBuffer(address, length, access, out var buffer)) return -Errno.EFAULT;
            iov[2 * i] = buffer;
            iov[2 * i + 1] = (long)length;
        }
        return SyscallCall.HostResult(host(fd, iov, count));
    }

    /// <summary>A write that hit a closed pipe also raises SIGPIPE, as the kernel does (the host emulator ignores it).</summary>
    private static long Piped(SyscallCall call, long result)
    {
        if (result == -Errno.EPIPE) call.Process.Signals.Send(new SignalInfo(Signal.SIGPIPE, SignalCode.User, Pid: call.Process.Pid), call.Thread);
        return result;
    }

    private static long Openat(SyscallCall call)
    {
        if (!TryResolveAt(call, 0, 1, out var hostDir, out var path, out var error)) return error;
        var flags = call.Int(2);
        int fd;
        if (path.Kind == GuestPathKind.Maps)
        {
            fd = TextFile(call.Process.Memory.FormatMaps());
        }
        else
        {
            fd = Libc.Openat(hostDir, path.HostPath, flags | OCloexec, call.UInt(3));
            if (fd < 0) return -Libc.Errno;
        }
        return call.Process.Files.Add(fd, closeOnExec: (flags & OCloexec) != 0);
    }

    /// <summary>A read-only descriptor holding generated text (a virtual /proc file), backed by a memfd.</summary>
    private static int TextFile(string text)
    {
        var fd = Libc.MemfdCreate("cross-proc\0"u8.ToArray(), 1 /* MFD_CLOEXEC */);
        if (fd < 0) return fd;
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(bytes, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            Libc.Write(fd, handle.AddrOfPinnedObject(), (nuint)bytes.Length);
        }
        finally
        {
            handle.Free();
        }
        Libc.Lseek(fd, 0, 0);
        return fd;
    }

    private static long Close(SyscallCall call) => call.Process.Files.Close(call.Int(0));

    private static long CloseRange(SyscallCall call)
    {
        const uint Unshare = 2, Cloexec = 4;
        var first = call.UInt(0);
        var last = call.UInt(1);
        var flags = call.UInt(2);
        if (first > last || (flags & ~(Unshare | Cloexec)) != 0) return -Errno.EINVAL;
        var files = call.Process.Files;
        var upper = (int)Math.Min(last, (uint)int.MaxValue);
        if ((flags & Cloexec) != 0)
        {
            foreach (var fd in files.OpenDescriptors)
                if (fd >= first && fd <= upper) files.SetCloseOnExec(fd, true);
        }
        else
        {
            files.CloseRange((int)Math.Min(first, (uint)int.MaxValue), upper);
        }
        return 0;
    }

    private static long Lseek(SyscallCall call) =>
        call.TryHostFd(0, out var fd) ? SyscallCall.HostResult(Libc.Lseek(fd, call.Long(1), call.Int(2))) : -Errno.EBADF;

    private static long Sendfile(SyscallCall call)
    {
        if (!call.TryHostFd(0, out var outFd) || !call.TryHostFd(1, out var inFd)) return -Errno.EBADF;
        nint offset = 0;
        if (call[2] != 0 && !call.TryBuffer(call[2], 8, MemoryAccessType.Write, out offset)) return -Errno.EFAULT;
        return Piped(call, SyscallCall.HostResult(Libc.Sendfile(outFd, inFd, offset, (nuint)call[3])));
    }

    private static long CopyFileRange(SyscallCall call)
    {
        if (!call.TryHostFd(0, out var inFd) || !call.TryHostFd(2, out var outFd)) return -Errno.EBADF;
        nint inOffset = 0, outOffset = 0;
        if (call[1] != 0 && !call.TryBuffer(call[1], 8, MemoryAccessType.Write, out inOffset)) return -Errno.EFAULT;
        if (call[3] != 0 && !call.TryBuffer(call[3], 8, MemoryAccessType.Write, out outOffset)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.CopyFileRange(inFd, inOffset, outFd, outOffset, (nuint)call[4], call.UInt(5)));
    }

    private static long MemfdCreate(SyscallCall call)
    {
        const uint MfdCloexec = 1;
        if (!call.TryReadPath(0, out var name, out var error)) return error;
        var flags = call.UInt(1);
        var fd = Libc.MemfdCreate(name, flags | MfdCloexec);
        return fd < 0 ? -Libc.Errno : call.Process.Files.Add(fd, closeOnExec: (flags & MfdCloexec) != 0);
    }

    private static long Eventfd2(SyscallCall call)
    {
        var flags = call.Int(1);
        var fd = Libc.Eventfd(call.UInt(0), flags | OCloexec);
        return fd < 0 ? -Libc.Errno : call.Process.Files.Add(fd, closeOnExec: (flags & OCloexec) != 0);
    }

    /// <summary>
    /// Reads a (dirfd, path) pair: the path through the /proc virtualisation, and the host
    /// directory descriptor it is relative to (AT_FDCWD for absolute paths, whatever dirfd says).
    /// A negative <paramref name="dirIndex"/> means the call has no dirfd (relative to the working directory).
    /// </summary>
    internal static bool TryResolveAt(SyscallCall call, int dirIndex, int pathIndex, out int hostDir, out GuestPath path, out long error)
    {
        hostDir = GuestFileTable.AtFdCwd;
        path = default;
        if (!call.TryReadPath(pathIndex, out var raw, out error)) return false;
        path = GuestPaths.Resolve(call.Process, raw);
        if (path.Kind == GuestPathKind.NoSuchEntry)
        {
            error = -Errno.ENOENT;
            return false;
        }
        if (GuestPaths.IsAbsolute(path.HostPath)) return true;
        if (!call.Process.Files.TryGetDirectory(dirIndex < 0 ? GuestFileTable.AtFdCwd : call.Int(dirIndex), out hostDir))
        {
            error = -Errno.EBADF;
            return false;
        }
        return true;
    }
}
