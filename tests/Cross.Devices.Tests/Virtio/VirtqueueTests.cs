using Cross.Devices.Virtio;
using static Cross.Devices.Virtio.VirtioConstants;
using static Cross.Devices.Virtio.VirtioMmioTransport;

namespace Cross.Devices.Tests.Virtio;

/// <summary>Hand-made malformed requests: each must come back with zero length and touch nothing outside RAM.</summary>
public class VirtqueueTests
{
    private readonly VirtioBench _bench = new(new VirtioRng(seed: 1));

    private void AssertFailed(DriverQueue queue, ushort head)
    {
        Assert.Equal([((uint)head, 0u)], queue.TakeUsed());
        Assert.Empty(_bench.Below.Accesses);
        Assert.Empty(_bench.Above.Accesses);
        Assert.Equal(0u, _bench.Reg(StatusRegister) & StatusNeedsReset);
    }

    [Fact]
    public void WellFormedRequestSucceeds()
    {
        var queue = _bench.Start()[0];
        queue.Submit(0, (0x8001_0000, 32, true));
        Assert.Equal([(0u, 32u)], queue.TakeUsed());
    }

    [Fact]
    public void LoopingChainFails()
    {
        var queue = _bench.Start()[0];
        queue.SetDescriptor(0, 0x8001_0000, 8, DescWrite | DescNext, 1);
        queue.SetDescriptor(1, 0x8001_0100, 8, DescWrite | DescNext, 0);
        queue.Publish(0);
        queue.Kick();
        AssertFailed(queue, 0);
    }

    [Fact]
    public void SelfLoopOfOneDescriptorFails()
    {
        var queue = _bench.Start()[0];
        queue.SetDescriptor(3, 0x8001_0000, 8, DescWrite | DescNext, 3);
        queue.Publish(3);
        queue.Kick();
        AssertFailed(queue, 3);
    }

    [Theory]
    [InlineData(0x7FFF_FFF0ul, 64u)]          // starts below RAM, in the recording window
    [InlineData(0x800F_FFF0ul, 64u)]          // runs off the end of RAM
    [InlineData(0x8000_0000ul, 0xFFFF_FFFFu)] // absurd length
    [InlineData(VirtioBench.TransportBase, 4u)] // the device's own registers
    [InlineData(0xFFFF_FFFF_FFFF_FFF0ul, 0x20u)] // wraps the address space
    public void BufferOutsideRamFails(ulong address, uint length)
    {
        var queue = _bench.Start()[0];
        queue.Submit(0, (address, length, true));
        AssertFailed(queue, 0);
    }

    [Fact]
    public void HeadOrNextOutsideTheTableFails()
    {
        var queue = _bench.Start()[0];
        queue.Publish(16);
        queue.Kick();
        AssertFailed(queue, 16);

        queue.SetDescriptor(0, 0x8001_0000, 8, DescWrite | DescNext, 40);
        queue.Publish(0);
        queue.Kick();
        AssertFailed(queue, 0);
    }

    [Fact]
    public void ReadableAfterWritableFails()
    {
        var queue = _bench.Start()[0];
        queue.Submit(0, (0x8001_0000, 8, true), (0x8001_0100, 8, false));
        AssertFailed(queue, 0);
    }

    [Fact]
    public void IndirectWithoutTheFeatureFails()
    {
        var queue = _bench.Start(features: Bit(FeatureVersion1))[0];
        queue.SetDescriptor(0x8004_0000, 0, 0x8001_0000, 8, DescWrite, 0);
        queue.SetDescriptor(0, 0x8004_0000, 16, DescIndirect);
        queue.Publish(0);
        queue.Kick();
        AssertFailed(queue, 0);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(24u)]            // not a multiple of 16
    [InlineData(16u * 2048)]     // more entries than allowed
    public void MalformedIndirectTableFails(uint length)
    {
        var queue = _bench.Start()[0];
        queue.SetDescriptor(0, 0x8004_0000, length, DescIndirect);
        queue.Publish(0);
        queue.Kick();
        AssertFailed(queue, 0);
    }

