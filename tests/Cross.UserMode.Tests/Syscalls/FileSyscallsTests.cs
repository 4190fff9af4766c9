using System.Buffers.Binary;
using System.Text;
using Cross.UserMode.Syscalls;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests.Syscalls;

public class FileSyscallsTests
{
    private const int Openat = 56, Close = 57, Read = 63, Write = 64, Lseek = 62, Fstat = 80, Newfstatat = 79, Readlinkat = 78,
        Getcwd = 17, Chdir = 49, Mkdirat = 34, Dup = 23, Dup3 = 24, Fcntl = 25, Ioctl = 29, Pipe2 = 59, Getdents64 = 61, Unlinkat = 35;
    private const ulong AtFdCwd = unchecked((ulong)-100);
    private const ulong Buffer = TestProcess.Scratch + 0x1000;

    [Fact]
    public void WriteGoesToTheGuestsStandardOutput()
    {
        using var test = TestProcess.Create();
        var text = test.String("hello from the guest\n");
        Assert.Equal(21, test.Call(Write, 1, text, 21));
        Assert.Equal("hello from the guest\n", test.StandardOutput());
    }

    [Fact]
    public void OpenWriteSeekReadAndStatAFile()
    {
        using var test = TestProcess.Create();
        var fd = test.Call(Openat, AtFdCwd, test.String("data.txt"), 0x42 /* O_RDWR|O_CREAT */, 0x1A4);
        Assert.Equal(3, fd);
        Assert.Equal(5, test.Call(Write, (ulong)fd, test.String("abcde", 0x100), 5));
        Assert.Equal(1, test.Call(Lseek, (ulong)fd, 1, 0));
        Assert.Equal(3, test.Call(Read, (ulong)fd, Buffer, 3));
        var bytes = new byte[3];
        test.Memory.ReadBytes(Buffer, bytes);
        Assert.Equal("bcd", Encoding.ASCII.GetString(bytes));

        Assert.Equal(0, test.Call(Fstat, (ulong)fd, Buffer));
        var stat = new byte[128];
        test.Memory.ReadBytes(Buffer, stat);
        Assert.Equal(5L, BinaryPrimitives.ReadInt64LittleEndian(stat.AsSpan(48)));
        Assert.Equal(0x8000u, BinaryPrimitives.ReadUInt32LittleEndian(stat.AsSpan(16)) & 0xF000);
        Assert.Equal((uint)File.GetUnixFileMode(Path.Combine(test.Directory, "data.txt")), BinaryPrimitives.ReadUInt32LittleEndian(stat.AsSpan(16)) & 0x1FF);

        Assert.Equal(0, test.Call(Close, (ulong)fd));
        Assert.Equal(-Errno.EBADF, test.Call(Close, (ulong)fd));
        Assert.True(File.Exists(Path.Combine(test.Directory, "data.txt")));
    }

    [Fact]
    public void MissingFilesGiveEnoent()
    {
        using var test = TestProcess.Create();
        Assert.Equal(-Errno.ENOENT, test.Call(Openat, AtFdCwd, test.String("no/such/file"), 0, 0));
        Assert.Equal(-Errno.ENOENT, test.Call(Newfstatat, AtFdCwd, test.String("missing"), Buffer, 0));
        Assert.Equal(-Errno.EBADF, test.Call(Openat, 77, test.String("relative"), 0, 0));
    }

    [Fact]
    public void ProcSelfExeIsTheGuestBinary()
    {
        using var test = TestProcess.Create();
        var length = test.Call(Readlinkat, AtFdCwd, test.String("/proc/self/exe"), Buffer, 4096);
        var bytes = new byte[length];
        test.Memory.ReadBytes(Buffer, bytes);
        Assert.Equal(test.ProgramPath, Encoding.UTF8.GetString(bytes));
        // Opening it opens the guest ELF, not the emulator.
        var fd = test.Call(Openat, AtFdCwd, test.String("/proc/self/exe"), 0, 0);
        Assert.True(fd >= 0);
        Assert.Equal(4, test.Call(Read, (ulong)fd, Buffer, 4));
        Assert.Equal(0x464C457FUL, test.Memory.Read(Buffer, 4));
    }

