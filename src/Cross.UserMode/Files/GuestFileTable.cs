using Cross.UserMode.Native;
using Cross.UserMode.Syscalls;

namespace Cross.UserMode.Files;

/// <summary>
/// The guest's file descriptor table: guest descriptor numbers (allocated lowest-free, as Linux
/// does) mapped to host descriptors. Guests can therefore only reach descriptors they opened or
/// were given, never the emulator's own, and their numbering does not depend on how many
/// descriptors the host process holds. The guest's working directory is a host directory
/// descriptor, so chdir never changes the host process's working directory.
/// </summary>
public sealed class GuestFileTable : IDisposable
{
    /// <summary>AT_FDCWD.</summary>
    public const int AtFdCwd = -100;

    private const int ORdonly = 0, ODirectory = 0x10000, OCloexec = 0x80000, OPath = 0x200000;
    private const int FDupfdCloexec = 1030;

    private readonly List<Entry?> _entries = new();
    private readonly object _sync = new();
    private int _cwdHostFd = -1;

    /// <summary>
    /// A table whose descriptors 0, 1 and 2 are the given host descriptors (borrowed: closing them
    /// in the guest only drops the guest's number), working in <paramref name="workingDirectory"/>
    /// (the host's current directory when null).
    /// </summary>
    public GuestFileTable(int stdinHostFd, int stdoutHostFd, int stderrHostFd, string? workingDirectory)
    {
        _entries.Add(new Entry(stdinHostFd, Owned: false));
        _entries.Add(new Entry(stdoutHostFd, Owned: false));
        _entries.Add(new Entry(stderrHostFd, Owned: false));
        var directory = System.Text.Encoding.UTF8.GetBytes((workingDirectory ?? ".") + "\0");
        _cwdHostFd = Libc.Openat(AtFdCwd, directory, ORdonly | ODirectory | OCloexec | OPath, 0);
        if (_cwdHostFd < 0)
            throw new UserModeException($"{workingDirectory ?? "."}: cannot use as working directory (errno {Libc.Errno})");
    }

    /// <summary>
    /// A table taken over from another host process (fork, execve): the inherited host descriptors
    /// keep their guest numbers, and are made close-on-exec again (the table's rule for host descriptors).
    /// </summary>
    internal GuestFileTable(IEnumerable<InheritedFile> files, int workingDirectoryHostFd, int limit)
    {
        const int FSetfd = 2, FdCloexec = 1;
        foreach (var file in files)
        {
            while (_entries.Count <= file.GuestFd) _entries.Add(null);
            _entries[file.GuestFd] = new Entry(file.HostFd, file.Owned) { CloseOnExec = file.CloseOnExec };
            if (file.Owned) Libc.Fcntl(file.HostFd, FSetfd, FdCloexec);
        }
        _cwdHostFd = workingDirectoryHostFd;
        Libc.Fcntl(workingDirectoryHostFd, FSetfd, FdCloexec);
        Limit = limit;
    }

    /// <summary>Every guest descriptor with its host descriptor and flags, ascending.</summary>
    public IReadOnlyList<InheritedFile> Snapshot()
    {
        lock (_sync)
        {
            var files = new List<InheritedFile>();
            for (var fd = 0; fd < _entries.Count; fd++)
                if (_entries[fd] is { } entry) files.Add(new InheritedFile(fd, entry.HostFd, entry.CloseOnExec, entry.Owned));
            return files;
        }
    }

    /// <summary>RLIMIT_NOFILE for the guest: descriptors are numbered below this.</summary>
    public int Limit { get; set; } = 1024;

    /// <summary>The host directory descriptor standing for the guest's working directory.</summary>
    public int WorkingDirectoryHostFd
    {
        get { lock (_sync) return _cwdHostFd; }
    }

    /// <summary>
    /// Gives the guest a number for <paramref name="hostFd"/> (which the table then owns), the lowest
    /// free one at or above <paramref name="minimum"/>. Returns -EMFILE (closing the host descriptor)
    /// when there is none.
    /// </summary>
    public int Add(int hostFd, int minimum = 0, bool closeOnExec = false, bool owned = true)
    {
        lock (_sync)
        {
            for (var fd = minimum; fd < Limit; fd++)
            {
                while (_entries.Count <= fd) _entries.Add(null);
                if (_entries[fd] is not null) continue;
                _entries[fd] = new Entry(hostFd, owned) { CloseOnExec = closeOnExec };
                return fd;
            }
        }
        if (owned) Libc.Close(hostFd);
        return -Errno.EMFILE;
    }

    public bool TryGetHost(int guestFd, out int hostFd)
    {
        lock (_sync)
        {
            if (guestFd >= 0 && guestFd < _entries.Count && _entries[guestFd] is { } entry)
            {
                hostFd = entry.HostFd;
                return true;
            }
        }
        hostFd = -1;
        return false;
    }

