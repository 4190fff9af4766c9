using Cross.UserMode.Memory;

namespace Cross.UserMode.Tests.Memory;

public sealed class GuestMemoryManagerTests : IDisposable
{
    private const ulong Page = GuestMemoryManager.PageSize;
    private readonly GuestAddressSpace _space = new(1UL << 32);
    private readonly GuestMemoryManager _memory;

    public GuestMemoryManagerTests()
    {
        _memory = new GuestMemoryManager(_space) { MmapTop = 0x8000_0000 };
    }

    public void Dispose()
    {
        _memory.Dispose();
        _space.Dispose();
    }

    [Fact]
    public void AllocatesTopDownBelowTheMmapTop()
    {
        var first = _memory.FindFree(3 * Page)!.Value;
        Assert.Equal(0x8000_0000 - 3 * Page, first);
        _memory.Map(first, 3 * Page, MemoryProtection.ReadWrite);
        var second = _memory.FindFree(Page)!.Value;
        Assert.Equal(first - Page, second);
        _memory.Map(second, Page, MemoryProtection.ReadWrite);
        _memory.Unmap(first, Page);
        // The hole left at the bottom of the first mapping is reused when it fits.
        Assert.Equal(first, _memory.FindFree(Page));
        Assert.Equal(second - 2 * Page, _memory.FindFree(2 * Page));
    }

    [Fact]
    public void HonoursAFreeHintAndIgnoresAnOccupiedOne()
    {
        Assert.Equal(0x1234_5000UL, _memory.FindFree(Page, 0x1234_5678));
        _memory.Map(0x1234_5000, Page, MemoryProtection.Read);
        Assert.NotEqual(0x1234_5000UL, _memory.FindFree(Page, 0x1234_5000));
        Assert.NotEqual(0x1000UL, _memory.FindFree(Page, 0x1000));
    }

    [Fact]
    public void UnmapAndProtectSplitMappings()
    {
        _memory.Map(0x10_0000, 4 * Page, MemoryProtection.ReadWrite, "[anon]");
        _memory.Unmap(0x10_1000, Page);
        Assert.True(_memory.Protect(0x10_3000, Page, MemoryProtection.Read));
        var mappings = _memory.Mappings.Where(m => m.Name == "[anon]").Select(m => (m.Start, m.End, m.Protection)).ToArray();
        Assert.Equal(
            [(0x10_0000UL, 0x10_1000UL, MemoryProtection.ReadWrite), (0x10_2000UL, 0x10_3000UL, MemoryProtection.ReadWrite),
             (0x10_3000UL, 0x10_4000UL, MemoryProtection.Read)],
            mappings);
        Assert.False(_memory.Protect(0x10_0000, 4 * Page, MemoryProtection.Read));
    }

    [Fact]
    public void BrkGrowsAndShrinksInWholePages()
    {
        _memory.InitializeBrk(0x20_0123);
        Assert.Equal(0x20_1000UL, _memory.Brk);
        Assert.Equal(0x20_1000UL, _memory.SetBrk(0));
        Assert.Equal(0x20_3800UL, _memory.SetBrk(0x20_3800));
        _space.Write(0x20_37F8, 8, 1);
        _space.Write(0x20_3FF8, 8, 1);
        Assert.Equal(0x20_1800UL, _memory.SetBrk(0x20_1800));
        Assert.Throws<Cross.Core.Memory.GuestMemoryFaultException>(() => _space.Read(0x20_2000, 1));
        Assert.Equal(0UL, _space.Read(0x20_17F8, 8));
        // Below the start, or into an existing mapping: the break stays.
        Assert.Equal(0x20_1800UL, _memory.SetBrk(0x10_0000));
        _memory.Map(0x30_0000, Page, MemoryProtection.Read);
        Assert.Equal(0x20_1800UL, _memory.SetBrk(0x30_0800));
    }

    [Fact]
    public void MapsListEveryMappingInOrder()
    {
        _memory.Map(0x40_0000, Page, MemoryProtection.ReadExecute, "/bin/guest");
        _memory.Map(0x30_0000, 2 * Page, MemoryProtection.ReadWrite, "[heap]");
        var lines = _memory.FormatMaps().TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("00300000-00302000 rw-p 00000000 00:00 0", lines[0]);
        Assert.EndsWith(" [heap]", lines[0]);
        Assert.StartsWith("00400000-00401000 r-xp", lines[1]);
        Assert.EndsWith(" /bin/guest", lines[1]);
    }
}
