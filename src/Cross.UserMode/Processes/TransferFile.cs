using Cross.UserMode.Native;

namespace Cross.UserMode.Processes;

/// <summary>
/// An anonymous in-memory file (memfd) carrying a process's state to the new host process that
/// continues it (a forked child, or the emulator after a guest execve). The writer fills it and
/// rewinds it; the new process inherits the descriptor, reads it once and closes it. Nothing
/// waits on the other side, so writing a large guest memory image cannot deadlock.
/// </summary>
internal sealed class TransferFile : IDisposable
{
    private const uint MfdCloexec = 1;

    private TransferFile(int hostFd) => HostFd = hostFd;

    public int HostFd { get; private set; }

    /// <summary>A new empty transfer file (close-on-exec: only a spawn that names it passes it on).</summary>
    public static TransferFile Create(string name)
    {
        var fd = Libc.MemfdCreate(System.Text.Encoding.UTF8.GetBytes(name + "\0"), MfdCloexec);
        if (fd < 0) throw new IOException($"memfd_create failed (errno {Libc.Errno})");
        return new TransferFile(fd);
    }

    /// <summary>Takes over an inherited descriptor.</summary>
    public static TransferFile Open(int hostFd) => new(hostFd);

    public unsafe void Write(ReadOnlySpan<byte> bytes)
    {
        // Safe: the span is pinned for the call and the length passed is its own.
        fixed (byte* pointer = bytes) WriteFrom((nint)pointer, (ulong)bytes.Length);
    }

    /// <summary>Writes <paramref name="length"/> bytes from host memory the caller owns (a guest mapping's host pages).</summary>
    public void WriteFrom(nint host, ulong length)
    {
        ulong done = 0;
        while (done < length)
        {
            var chunk = (nuint)Math.Min(length - done, 1UL << 30);
            var written = Libc.Write(HostFd, host + (nint)done, chunk);
            if (written < 0 && Libc.Errno == Syscalls.Errno.EINTR) continue;
            if (written <= 0) throw new IOException($"writing process state failed (errno {Libc.Errno})");
            done += (ulong)written;
        }
    }

    public unsafe void ReadExactly(Span<byte> bytes)
    {
        // Safe: the span is pinned for the call and the length passed is its own.
        fixed (byte* pointer = bytes) ReadInto((nint)pointer, (ulong)bytes.Length);
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes into host memory the caller owns.</summary>
    public void ReadInto(nint host, ulong length)
    {
        ulong done = 0;
        while (done < length)
        {
            var chunk = (nuint)Math.Min(length - done, 1UL << 30);
            var read = Libc.Read(HostFd, host + (nint)done, chunk);
            if (read < 0 && Libc.Errno == Syscalls.Errno.EINTR) continue;
            if (read <= 0) throw new IOException("the process state ended early");
            done += (ulong)read;
        }
    }

    public void Rewind()
    {
        if (Libc.Lseek(HostFd, 0, 0) < 0) throw new IOException($"rewinding process state failed (errno {Libc.Errno})");
    }

    public void Dispose()
    {
        if (HostFd >= 0) Libc.Close(HostFd);
        HostFd = -1;
    }
}
