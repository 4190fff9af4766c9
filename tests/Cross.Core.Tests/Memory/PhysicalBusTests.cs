using Cross.Core.Devices;
using Cross.Core.Memory;

namespace Cross.Core.Tests.Memory;

public class PhysicalBusTests
{
    private sealed class RecordingDevice : IMmioDevice
    {
        public List<(ulong Offset, int Size, ulong Value)> Writes { get; } = new();

        public ulong Read(ulong offset, int size) => 0xA0 + offset;

        public void Write(ulong offset, int size, ulong value) => Writes.Add((offset, size, value));
    }

    [Fact]
    public void RamAndDevicesAreDispatchedByAddressWithOffsetsForDevices()
    {
        var bus = new PhysicalBus();
        bus.AddRam("dram", 0x8000_0000, 0x1000);
        var device = new RecordingDevice();
        bus.AddMmio("uart", 0x1000_0000, 0x100, device);

        bus.Write(0x8000_0010, 8, 0x1122_3344_5566_7788);
        Assert.Equal(0x5566_7788UL, bus.Read(0x8000_0010, 4));
        Assert.Equal(0xA5UL, bus.Read(0x1000_0005, 1));
        bus.Write(0x1000_0004, 4, 7);
        Assert.Equal((4UL, 4, 7UL), device.Writes.Single());
    }

    [Fact]
    public void OverlappingRegionsAreRejected()
    {
        var bus = new PhysicalBus();
        bus.AddRam("dram", 0x8000_0000, 0x1000);
        var error = Assert.Throws<ArgumentException>(() => bus.AddMmio("bad", 0x8000_0FFC, 8, new RecordingDevice()));
        Assert.Contains("overlaps dram", error.Message);
    }

    [Theory]
    [InlineData(0x7FFF_FFFFUL, 1)]       // below RAM
    [InlineData(0x8000_0FFCUL, 8)]       // straddles the end of RAM
    [InlineData(0x9000_0000UL, 4)]       // nothing there
    public void AccessesOutsideRegionsFault(ulong address, int size)
    {
        var bus = new PhysicalBus();
        bus.AddRam("dram", 0x8000_0000, 0x1000);
        var fault = Assert.Throws<GuestMemoryFaultException>(() => bus.Read(address, size));
        Assert.Equal(MemoryFaultReason.Unmapped, fault.Reason);
        Assert.Throws<GuestMemoryFaultException>(() => bus.Write(address, size, 0));
    }

    [Fact]
    public void WritingTrackedCodeReportsThePageOnce()
    {
        var bus = new PhysicalBus();
        bus.AddRam("dram", 0x8000_0000, 0x4000);
        var reports = new List<(ulong, ulong)>();
        bus.CodeModified += (start, end) => reports.Add((start, end));
        bus.TrackCode(0x8000_1000, 0x8000_1010);
        bus.Write(0x8000_2000, 4, 1);
        bus.Write(0x8000_1008, 4, 1);
        bus.Write(0x8000_1008, 4, 2);
        Assert.Equal([(0x8000_1000UL, 0x8000_2000UL)], reports);
    }

    [Fact]
    public void ImagesMustFitInRam()
    {
        var bus = new PhysicalBus();
        bus.AddRam("dram", 0x8000_0000, 0x1000);
        bus.LoadImage(0x8000_0FFE, [1, 2]);
        Assert.Equal(0x0201UL, bus.Read(0x8000_0FFE, 2));
        Assert.Throws<ArgumentException>(() => bus.LoadImage(0x8000_0FFF, [1, 2]));
    }
}
