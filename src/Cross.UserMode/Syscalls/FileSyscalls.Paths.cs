using System.Text;
using Cross.Core.Memory;
using Cross.UserMode.Files;
using Cross.UserMode.Native;

namespace Cross.UserMode.Syscalls;

/// <summary>Path-based calls (the *at family), stat, directories and the working directory.</summary>
internal static partial class FileSyscalls
{
    private const int AtEmptyPath = 0x1000;
    private const int ODirectory = 0x10000, OPath = 0x200000;
    private const uint SIfMt = 0xF000, SIfDir = 0x4000;
    private const int StatfsSize = 120;

    private static void RegisterPaths(SyscallTableBuilder table)
    {
        table.Add("fstat", "dp", Fstat)
            .Add("newfstatat", "dspx", Newfstatat)
            .Add("statx", "dsxxp", Statx)
            .Add("faccessat", "dso", call => Faccessat(call, 0))
            .Add("faccessat2", "dsox", call => Faccessat(call, call.Int(3)))
            .Add("readlinkat", "dspu", Readlinkat)
            .Add("getdents64", "dpu", Getdents64)
            .Add("getcwd", "pu", Getcwd)
            .Add("chdir", "s", Chdir)
            .Add("fchdir", "d", Fchdir)
            .Add("mkdirat", "dso", call => AtCall(call, (dir, path) => Libc.Mkdirat(dir, path, call.UInt(2))))
            .Add("mknodat", "dsox", call => AtCall(call, (dir, path) => Libc.Mknodat(dir, path, call.UInt(2), call[3])))
            .Add("unlinkat", "dsx", call => AtCall(call, (dir, path) => Libc.Unlinkat(dir, path, call.Int(2))))
            .Add("renameat", "dsds", call => Renameat(call, 0))
            .Add("renameat2", "dsdsx", call => Renameat(call, call.UInt(4)))
            .Add("linkat", "dsdsx", Linkat)
            .Add("symlinkat", "sds", Symlinkat)
            .Add("fchmodat", "dso", call => AtCall(call, (dir, path) => Libc.Fchmodat(dir, path, call.UInt(2), 0)))
            .Add("fchmodat2", "dsox", call => AtCall(call, (dir, path) => Libc.Fchmodat(dir, path, call.UInt(2), call.Int(3))))
            .Add("fchownat", "dsuux", call => AtCall(call, (dir, path) => Libc.Fchownat(dir, path, call.UInt(2), call.UInt(3), call.Int(4))))
            .Add("truncate", "sd", Truncate)
            .Add("utimensat", "dspx", Utimensat)
            .Add("statfs", "sp", Statfs)
            .Add("fstatfs", "dp", Fstatfs);
    }

    /// <summary>Runs a host *at() call on a resolved (dirfd, path) pair in arguments 0 and 1.</summary>
    private static long AtCall(SyscallCall call, Func<int, byte[], int> host)
    {
        if (!TryResolveAt(call, 0, 1, out var dir, out var path, out var error)) return error;
        return SyscallCall.HostResult(host(dir, path.HostPath));
    }

    private static long Fstat(SyscallCall call)
    {
        if (!call.TryHostFd(0, out var fd)) return -Errno.EBADF;
        return StatInto(call, fd, [0], AtEmptyPath, call[1]);
    }

    private static long Newfstatat(SyscallCall call)
    {
        if (!TryResolveAt(call, 0, 1, out var dir, out var path, out var error)) return error;
        return StatInto(call, dir, path.HostPath, call.Int(3), call[2]);
    }

    /// <summary>Stats through the host's statx and writes the guest ABI's struct stat.</summary>
    private static long StatInto(SyscallCall call, int hostDir, byte[] path, int flags, ulong guestBuffer)
    {
        var abi = call.Process.Abi;
        if (!call.Memory.CanAccess(guestBuffer, (ulong)abi.StatSize, MemoryAccessType.Write)) return -Errno.EFAULT;
        var statx = new byte[FileStatus.StatxSize];
        if (Libc.Statx(hostDir, path, flags, FileStatus.StatxBasicStats, statx) < 0) return -Libc.Errno;
        var stat = new byte[abi.StatSize];
        abi.WriteStat(stat, FileStatus.FromStatx(statx));
        return call.WriteOut(guestBuffer, stat);
    }

