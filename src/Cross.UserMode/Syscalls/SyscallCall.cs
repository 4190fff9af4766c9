using Cross.Core.Memory;
using Cross.UserMode.Memory;
using Cross.UserMode.Native;

namespace Cross.UserMode.Syscalls;

/// <summary>
/// One system call in flight: its number, its six raw arguments, who made it, and the checked
/// ways handlers reach guest memory (a guest pointer becomes a host pointer only after the
/// range was checked for the access; failures become EFAULT).
/// </summary>
public sealed class SyscallCall
{
    /// <summary>PATH_MAX, counting the NUL.</summary>
    public const int PathMax = 4096;

    private readonly ulong[] _arguments = new ulong[6];

    internal SyscallCall(UserModeProcess process, GuestThread thread)
    {
        Process = process;
        Thread = thread;
    }

    public UserModeProcess Process { get; }

    public GuestThread Thread { get; }

    public int Number { get; private set; }

    /// <summary>Raw argument <paramref name="index"/> (0-5), as the guest's register held it.</summary>
    public ulong this[int index] => _arguments[index];

    /// <summary>Argument as a C int (the low 32 bits, sign-extended), for fds, flags and modes.</summary>
    public int Int(int index) => (int)_arguments[index];

    public uint UInt(int index) => (uint)_arguments[index];

    public long Long(int index) => (long)_arguments[index];

    public GuestAddressSpace Memory => Process.Memory.Space;

    /// <summary>Set by handlers that set the registers themselves (rt_sigreturn), so no result is written.</summary>
    public bool KeepRegisters { get; set; }

    internal void Reset(int number, ReadOnlySpan<ulong> arguments)
    {
        Number = number;
        arguments.CopyTo(_arguments);
        KeepRegisters = false;
    }

    /// <summary>The host descriptor behind guest descriptor argument <paramref name="index"/>; false means EBADF.</summary>
    public bool TryHostFd(int index, out int hostFd) => Process.Files.TryGetHost(Int(index), out hostFd);

    /// <summary>
    /// Reads the path argument <paramref name="index"/> as NUL-terminated bytes for a host call.
    /// On failure <paramref name="error"/> is -EFAULT or -ENAMETOOLONG.
    /// </summary>
    public bool TryReadPath(int index, out byte[] path, out long error) => TryReadPathAt(this[index], out path, out error);

    public bool TryReadPathAt(ulong address, out byte[] path, out long error)
    {
        var bytes = Memory.TryReadCString(address, PathMax - 1, out var tooLong);
        if (bytes is null)
        {
            path = [];
            error = tooLong ? -Errno.ENAMETOOLONG : -Errno.EFAULT;
            return false;
        }
        path = new byte[bytes.Length + 1];
        bytes.CopyTo(path, 0);
        error = 0;
        return true;
    }

    /// <summary>A checked host pointer for a guest buffer; false means EFAULT.</summary>
    public bool TryBuffer(ulong address, ulong length, MemoryAccessType access, out nint host) =>
        Memory.TryGetHostAddress(address, length, access, out host);

    /// <summary>Copies a struct into the guest: 0, or -EFAULT.</summary>
    public long WriteOut(ulong address, ReadOnlySpan<byte> bytes) => Memory.TryWriteBytes(address, bytes) ? 0 : -Errno.EFAULT;

    /// <summary>Copies a struct out of the guest; false means EFAULT.</summary>
    public bool TryReadIn(ulong address, Span<byte> bytes) => Memory.TryReadBytes(address, bytes);

    /// <summary>A host call's return value as a syscall result: itself, or -errno when it failed (-1).</summary>
    public static long HostResult(long result) => result < 0 ? -Libc.Errno : result;
}