    [Fact]
    public void WorkingDirectoryIsTheGuestsOwn()
    {
        using var test = TestProcess.Create();
        var hostDirectory = Environment.CurrentDirectory;
        Assert.Equal(0, test.Call(Mkdirat, AtFdCwd, test.String("sub"), 0x1ED));
        Assert.Equal(0, test.Call(Chdir, test.String("sub")));
        var length = test.Call(Getcwd, Buffer, 4096);
        Assert.Equal(Path.Combine(test.Directory, "sub"), test.Memory.TryReadString(Buffer));
        Assert.Equal(Path.Combine(test.Directory, "sub").Length + 1, length);
        Assert.Equal(-Errno.ERANGE, test.Call(Getcwd, Buffer, 3));
        Assert.Equal(hostDirectory, Environment.CurrentDirectory);
        var fd = test.Call(Openat, AtFdCwd, test.String("inside"), 0x41, 0x1A4);
        Assert.True(fd >= 0);
        Assert.True(File.Exists(Path.Combine(test.Directory, "sub", "inside")));
        Assert.Equal(0, test.Call(Unlinkat, AtFdCwd, test.String("inside"), 0));
    }

    [Fact]
    public void DupAndFcntlFollowTheGuestNumbering()
    {
        using var test = TestProcess.Create();
        Assert.Equal(3, test.Call(Dup, 1));
        Assert.Equal(10, test.Call(Dup3, 3, 10, 0x80000));
        Assert.Equal(1, test.Call(Fcntl, 10, 1 /* F_GETFD */));
        Assert.Equal(0, test.Call(Fcntl, 3, 1));
        Assert.Equal(4, test.Call(Fcntl, 3, 0 /* F_DUPFD */, 4));
        Assert.Equal(-Errno.EINVAL, test.Call(Dup3, 3, 3, 0));
        Assert.Equal(5, test.Call(Write, 10, test.String("dup!\n"), 5));
        Assert.Equal("dup!\n", test.StandardOutput());
    }

    [Fact]
    public void TerminalIoctlsOnFilesAreEnotty()
    {
        using var test = TestProcess.Create();
        Assert.Equal(-Errno.ENOTTY, test.Call(Ioctl, 1, 0x5401 /* TCGETS */, Buffer));
        Assert.Equal(-Errno.ENOTTY, test.Call(Ioctl, 1, 0x5413 /* TIOCGWINSZ */, Buffer));
        Assert.Equal(-Errno.EBADF, test.Call(Ioctl, 99, 0x5401, Buffer));
    }

    [Fact]
    public void PipesCarryBytes()
    {
        using var test = TestProcess.Create();
        Assert.Equal(0, test.Call(Pipe2, Buffer, 0));
        var readFd = test.Memory.Read(Buffer, 4);
        var writeFd = test.Memory.Read(Buffer + 4, 4);
        Assert.Equal((3UL, 4UL), (readFd, writeFd));
        Assert.Equal(4, test.Call(Write, writeFd, test.String("ping"), 4));
        Assert.Equal(4, test.Call(Read, readFd, Buffer + 16, 16));
        Assert.Equal("ping", test.Memory.TryReadString(Buffer + 16)?[..4]);
    }

    [Fact]
    public void GetdentsListsADirectory()
    {
        using var test = TestProcess.Create();
        File.WriteAllText(Path.Combine(test.Directory, "listed.txt"), "x");
        var fd = test.Call(Openat, AtFdCwd, test.String("."), 0x10000 /* O_DIRECTORY */, 0);
        var total = test.Call(Getdents64, (ulong)fd, Buffer, 4096);
        Assert.True(total > 0);
        var bytes = new byte[total];
        test.Memory.ReadBytes(Buffer, bytes);
        var names = new List<string>();
        for (var offset = 0; offset < total;)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 16));
            var name = bytes.AsSpan(offset + 19, length - 19);
            names.Add(Encoding.UTF8.GetString(name[..name.IndexOf((byte)0)]));
            offset += length;
        }
        Assert.Contains("listed.txt", names);
        Assert.Contains("guest", names);
    }
}
