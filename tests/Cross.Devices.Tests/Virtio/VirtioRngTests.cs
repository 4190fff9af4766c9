using Cross.Devices.Virtio;

namespace Cross.Devices.Tests.Virtio;

public class VirtioRngTests
{
    private static byte[] Draw(int seed)
    {
        var bench = new VirtioBench(new VirtioRng(seed));
        var queue = bench.Start()[0];
        queue.Submit(0, (0x8001_0000, 64, true));
        Assert.Equal([(0u, 64u)], queue.TakeUsed());
        return bench.RamSpan(0x8001_0000, 64).ToArray();
    }

    [Fact]
    public void SameSeedGivesTheSameBytes()
    {
        Assert.Equal(Draw(7), Draw(7));
        Assert.NotEqual(Draw(7), Draw(8));
        Assert.Contains(Draw(7), b => b != 0);
    }

    [Fact]
    public void RequestWithReadableBuffersFails()
    {
        var bench = new VirtioBench(new VirtioRng(1));
        var queue = bench.Start()[0];
        queue.Submit(0, (0x8001_0000, 8, false), (0x8001_1000, 8, true));
        Assert.Equal([(0u, 0u)], queue.TakeUsed());
        Assert.All(bench.RamSpan(0x8001_1000, 8).ToArray(), b => Assert.Equal(0, b));
    }
}