    /// <summary>statx's struct is the same on every architecture, so the host fills the guest's buffer directly.</summary>
    private static long Statx(SyscallCall call)
    {
        if (!TryResolveAt(call, 0, 1, out var dir, out var path, out var error)) return error;
        if (!call.TryBuffer(call[4], FileStatus.StatxSize, MemoryAccessType.Write, out var buffer)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.Statx(dir, path.HostPath, call.Int(2), call.UInt(3), buffer));
    }

    private static long Faccessat(SyscallCall call, int flags)
    {
        if (!TryResolveAt(call, 0, 1, out var dir, out var path, out var error)) return error;
        return SyscallCall.HostResult(Libc.Faccessat(dir, path.HostPath, call.Int(2), flags));
    }

    private static long Readlinkat(SyscallCall call)
    {
        if (!TryResolveAt(call, 0, 1, out var dir, out var path, out var error)) return error;
        var size = call[3];
        if ((long)size <= 0) return -Errno.EINVAL;
        if (path.Kind == GuestPathKind.Executable)
        {
            var target = Encoding.UTF8.GetBytes(call.Process.ExecutablePath);
            var length = (int)Math.Min((ulong)target.Length, size);
            return call.WriteOut(call[2], target.AsSpan(0, length)) is var r and < 0 ? r : length;
        }
        if (!call.TryBuffer(call[2], size, MemoryAccessType.Write, out var buffer)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.Readlinkat(dir, path.HostPath, buffer, (nuint)size));
    }

    /// <summary>struct linux_dirent64 is the same everywhere; the host fills the guest buffer directly.</summary>
    private static long Getdents64(SyscallCall call)
    {
        if (!call.TryHostFd(0, out var fd)) return -Errno.EBADF;
        if (!call.TryBuffer(call[1], call[2], MemoryAccessType.Write, out var buffer)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.Getdents64(fd, buffer, (nuint)call[2]));
    }

    /// <summary>The raw syscall: writes the NUL-terminated path and returns its length including the NUL.</summary>
    private static long Getcwd(SyscallCall call)
    {
        var cwd = WorkingDirectory(call.Process);
        if (cwd is null) return -Errno.ENOENT;
        var bytes = Encoding.UTF8.GetBytes(cwd + "\0");
        if ((ulong)bytes.Length > call[1]) return -Errno.ERANGE;
        return call.WriteOut(call[0], bytes) is var r and < 0 ? r : bytes.Length;
    }