    [Fact]
    public void NestedIndirectTableFails()
    {
        var queue = _bench.Start()[0];
        queue.SetDescriptor(0x8004_0000, 0, 0x8004_1000, 16, DescIndirect, 0);
        queue.SetDescriptor(0x8004_1000, 0, 0x8001_0000, 8, DescWrite, 0);
        queue.SetDescriptor(0, 0x8004_0000, 16, DescIndirect);
        queue.Publish(0);
        queue.Kick();
        AssertFailed(queue, 0);
    }

    [Fact]
    public void IndirectWithNextOrLoopingInsideFails()
    {
        var queue = _bench.Start()[0];
        queue.SetDescriptor(0x8004_0000, 0, 0x8001_0000, 8, DescWrite, 0);
        queue.SetDescriptor(0, 0x8004_0000, 16, DescIndirect | DescNext, 1);
        queue.Publish(0);
        queue.Kick();
        AssertFailed(queue, 0);

        queue.SetDescriptor(0x8004_0000, 0, 0x8001_0000, 8, DescWrite | DescNext, 1);
        queue.SetDescriptor(0x8004_0000, 1, 0x8001_0000, 8, DescWrite | DescNext, 0);
        queue.SetDescriptor(1, 0x8004_0000, 32, DescIndirect);
        queue.Publish(1);
        queue.Kick();
        AssertFailed(queue, 1);
    }

    [Fact]
    public void IndirectTableOutsideRamFails()
    {
        var queue = _bench.Start()[0];
        queue.SetDescriptor(0, VirtioBench.RamEnd - 16, 32, DescIndirect);
        queue.Publish(0);
        queue.Kick();
        AssertFailed(queue, 0);
    }

    [Fact]
    public void AvailableIndexRunningAheadBreaksTheQueueWithNeedsReset()
    {
        var queue = _bench.Start()[0];
        queue.SetAvailIndex(1000);
        queue.Kick();
        Assert.Equal(0, queue.UsedIndex);
        Assert.Equal(StatusNeedsReset, _bench.Reg(StatusRegister) & StatusNeedsReset);
        Assert.Equal(InterruptConfigChange, _bench.Reg(InterruptStatusRegister) & InterruptConfigChange);
        Assert.True(_bench.Irq.Asserted);

        // A reset brings the device back.
        queue = _bench.Start()[0];
        queue.Submit(0, (0x8001_0000, 8, true));
        Assert.Equal([(0u, 8u)], queue.TakeUsed());
    }

    [Fact]
    public void RingsOutsideRamBreakTheQueueWithoutTouchingAnything()
    {
        Assert.True(_bench.Negotiate());
        var queue = _bench.SetupQueue(0, 16, 0x8000_0000, VirtioBench.RamEnd, 0x1_0000_0000);
        _bench.DriverOk();
        queue.Kick();
        Assert.Equal(StatusNeedsReset, _bench.Reg(StatusRegister) & StatusNeedsReset);
        Assert.Empty(_bench.Above.Accesses);
    }

    [Fact]
    public void NoInterruptFlagSuppressesTheInterruptWithoutEventIdx()
    {
        var queue = _bench.Start(features: Bit(FeatureVersion1))[0];
        _bench.Bus.Write(queue.Avail, 2, AvailNoInterrupt);
        queue.Submit(0, (0x8001_0000, 8, true));
        Assert.Single(queue.TakeUsed());
        Assert.False(_bench.Irq.Asserted);
    }

    [Fact]
    public void EventIdxInterruptsOnlyWhenUsedPassesUsedEvent()
    {
        var queue = _bench.Start()[0];
        var usedEvent = queue.Avail + 4 + 2 * (ulong)queue.Size;
        _bench.Bus.Write(usedEvent, 2, 1); // interrupt once the used index passes 1, i.e. after the 2nd
        queue.Submit(0, (0x8001_0000, 8, true));
        Assert.False(_bench.Irq.Asserted);
        queue.Submit(1, (0x8001_0000, 8, true));
        Assert.True(_bench.Irq.Asserted);
        // The device asked to be kicked for the next entry through avail_event.
        Assert.Equal(2ul, _bench.Bus.Read(queue.Used + 4 + 8 * (ulong)queue.Size, 2));
    }
}
