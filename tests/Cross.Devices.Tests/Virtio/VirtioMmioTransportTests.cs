using Cross.Devices.Virtio;
using static Cross.Devices.Virtio.VirtioConstants;
using static Cross.Devices.Virtio.VirtioMmioTransport;

namespace Cross.Devices.Tests.Virtio;

public class VirtioMmioTransportTests
{
    private static VirtioBench BlockBench(bool readOnly = false) =>
        new(new VirtioBlock(new MemoryBlockBackend(new byte[8192]), readOnly));

    [Fact]
    public void IdentifiesAsModernVirtioMmio()
    {
        var bench = BlockBench();
        Assert.Equal(0x74726976u, bench.Reg(MagicValueRegister));
        Assert.Equal(2u, bench.Reg(VersionRegister));
        Assert.Equal(DeviceBlock, bench.Reg(DeviceIdRegister));
        Assert.Equal(VendorId, bench.Reg(VendorIdRegister));
    }

    [Fact]
    public void EmptySlotReportsDeviceIdZeroAndIgnoresWrites()
    {
        var empty = new VirtioMmioTransport(new Cross.Core.Memory.PhysicalBus(), new Cross.Core.Devices.InterruptLine(), null);
        Assert.Equal(MagicValue, (uint)empty.Read(MagicValueRegister, 4));
        Assert.Equal(0u, (uint)empty.Read(DeviceIdRegister, 4));
        empty.Write(StatusRegister, 4, StatusAcknowledge);
        Assert.Equal(0u, (uint)empty.Read(StatusRegister, 4));
    }

    [Fact]
    public void FeaturesAreOfferedThroughTheSelectWindow()
    {
        var bench = BlockBench(readOnly: true);
        bench.SetReg(DeviceFeaturesSelRegister, 0);
        var low = bench.Reg(DeviceFeaturesRegister);
        bench.SetReg(DeviceFeaturesSelRegister, 1);
        var high = bench.Reg(DeviceFeaturesRegister);
        bench.SetReg(DeviceFeaturesSelRegister, 2);
        Assert.Equal(0u, bench.Reg(DeviceFeaturesRegister));
        Assert.Equal(1u, high & 1); // VERSION_1
        Assert.NotEqual(0u, low & (1u << VirtioBlock.FeatureReadOnly));
        Assert.NotEqual(0u, low & (1u << FeatureIndirectDesc));
        Assert.NotEqual(0u, low & (1u << FeatureEventIdx));
    }

    [Fact]
    public void FeaturesOkIsRefusedWithoutVersion1OrWithUnofferedBits()
    {
        var bench = BlockBench();
        Assert.False(bench.Negotiate(Bit(VirtioBlock.FeatureFlush)));
        Assert.False(bench.Negotiate(Bit(FeatureVersion1) | Bit(40)));
        Assert.True(bench.Negotiate(Bit(FeatureVersion1)));
        Assert.Equal(Bit(FeatureVersion1), bench.Transport.NegotiatedFeatures);
    }

    [Fact]
    public void QueueNumMaxAndReadyFollowQueueSelect()
    {
        var bench = BlockBench();
        bench.Negotiate();
        bench.SetReg(QueueSelRegister, 0);
        Assert.Equal(256u, bench.Reg(QueueNumMaxRegister));
        bench.SetReg(QueueSelRegister, 1);
        Assert.Equal(0u, bench.Reg(QueueNumMaxRegister));
        Assert.Equal(0u, bench.Reg(QueueReadyRegister));
    }

    [Theory]
    [InlineData(0, 0x8000_0000ul)]
    [InlineData(3, 0x8000_0000ul)]
    [InlineData(512, 0x8000_0000ul)]
    [InlineData(16, 0x8000_0008ul)] // descriptor table must be 16-byte aligned
    public void InvalidQueueSetupNeverBecomesReady(ushort size, ulong descriptors)
    {
        var bench = BlockBench();
        bench.Negotiate();
        bench.SetupQueue(0, size, descriptors, 0x8000_1000, 0x8000_2000);
        Assert.Equal(0u, bench.Reg(QueueReadyRegister));
        Assert.Null(bench.Transport.Queue(0));
    }

    [Fact]
    public void StatusZeroResetsEverything()
    {
        var bench = BlockBench();
        bench.Start();
        Assert.NotNull(bench.Transport.Queue(0));
        bench.SetReg(StatusRegister, 0);
        Assert.Equal(0u, bench.Reg(StatusRegister));
        Assert.Null(bench.Transport.Queue(0));
        bench.SetReg(QueueSelRegister, 0);
        Assert.Equal(0u, bench.Reg(QueueReadyRegister));
        Assert.Equal(0ul, bench.Transport.NegotiatedFeatures);
    }

    [Fact]
    public void UsedBufferInterruptIsRaisedAndAcknowledged()
    {
        var bench = BlockBench();
        var queue = bench.Start()[0];
        queue.Submit(0, (0x8001_0000, 16, false), (0x8001_1000, 1, true));
        Assert.True(bench.Irq.Asserted);
        Assert.Equal(InterruptUsedBuffer, bench.Reg(InterruptStatusRegister));
        bench.SetReg(InterruptAckRegister, InterruptUsedBuffer);
        Assert.False(bench.Irq.Asserted);
        Assert.Equal(0u, bench.Reg(InterruptStatusRegister));
    }

    [Fact]
    public void ConfigSpaceReadsCapacityAtAnyWidth()
    {
        var bench = BlockBench();
        Assert.Equal(16ul, bench.Transport.Read(ConfigOffset, 8));
        Assert.Equal(16u, bench.Reg(ConfigOffset));
        Assert.Equal(0u, bench.Reg(ConfigOffset + 4));
        Assert.Equal((byte)16, (byte)bench.Transport.Read(ConfigOffset, 1));
        Assert.Equal(0ul, bench.Transport.Read(ConfigOffset + 0x1000, 4));
    }

    [Fact]
    public void NotifyBeforeDriverOkDoesNothing()
    {
        var bench = BlockBench();
        bench.Negotiate();
        var queue = bench.SetupQueue(0, 16, 0x8000_0000, 0x8000_1000, 0x8000_2000);
        queue.Submit(0, (0x8001_0000, 16, false), (0x8001_1000, 1, true));
        Assert.Equal(0, queue.UsedIndex);
        Assert.False(bench.Irq.Asserted);
    }
}
