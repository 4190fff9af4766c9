namespace Cross.UserMode.Syscalls;

/// <summary>
/// Linux error numbers. The generic numbering is shared by riscv64, aarch64 and x86-64 guests and
/// by x86-64 and aarch64 hosts, so host errno values pass through to the guest unchanged.
/// </summary>
public static class Errno
{
    public const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7, ENOEXEC = 8, EBADF = 9,
        ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19,
        ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25, EFBIG = 27, ENOSPC = 28, ESPIPE = 29,
        EROFS = 30, EMLINK = 31, EPIPE = 32, ERANGE = 34, EDEADLK = 35, ENAMETOOLONG = 36, ENOSYS = 38, ENOTEMPTY = 39,
        ELOOP = 40, ENODATA = 61, EOVERFLOW = 75, ENOTSOCK = 88, EOPNOTSUPP = 95, ETIMEDOUT = 110;

    /// <summary>
    /// Kernel-internal, never seen by the guest: a blocking call interrupted by a signal. The
    /// dispatcher restarts the call after the handler when the handler has SA_RESTART, and turns
    /// it into EINTR otherwise (Linux's ERESTARTSYS).
    /// </summary>
    public const int ERestartSys = 512;

    private static readonly string?[] Names = BuildNames();

    /// <summary>"ENOENT", or "E123" for numbers without a name here.</summary>
    public static string Name(int errno) =>
        errno > 0 && errno < Names.Length && Names[errno] is { } name ? name : $"E{errno}";

    private static string?[] BuildNames()
    {
        var names = new string?[111];
        foreach (var field in typeof(Errno).GetFields())
            if (field.IsLiteral && field.GetRawConstantValue() is int value && value < names.Length) names[value] = field.Name;
        return names;
    }
}
