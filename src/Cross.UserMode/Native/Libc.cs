using System.Runtime.InteropServices;

namespace Cross.UserMode.Native;

/// <summary>
/// The host C library functions user mode calls. Pointers travel as <see cref="nint"/>: every
/// pointer into guest memory comes from <see cref="Memory.GuestAddressSpace"/> after it checked the
/// range, and every other pointer is to pinned managed memory owned by the caller.
/// </summary>
/// <remarks>
/// Functions that C declares variadic (openat, fcntl, ioctl) are declared here with their full
/// fixed argument list; on the Linux x86-64 and AArch64 calling conventions integer varargs travel
/// in the same registers as fixed arguments, so this is the usual, well-defined way to bind them.
/// </remarks>
internal static partial class Libc
{
    private const string Name = "libc";

    // Memory.
    [LibraryImport(Name, EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint address, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport(Name, EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint address, nuint length);

    [LibraryImport(Name, EntryPoint = "madvise", SetLastError = true)]
    public static partial int Madvise(nint address, nuint length, int advice);

    // File descriptors and I/O.
    [LibraryImport(Name, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, nint buffer, nuint count);

    [LibraryImport(Name, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, nint buffer, nuint count);

    /// <summary>iov: (base, length) pairs of host addresses, each checked by the caller.</summary>
    [LibraryImport(Name, EntryPoint = "readv", SetLastError = true)]
    public static partial nint Readv(int fd, long[] iov, int count);

    [LibraryImport(Name, EntryPoint = "writev", SetLastError = true)]
    public static partial nint Writev(int fd, long[] iov, int count);

    [LibraryImport(Name, EntryPoint = "preadv", SetLastError = true)]
    public static partial nint Preadv(int fd, long[] iov, int count, long offset);

    [LibraryImport(Name, EntryPoint = "pwritev", SetLastError = true)]
    public static partial nint Pwritev(int fd, long[] iov, int count, long offset);

    [LibraryImport(Name, EntryPoint = "pread", SetLastError = true)]
    public static partial nint Pread(int fd, nint buffer, nuint count, long offset);

    [LibraryImport(Name, EntryPoint = "pread", SetLastError = true)]
    public static partial nint Pread(int fd, [Out] byte[] buffer, nuint count, long offset);

    [LibraryImport(Name, EntryPoint = "pwrite", SetLastError = true)]
    public static partial nint Pwrite(int fd, nint buffer, nuint count, long offset);

    [LibraryImport(Name, EntryPoint = "openat", SetLastError = true)]
    public static partial int Openat(int dirfd, byte[] path, int flags, uint mode);

    [LibraryImport(Name, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Name, EntryPoint = "lseek", SetLastError = true)]
    public static partial long Lseek(int fd, long offset, int whence);

    [LibraryImport(Name, EntryPoint = "statx", SetLastError = true)]
    public static partial int Statx(int dirfd, byte[] path, int flags, uint mask, nint buffer);

    [LibraryImport(Name, EntryPoint = "statx", SetLastError = true)]
    public static partial int Statx(int dirfd, byte[] path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport(Name, EntryPoint = "faccessat", SetLastError = true)]
    public static partial int Faccessat(int dirfd, byte[] path, int mode, int flags);

    [LibraryImport(Name, EntryPoint = "readlinkat", SetLastError = true)]
    public static partial nint Readlinkat(int dirfd, byte[] path, nint buffer, nuint size);

    [LibraryImport(Name, EntryPoint = "readlinkat", SetLastError = true)]
    public static partial nint Readlinkat(int dirfd, byte[] path, [Out] byte[] buffer, nuint size);

    [LibraryImport(Name, EntryPoint = "getdents64", SetLastError = true)]
    public static partial nint Getdents64(int fd, nint buffer, nuint size);

    [LibraryImport(Name, EntryPoint = "mkdirat", SetLastError = true)]
    public static partial int Mkdirat(int dirfd, byte[] path, uint mode);

    [LibraryImport(Name, EntryPoint = "mknodat", SetLastError = true)]
    public static partial int Mknodat(int dirfd, byte[] path, uint mode, ulong device);

    [LibraryImport(Name, EntryPoint = "unlinkat", SetLastError = true)]
    public static partial int Unlinkat(int dirfd, byte[] path, int flags);

    [LibraryImport(Name, EntryPoint = "renameat2", SetLastError = true)]
    public static partial int Renameat2(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, uint flags);

    [LibraryImport(Name, EntryPoint = "symlinkat", SetLastError = true)]
    public static partial int Symlinkat(byte[] target, int newdirfd, byte[] linkpath);

    [LibraryImport(Name, EntryPoint = "linkat", SetLastError = true)]
    public static partial int Linkat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags);

    [LibraryImport(Name, EntryPoint = "fchmod", SetLastError = true)]
    public static partial int Fchmod(int fd, uint mode);

    [LibraryImport(Name, EntryPoint = "fchmodat", SetLastError = true)]
    public static partial int Fchmodat(int dirfd, byte[] path, uint mode, int flags);

    [LibraryImport(Name, EntryPoint = "fchown", SetLastError = true)]
    public static partial int Fchown(int fd, uint owner, uint group);

    [LibraryImport(Name, EntryPoint = "fchownat", SetLastError = true)]
    public static partial int Fchownat(int dirfd, byte[] path, uint owner, uint group, int flags);

    [LibraryImport(Name, EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int Ftruncate(int fd, long length);

    [LibraryImport(Name, EntryPoint = "truncate", SetLastError = true)]
    public static partial int Truncate(byte[] path, long length);

    [LibraryImport(Name, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport(Name, EntryPoint = "fdatasync", SetLastError = true)]
    public static partial int Fdatasync(int fd);

    [LibraryImport(Name, EntryPoint = "fallocate", SetLastError = true)]
    public static partial int Fallocate(int fd, int mode, long offset, long length);

    [LibraryImport(Name, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport(Name, EntryPoint = "pipe2", SetLastError = true)]
    public static partial int Pipe2([Out] int[] fds, int flags);

    [LibraryImport(Name, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, long argument);

    [LibraryImport(Name, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, ulong request, nint argument);

    [LibraryImport(Name, EntryPoint = "isatty")]
    public static partial int Isatty(int fd);

    [LibraryImport(Name, EntryPoint = "utimensat", SetLastError = true)]
    public static partial int Utimensat(int dirfd, byte[]? path, nint times, int flags);

    [LibraryImport(Name, EntryPoint = "fstatfs", SetLastError = true)]
    public static partial int Fstatfs(int fd, nint buffer);

    [LibraryImport(Name, EntryPoint = "statfs", SetLastError = true)]
    public static partial int Statfs(byte[] path, nint buffer);

    [LibraryImport(Name, EntryPoint = "ppoll", SetLastError = true)]
    public static partial int Ppoll([In, Out] byte[] fds, nuint count, byte[]? timeout, nint sigmask);

    [LibraryImport(Name, EntryPoint = "sendfile", SetLastError = true)]
    public static partial nint Sendfile(int outFd, int inFd, nint offset, nuint count);

    [LibraryImport(Name, EntryPoint = "copy_file_range", SetLastError = true)]
    public static partial nint CopyFileRange(int inFd, nint inOffset, int outFd, nint outOffset, nuint length, uint flags);

    [LibraryImport(Name, EntryPoint = "memfd_create", SetLastError = true)]
    public static partial int MemfdCreate(byte[] name, uint flags);

    [LibraryImport(Name, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int Eventfd(uint initial, int flags);

    // Time.
    [LibraryImport(Name, EntryPoint = "clock_gettime", SetLastError = true)]
    public static partial int ClockGettime(int clock, nint timespec);

    [LibraryImport(Name, EntryPoint = "clock_gettime", SetLastError = true)]
    public static partial int ClockGettime(int clock, [Out] long[] timespec);

    [LibraryImport(Name, EntryPoint = "clock_getres", SetLastError = true)]
    public static partial int ClockGetres(int clock, nint timespec);

    /// <summary>Returns the error number directly (0 on success), like the C function.</summary>
    [LibraryImport(Name, EntryPoint = "clock_nanosleep")]
    public static partial int ClockNanosleep(int clock, int flags, nint request, nint remaining);

    [LibraryImport(Name, EntryPoint = "times", SetLastError = true)]
    public static partial long Times(nint buffer);

    // Process and system information.
    [LibraryImport(Name, EntryPoint = "getrandom", SetLastError = true)]
    public static partial nint Getrandom(nint buffer, nuint length, uint flags);

    [LibraryImport(Name, EntryPoint = "uname", SetLastError = true)]
    public static partial int Uname([Out] byte[] buffer);

    [LibraryImport(Name, EntryPoint = "prlimit", SetLastError = true)]
    public static partial int Prlimit(int pid, int resource, nint newLimit, nint oldLimit);

    [LibraryImport(Name, EntryPoint = "getrusage", SetLastError = true)]
    public static partial int Getrusage(int who, nint usage);

    [LibraryImport(Name, EntryPoint = "sysinfo", SetLastError = true)]
    public static partial int Sysinfo(nint info);

    [LibraryImport(Name, EntryPoint = "getppid")]
    public static partial int Getppid();

    [LibraryImport(Name, EntryPoint = "getuid")]
    public static partial uint Getuid();

    [LibraryImport(Name, EntryPoint = "geteuid")]
    public static partial uint Geteuid();

    [LibraryImport(Name, EntryPoint = "getgid")]
    public static partial uint Getgid();

    [LibraryImport(Name, EntryPoint = "getegid")]
    public static partial uint Getegid();

    [LibraryImport(Name, EntryPoint = "getpgid", SetLastError = true)]
    public static partial int Getpgid(int pid);

    [LibraryImport(Name, EntryPoint = "getsid", SetLastError = true)]
    public static partial int Getsid(int pid);

    [LibraryImport(Name, EntryPoint = "getgroups", SetLastError = true)]
    public static partial int Getgroups(int size, nint list);

    [LibraryImport(Name, EntryPoint = "umask")]
    public static partial uint Umask(uint mask);

    [LibraryImport(Name, EntryPoint = "sched_getaffinity", SetLastError = true)]
    public static partial int SchedGetaffinity(int pid, nuint size, nint mask);

    /// <summary>The calling host thread's kernel thread id (glibc 2.30+).</summary>
    [LibraryImport(Name, EntryPoint = "gettid")]
    public static partial int Gettid();

    [LibraryImport(Name, EntryPoint = "sched_yield")]
    public static partial int SchedYield();

    [LibraryImport(Name, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(Name, EntryPoint = "getpriority", SetLastError = true)]
    public static partial int Getpriority(int which, uint who);


    // Processes: fork and exec start new host processes running the emulator (see Processes/).
    /// <summary>argv and envp: NULL-terminated arrays of pointers to NUL-terminated strings in pinned native memory the caller owns.</summary>
    [LibraryImport(Name, EntryPoint = "execve", SetLastError = true)]
    public static partial int Execve(byte[] path, nint argv, nint envp);

    /// <summary>Returns the error number directly (0 on success), like the C function.</summary>
    [LibraryImport(Name, EntryPoint = "posix_spawn")]
    public static partial int PosixSpawn(out int pid, byte[] path, nint fileActions, nint attributes, nint argv, nint envp);

    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int PosixSpawnFileActionsInit(nint fileActions);

    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int PosixSpawnFileActionsAdddup2(nint fileActions, int fd, int newFd);

    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int PosixSpawnFileActionsDestroy(nint fileActions);

    /// <summary>rusage: a 144-byte struct rusage buffer, or null.</summary>
    [LibraryImport(Name, EntryPoint = "wait4", SetLastError = true)]
    public static partial int Wait4(int pid, out int status, int options, [Out] byte[]? rusage);

    /// <summary>info: a 128-byte siginfo_t buffer.</summary>
    [LibraryImport(Name, EntryPoint = "waitid", SetLastError = true)]
    public static partial int Waitid(int idType, int id, [Out] byte[] info, int options);

    /// <summary>limit: {soft, hard}.</summary>
    [LibraryImport(Name, EntryPoint = "setrlimit", SetLastError = true)]
    public static partial int Setrlimit(int resource, ulong[] limit);

    [LibraryImport(Name, EntryPoint = "getpid")]
    public static partial int Getpid();

    [LibraryImport(Name, EntryPoint = "fchdir", SetLastError = true)]
    public static partial int Fchdir(int fd);

    /// <summary>Sets a host signal's disposition (handler 0 is SIG_DFL); returns the previous one.</summary>
    [LibraryImport(Name, EntryPoint = "signal")]
    public static partial nint SignalDisposition(int signal, nint handler);

    /// <summary>how, set and old: sigprocmask's arguments, each set a 128-byte buffer or 0.</summary>
    [LibraryImport(Name, EntryPoint = "pthread_sigmask")]
    public static partial int PthreadSigmask(int how, byte[]? set, nint old);

    /// <summary>errno of the last call made with SetLastError.</summary>
    public static int Errno => Marshal.GetLastPInvokeError();
}
