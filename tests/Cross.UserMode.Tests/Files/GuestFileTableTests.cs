using System.Runtime.InteropServices;
using Cross.UserMode.Files;
using Cross.UserMode.Syscalls;

namespace Cross.UserMode.Tests.Files;

public sealed class GuestFileTableTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cross-fd-").FullName;
    private readonly GuestFileTable _table;
    private readonly List<SafeHandle> _handles = new();

    public GuestFileTableTests() => _table = new GuestFileTable(0, 1, 2, _directory);

    public void Dispose()
    {
        _table.Dispose();
        foreach (var handle in _handles) handle.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A host descriptor the table may own (a dup of a fresh file's handle).</summary>
    private int HostFile(string name)
    {
        var handle = File.OpenHandle(Path.Combine(_directory, name), FileMode.Create, FileAccess.ReadWrite);
        _handles.Add(handle);
        return Dup((int)handle.DangerousGetHandle());
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "dup")]
    private static extern int Dup(int fd);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fcntl")]
    private static extern int Fcntl(int fd, int command, long argument);

    private static bool IsOpen(int hostFd) => Fcntl(hostFd, 1 /* F_GETFD */, 0) >= 0;

    [Fact]
    public void NumbersAreTheLowestFree()
    {
        Assert.Equal(3, _table.Add(HostFile("a")));
        Assert.Equal(4, _table.Add(HostFile("b")));
        Assert.Equal(0, _table.Close(3));
        Assert.Equal(3, _table.Add(HostFile("c")));
        Assert.Equal(10, _table.Add(HostFile("d"), minimum: 10));
        Assert.Equal([0, 1, 2, 3, 4, 10], _table.OpenDescriptors);
    }

    [Fact]
    public void ClosingUnknownDescriptorsIsEbadf()
    {
        Assert.Equal(-Errno.EBADF, _table.Close(7));
        Assert.Equal(-Errno.EBADF, _table.Close(-1));
        Assert.False(_table.TryGetHost(5, out _));
    }

    [Fact]
    public void ClosingBorrowedStandardDescriptorsLeavesTheHostOnesOpen()
    {
        Assert.Equal(0, _table.Close(1));
        Assert.False(_table.TryGetHost(1, out _));
        Assert.True(IsOpen(1));
        Assert.Equal(1, _table.Add(HostFile("x")));
    }

    [Fact]
    public void DuplicatesShareTheFileAndTrackCloseOnExec()
    {
        var fd = _table.Add(HostFile("dup"));
        var copy = _table.Duplicate(fd, 0, closeOnExec: true);
        Assert.Equal(fd + 1, copy);
        Assert.True(_table.GetCloseOnExec(copy));
        Assert.False(_table.GetCloseOnExec(fd));
        Assert.Equal(9, _table.DuplicateTo(fd, 9, closeOnExec: false));
        Assert.True(_table.TryGetHost(9, out var host9));
        Assert.True(_table.TryGetHost(fd, out var host));
        Assert.NotEqual(host, host9);
        Assert.Equal(-Errno.EBADF, _table.DuplicateTo(42, 9, false));
        Assert.Equal(-Errno.EBADF, _table.DuplicateTo(fd, -3, false));
    }

    [Fact]
    public void DescriptorLimitGivesEmfile()
    {
        _table.Limit = 5;
        Assert.Equal(3, _table.Add(HostFile("1")));
        Assert.Equal(4, _table.Add(HostFile("2")));
        Assert.Equal(-Errno.EMFILE, _table.Add(HostFile("3")));
    }

    [Fact]
    public void AtFdCwdIsTheWorkingDirectory()
    {
        Assert.True(_table.TryGetDirectory(GuestFileTable.AtFdCwd, out var cwd));
        Assert.Equal(_table.WorkingDirectoryHostFd, cwd);
        Assert.False(_table.TryGetDirectory(55, out _));
    }
}
