using Cross.Core.Memory;
using Cross.UserMode.Syscalls;
using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests.Syscalls;

public class MemorySyscallsTests
{
    private const int Brk = 214, Munmap = 215, Mremap = 216, Mmap = 222, Mprotect = 226, Madvise = 233;
    private const ulong ReadWrite = 3, Private = 2, Anonymous = 0x20, Fixed = 0x10, FixedNoReplace = 0x100000;
    private const ulong Page = 4096;

    [Fact]
    public void BrkStartsAfterTheImageAndGrows()
    {
        using var test = TestProcess.Create();
        var start = (ulong)test.Call(Brk, 0);
        Assert.Equal(test.Process.Memory.BrkStart, start);
        Assert.True(start >= test.Process.Image.HighAddress);
        Assert.Equal((long)(start + 0x21000), test.Call(Brk, start + 0x21000));
        test.Memory.Write(start + 0x20FF8, 8, 5);
        Assert.Equal((long)(start + 0x21000), test.Call(Brk, 0));
    }

    [Fact]
    public void AnonymousMmapIsZeroedAndUnmappable()
    {
        using var test = TestProcess.Create();
        var address = (ulong)test.Call(Mmap, 0, 3 * Page, ReadWrite, Private | Anonymous, ulong.MaxValue, 0);
        Assert.Equal(0UL, address % Page);
        Assert.True(address > test.Process.Memory.Brk && address < test.Process.InitialStack.StackPointer);
        Assert.Equal(0UL, test.Memory.Read(address + 2 * Page + 8, 8));
        test.Memory.Write(address, 8, 0x1234);
        Assert.Equal(0, test.Call(Munmap, address, 3 * Page));
        Assert.Throws<GuestMemoryFaultException>(() => test.Memory.Read(address, 8));
        Assert.Equal(-Errno.EINVAL, test.Call(Munmap, address + 1, Page));
        Assert.Equal(-Errno.EINVAL, test.Call(Mmap, 0, 0, ReadWrite, Private | Anonymous, ulong.MaxValue, 0));
    }

    [Fact]
    public void FixedMappingsReplaceAndNoReplaceRefuses()
    {
        using var test = TestProcess.Create();
        const ulong at = 0x5000_0000;
        Assert.Equal((long)at, test.Call(Mmap, at, Page, ReadWrite, Private | Anonymous | Fixed, ulong.MaxValue, 0));
        test.Memory.Write(at, 8, 9);
        Assert.Equal(-Errno.EEXIST, test.Call(Mmap, at, Page, ReadWrite, Private | Anonymous | FixedNoReplace, ulong.MaxValue, 0));
        Assert.Equal(9UL, test.Memory.Read(at, 8));
        Assert.Equal((long)at, test.Call(Mmap, at, Page, ReadWrite, Private | Anonymous | Fixed, ulong.MaxValue, 0));
        Assert.Equal(0UL, test.Memory.Read(at, 8));
    }

    [Fact]
    public void MprotectChangesWhatTheGuestMayDo()
    {
        using var test = TestProcess.Create();
        var address = (ulong)test.Call(Mmap, 0, 2 * Page, ReadWrite, Private | Anonymous, ulong.MaxValue, 0);
        Assert.Equal(0, test.Call(Mprotect, address, Page, 1));
        Assert.Throws<GuestMemoryFaultException>(() => test.Memory.Write(address, 4, 1));
        test.Memory.Write(address + Page, 4, 1);
        Assert.Equal(-Errno.ENOMEM, test.Call(Mprotect, 0x7000_0000, Page, 1));
    }

    [Fact]
    public void MremapGrowsOrMovesKeepingContents()
    {
        using var test = TestProcess.Create();
        var address = (ulong)test.Call(Mmap, 0, Page, ReadWrite, Private | Anonymous, ulong.MaxValue, 0);
        test.Memory.Write(address + 16, 8, 0xABCDEF);
        // Something right after it, so growing must move.
        test.Call(Mmap, address + Page, Page, ReadWrite, Private | Anonymous | Fixed, ulong.MaxValue, 0);
        Assert.Equal(-Errno.ENOMEM, test.Call(Mremap, address, Page, 4 * Page, 0));
        var moved = (ulong)test.Call(Mremap, address, Page, 4 * Page, 1 /* MREMAP_MAYMOVE */);
        Assert.NotEqual(address, moved);
        Assert.Equal(0xABCDEFUL, test.Memory.Read(moved + 16, 8));
        test.Memory.Write(moved + 4 * Page - 8, 8, 1);
        Assert.Throws<GuestMemoryFaultException>(() => test.Memory.Read(address, 8));
        Assert.Equal((long)moved, test.Call(Mremap, moved, 4 * Page, Page, 0));
        Assert.Throws<GuestMemoryFaultException>(() => test.Memory.Read(moved + Page, 8));
    }

    [Fact]
    public void MadviseDontneedZeroesPrivateMemory()
    {
        using var test = TestProcess.Create();
        var address = (ulong)test.Call(Mmap, 0, Page, ReadWrite, Private | Anonymous, ulong.MaxValue, 0);
        test.Memory.Write(address, 8, 77);
        Assert.Equal(0, test.Call(Madvise, address, Page, 4));
        Assert.Equal(0UL, test.Memory.Read(address, 8));
    }

    [Fact]
    public void FileMappingsCopyTheFile()
    {
        using var test = TestProcess.Create();
        var path = Path.Combine(test.Directory, "mapped");
        File.WriteAllBytes(path, Enumerable.Range(0, 6000).Select(i => (byte)i).ToArray());
        var fd = test.Call(56, unchecked((ulong)-100), test.String(path), 2 /* O_RDWR */, 0);
        var address = (ulong)test.Call(Mmap, 0, 2 * Page, 1, Private, (ulong)fd, Page);
        Assert.Equal(5UL, test.Memory.Read(address + 5, 1));
        Assert.Equal(0UL, test.Memory.Read(address + 6000 - 4096, 1));
        Assert.Throws<GuestMemoryFaultException>(() => test.Memory.Write(address, 1, 0));

        // A shared writable mapping is written back on munmap.
        var shared = (ulong)test.Call(Mmap, 0, Page, ReadWrite, 1 /* MAP_SHARED */, (ulong)fd, 0);
        test.Memory.Write(shared + 10, 1, 0xEE);
        Assert.Equal(0, test.Call(Munmap, shared, Page));
        Assert.Equal(0xEE, File.ReadAllBytes(path)[10]);
        Assert.Equal(6000, new FileInfo(path).Length);
    }
}
