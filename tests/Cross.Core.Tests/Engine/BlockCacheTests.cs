using Cross.Core.Engine;
using Cross.Core.Ir;

namespace Cross.Core.Tests.Engine;

public class BlockCacheTests
{
    private sealed class FakeBlock(ulong start, ulong end) : ICompiledBlock
    {
        public IrBlock Source { get; } = new(start) { GuestEnd = end };

        public BlockExit Execute(GuestContext context, long budget) => BlockExit.Jump(0, 0);
    }

    [Fact]
    public void KeysIncludeTheMode()
    {
        var cache = new BlockCache();
        var user = new FakeBlock(0x1000, 0x1010);
        cache.Add(0x1000, 0, user);
        Assert.True(cache.TryGet(0x1000, 0, out var found));
        Assert.Same(user, found);
        Assert.False(cache.TryGet(0x1000, 1, out _));
    }

    [Fact]
    public void InvalidationDropsOnlyOverlappingBlocks()
    {
        var cache = new BlockCache();
        cache.Add(0x1000, 0, new FakeBlock(0x1000, 0x1010));
        cache.Add(0x1010, 0, new FakeBlock(0x1010, 0x1020));
        cache.Add(0x1FF8, 0, new FakeBlock(0x1FF8, 0x2008));   // crosses into the next page

        cache.Invalidate(0x1014, 0x1015);
        Assert.True(cache.TryGet(0x1000, 0, out _));
        Assert.False(cache.TryGet(0x1010, 0, out _));

        cache.Invalidate(0x2000, 0x2004);
        Assert.False(cache.TryGet(0x1FF8, 0, out _));
        Assert.Equal(1, cache.Count);
        Assert.Equal(2, cache.Invalidations);
    }
}