    /// <summary>The host descriptor for a dirfd argument: AT_FDCWD is the working directory. False means EBADF.</summary>
    public bool TryGetDirectory(int guestDirFd, out int hostFd)
    {
        if (guestDirFd == AtFdCwd)
        {
            hostFd = WorkingDirectoryHostFd;
            return true;
        }
        return TryGetHost(guestDirFd, out hostFd);
    }

    /// <summary>Closes a guest descriptor; 0, or -EBADF.</summary>
    public int Close(int guestFd)
    {
        Entry entry;
        lock (_sync)
        {
            if (guestFd < 0 || guestFd >= _entries.Count || _entries[guestFd] is not { } found) return -Errno.EBADF;
            entry = found;
            _entries[guestFd] = null;
        }
        // Linux releases the number even when close reports an error, and so do we.
        if (entry.Owned && Libc.Close(entry.HostFd) < 0)
        {
            var errno = Libc.Errno;
            return errno == Errno.EINTR ? 0 : -errno;
        }
        return 0;
    }

    /// <summary>
    /// dup2/dup3: makes <paramref name="newGuestFd"/> refer to what <paramref name="oldGuestFd"/>
    /// does (closing what it referred to). Returns the new descriptor or a negative errno.
    /// </summary>
    public int DuplicateTo(int oldGuestFd, int newGuestFd, bool closeOnExec)
    {
        if (!TryGetHost(oldGuestFd, out var oldHost)) return -Errno.EBADF;
        if (newGuestFd < 0 || newGuestFd >= Limit) return -Errno.EBADF;
        var host = Libc.Fcntl(oldHost, FDupfdCloexec, 0);
        if (host < 0) return -Libc.Errno;
        Entry? previous;
        lock (_sync)
        {
            while (_entries.Count <= newGuestFd) _entries.Add(null);
            previous = _entries[newGuestFd];
            _entries[newGuestFd] = new Entry(host, Owned: true) { CloseOnExec = closeOnExec };
        }
        if (previous is { Owned: true }) Libc.Close(previous.HostFd);
        return newGuestFd;
    }

    /// <summary>dup / F_DUPFD: a new guest number (lowest free at or above <paramref name="minimum"/>) for the same file.</summary>
    public int Duplicate(int guestFd, int minimum, bool closeOnExec)
    {
        if (!TryGetHost(guestFd, out var hostFd)) return -Errno.EBADF;
        if (minimum < 0 || minimum >= Limit) return -Errno.EINVAL;
        var host = Libc.Fcntl(hostFd, FDupfdCloexec, 0);
        if (host < 0) return -Libc.Errno;
        return Add(host, minimum, closeOnExec);
    }

    /// <summary>
    /// The guest's FD_CLOEXEC flag. Host descriptors are always close-on-exec (so host child
    /// processes never inherit guest files); the guest's own flag is kept here.
    /// </summary>
    public bool? GetCloseOnExec(int guestFd)
    {
        lock (_sync) return guestFd >= 0 && guestFd < _entries.Count && _entries[guestFd] is { } entry ? entry.CloseOnExec : null;
    }

    public bool SetCloseOnExec(int guestFd, bool value)
    {
        lock (_sync)
        {
            if (guestFd < 0 || guestFd >= _entries.Count || _entries[guestFd] is not { } entry) return false;
            entry.CloseOnExec = value;
            return true;
        }
    }

    /// <summary>Makes <paramref name="hostDirectoryFd"/> (owned from now on) the working directory.</summary>
    public void ChangeDirectory(int hostDirectoryFd)
    {
        int previous;
        lock (_sync)
        {
            previous = _cwdHostFd;
            _cwdHostFd = hostDirectoryFd;
        }
        if (previous >= 0) Libc.Close(previous);
    }

    /// <summary>Closes guest descriptors first..last (close_range without flags).</summary>
    public void CloseRange(int first, int last)
    {
        int count;
        lock (_sync) count = _entries.Count;
        for (var fd = Math.Max(0, first); fd <= last && fd < count; fd++) Close(fd);
    }

    /// <summary>The guest descriptor numbers in use, ascending.</summary>
    public IReadOnlyList<int> OpenDescriptors
    {
        get
        {
            lock (_sync) return Enumerable.Range(0, _entries.Count).Where(fd => _entries[fd] is not null).ToArray();
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            foreach (var entry in _entries)
                if (entry is { Owned: true }) Libc.Close(entry.HostFd);
            _entries.Clear();
            if (_cwdHostFd >= 0) Libc.Close(_cwdHostFd);
            _cwdHostFd = -1;
        }
    }

    private sealed record Entry(int HostFd, bool Owned)
    {
        public bool CloseOnExec { get; set; }
    }
}
