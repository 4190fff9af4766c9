using Cross.Machines.DeviceTypes;

namespace Cross.Machines.Tests;

public class DeviceOptionParserTests
{
    [Fact]
    public void ParsesAddressIrqAndDefaults()
    {
        var device = DeviceOptionParser.Parse("pl011,addr=0x10002000,irq=12");
        Assert.Equal("pl011", device.Type);
        Assert.Equal("pl011@10002000", device.Name);
        Assert.Equal(0x1000_2000ul, device.Address);
        Assert.Equal(0x1000ul, device.Size);
        Assert.Equal([12], device.Irqs);
        Assert.Empty(device.Properties);
    }

    [Fact]
    public void AliasesIdSizeSuffixesPropertiesAndEscapedCommas()
    {
        var device = DeviceOptionParser.Parse("serial,addr=0x10200000,size=4K,irq=13,id=uart2,clock-frequency=1843200");
        Assert.Equal("ns16550a", device.Type);
        Assert.Equal("uart2", device.Name);
        Assert.Equal(4096ul, device.Size);
        Assert.Equal("1843200", device.Property("clock-frequency"));

        var disk = DeviceOptionParser.Parse("virtio-blk,file=a,,b.img,readonly");
        Assert.Equal("virtio-blk-device", disk.Type);
        Assert.Equal("a,b.img", disk.Property("file"));
        Assert.Equal("on", disk.Property("readonly"));
        Assert.Equal(0ul, disk.Address);
    }

    [Theory]
    [InlineData("nosuchdevice,addr=0x1000", "unknown device type")]
    [InlineData("pl011,irq=3", "needs addr=")]
    [InlineData("pl011,addr=zz", "is not a number")]
    [InlineData("addr=0x1000", "device type first")]
    public void BadOptionsSayWhatIsWrong(string text, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => DeviceOptionParser.Parse(text));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("pl011,addr=0x10000080,irq=12", "overlaps serial@10000000")]
    [InlineData("pl011,addr=0x10100000,irq=10", "already used by serial@10000000")]
    [InlineData("pl011,addr=0x10100000,irq=97", "outside 1..96")]
    [InlineData("pl011,addr=0x10100000", "needs 1 irq")]
    [InlineData("pl011,addr=0x10100000,irq=12,colour=red", "has no property 'colour'")]
    [InlineData("virtio-blk-device", "needs file=")]
    [InlineData("ns16550a,addr=0x80000000,irq=12", "overlaps RAM")]
    public void BoardValidationRejectsConflicts(string text, string message)
    {
        var error = Assert.Throws<BoardException>(() => Machine.Create("virt-riscv64", new MachineOptions { Devices = [DeviceOptionParser.Parse(text)] }));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void NinthVirtioBackendNeedsItsOwnTransport()
    {
        var rngs = Enumerable.Range(0, 9).Select(_ => DeviceOptionParser.Parse("virtio-rng-device")).ToArray();
        var error = Assert.Throws<BoardException>(() => Machine.Create("virt-riscv64", new MachineOptions { Devices = rngs }));
        Assert.Contains("no free virtio-mmio slot", error.Message);

        using var machine = Machine.Create("virt-riscv64", new MachineOptions
        {
            Devices = [.. rngs[..8], DeviceOptionParser.Parse("virtio-rng-device,addr=0x10200000,irq=20")],
        });
        Assert.Equal(4ul, machine.Bus.Read(0x1020_0008, 4));
    }
}