    /// <summary>The guest's working directory as a path, from its directory descriptor.</summary>
    internal static string? WorkingDirectory(UserModeProcess process)
    {
        var link = GuestPaths.Z($"/proc/self/fd/{process.Files.WorkingDirectoryHostFd}");
        var buffer = new byte[SyscallCall.PathMax];
        var length = Libc.Readlinkat(GuestFileTable.AtFdCwd, link, buffer, (nuint)buffer.Length);
        return length < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)length);
    }

    private static long Chdir(SyscallCall call)
    {
        if (!TryResolveAt(call, -1, 0, out var dir, out var path, out var error)) return error;
        var fd = Libc.Openat(dir, path.HostPath, ODirectory | OPath | OCloexec, 0);
        if (fd < 0) return -Libc.Errno;
        if (Libc.Faccessat(fd, [0], 1 /* X_OK */, AtEmptyPath) < 0)
        {
            var errno = Libc.Errno;
            Libc.Close(fd);
            if (errno != Errno.EINVAL) return -errno;
        }
        call.Process.Files.ChangeDirectory(fd);
        return 0;
    }

    private static long Fchdir(SyscallCall call)
    {
        if (!call.TryHostFd(0, out var hostFd)) return -Errno.EBADF;
        var statx = new byte[FileStatus.StatxSize];
        if (Libc.Statx(hostFd, [0], AtEmptyPath, FileStatus.StatxBasicStats, statx) < 0) return -Libc.Errno;
        if ((FileStatus.FromStatx(statx).Mode & SIfMt) != SIfDir) return -Errno.ENOTDIR;
        var fd = Libc.Fcntl(hostFd, 1030 /* F_DUPFD_CLOEXEC */, 0);
        if (fd < 0) return -Libc.Errno;
        call.Process.Files.ChangeDirectory(fd);
        return 0;
    }

    private static long Renameat(SyscallCall call, uint flags)
    {
        if (!TryResolveAt(call, 0, 1, out var oldDir, out var oldPath, out var error)) return error;
        if (!TryResolveAt(call, 2, 3, out var newDir, out var newPath, out error)) return error;
        return SyscallCall.HostResult(Libc.Renameat2(oldDir, oldPath.HostPath, newDir, newPath.HostPath, flags));
    }

    private static long Linkat(SyscallCall call)
    {
        if (!TryResolveAt(call, 0, 1, out var oldDir, out var oldPath, out var error)) return error;
        if (!TryResolveAt(call, 2, 3, out var newDir, out var newPath, out error)) return error;
        return SyscallCall.HostResult(Libc.Linkat(oldDir, oldPath.HostPath, newDir, newPath.HostPath, call.Int(4)));
    }

    private static long Symlinkat(SyscallCall call)
    {
        // The target is stored as given, never resolved.
        if (!call.TryReadPath(0, out var target, out var error)) return error;
        if (!TryResolveAt(call, 1, 2, out var dir, out var link, out error)) return error;
        return SyscallCall.HostResult(Libc.Symlinkat(target, dir, link.HostPath));
    }

    private static long Truncate(SyscallCall call)
    {
        if (!TryResolveAt(call, -1, 0, out _, out var path, out var error)) return error;
        return SyscallCall.HostResult(Libc.Truncate(HostAbsolutePath(call.Process, path.HostPath), call.Long(1)));
    }

    private static long Utimensat(SyscallCall call)
    {
        const int TimespecPairSize = 32;
        nint times = 0;
        if (call[2] != 0 && !call.TryBuffer(call[2], TimespecPairSize, MemoryAccessType.Read, out times)) return -Errno.EFAULT;
        if (call[1] == 0)
        {
            // utimensat(fd, NULL, times, 0) is futimens(fd, times).
            if (!call.Process.Files.TryGetDirectory(call.Int(0), out var fd)) return -Errno.EBADF;
            return SyscallCall.HostResult(Libc.Utimensat(fd, null, times, call.Int(3)));
        }
        if (!TryResolveAt(call, 0, 1, out var dir, out var path, out var error)) return error;
        return SyscallCall.HostResult(Libc.Utimensat(dir, path.HostPath, times, call.Int(3)));
    }

    /// <summary>struct statfs has the same 120-byte layout for 64-bit generic guests and x86-64/aarch64 hosts.</summary>
    private static long Statfs(SyscallCall call)
    {
        if (!TryResolveAt(call, -1, 0, out _, out var path, out var error)) return error;
        if (!call.TryBuffer(call[1], StatfsSize, MemoryAccessType.Write, out var buffer)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.Statfs(HostAbsolutePath(call.Process, path.HostPath), buffer));
    }

    private static long Fstatfs(SyscallCall call)
    {
        if (!call.TryHostFd(0, out var fd)) return -Errno.EBADF;
        if (!call.TryBuffer(call[1], StatfsSize, MemoryAccessType.Write, out var buffer)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.Fstatfs(fd, buffer));
    }

    /// <summary>
    /// For host calls that take no dirfd: a relative guest path is made relative to the guest's
    /// working directory through /proc/self/fd, leaving the host's own working directory alone.
    /// </summary>
    private static byte[] HostAbsolutePath(UserModeProcess process, byte[] path) =>
        GuestPaths.IsAbsolute(path)
            ? path
            : [.. Encoding.UTF8.GetBytes($"/proc/self/fd/{process.Files.WorkingDirectoryHostFd}/"), .. path];
}
