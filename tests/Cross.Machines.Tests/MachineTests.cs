using Cross.Devices.Interrupts;
using Cross.Devices.Power;
using Cross.Devices.Serial;
using Cross.Devices.Timers;
using Cross.Devices.Virtio;
using Cross.Machines.Boards;
using Cross.Machines.DeviceTypes;

namespace Cross.Machines.Tests;

/// <summary>Whole-board behaviour through the bus, the way a guest sees it.</summary>
public class MachineTests
{
    private const ulong Uart = 0x1000_0000, Plic = 0x0C00_0000, Clint = 0x0200_0000, Test = 0x10_0000;

    [Fact]
    public void VirtBoardMapsRamAndEveryDeviceAtQemuAddresses()
    {
        using var machine = Machine.Create("virt-riscv64");
        Assert.Equal(0x8000_0000ul, machine.Ram.Base);
        Assert.Equal(128ul << 20, machine.Ram.Size);
        Assert.IsType<Ns16550>(((Cross.Core.Memory.PhysicalBus.MmioRegion)machine.Bus.Find(Uart)!).Device);
        Assert.IsType<Plic>(machine.Device<object>("plic@c000000"));
        Assert.NotNull(machine.Clint);
        for (var slot = 0UL; slot < 8; slot++)
        {
            Assert.Equal(0x74726976ul, machine.Bus.Read(0x1000_1000 + 0x1000 * slot, 4));
            Assert.Equal(0ul, machine.Bus.Read(0x1000_1008 + 0x1000 * slot, 4)); // empty slots
        }
        Assert.Null(machine.Bus.Find(0x1010_0000)); // no fw_cfg yet
    }

    [Fact]
    public void UartOutputReachesTheConsoleAndInputComesBack()
    {
        using var machine = Machine.Create("virt-riscv64");
        var output = new MemoryStream();
        machine.Console!.ConnectOutput(output);
        foreach (var c in "boot\n") machine.Bus.Write(Uart, 1, c);
        Assert.Equal("boot\n"u8.ToArray(), output.ToArray());

        machine.Console!.Input.Write("y");
        machine.Poll();
        Assert.Equal(1ul, machine.Bus.Read(Uart + 5, 1) & 1);
        Assert.Equal((ulong)'y', machine.Bus.Read(Uart, 1));
    }

    [Fact]
    public void UartInterruptTravelsThroughThePlicToTheHartExternalPins()
    {
        using var machine = Machine.Create("virt-riscv64", new MachineOptions { HartCount = 2 });
        var meip1 = false;
        machine.Harts[1].Meip.Attach(level => meip1 = level);
        machine.Bus.Write(Plic + 4 * 10, 4, 1);                // priority of source 10 (UART0)
        machine.Bus.Write(Plic + 0x2000 + 0x80 * 2, 4, 1 << 10); // enable for context 2 = hart 1 M-mode
        machine.Bus.Write(Uart + 1, 1, 1);                     // IER: receive data
        machine.Console!.Input.Write("!");
        machine.Poll();
        Assert.True(meip1);
        Assert.False(machine.Harts[0].Meip.Asserted);
        Assert.False(machine.Harts[1].Seip.Asserted);
        Assert.Equal(10ul, machine.Bus.Read(Plic + 0x200000 + 0x1000 * 2 + 4, 4)); // claim
        Assert.False(meip1);
        machine.Bus.Read(Uart, 1);
        machine.Bus.Write(Plic + 0x200000 + 0x1000 * 2 + 4, 4, 10); // complete
        Assert.False(meip1);
    }

    [Fact]
    public void ClintTimerRaisesMtipWhenTheClockPassesMtimecmp()
    {
        using var machine = Machine.Create("virt-riscv64");
        machine.Bus.Write(Clint + 0x4000, 8, 1_000); // 100 us at 10 MHz
        machine.Clock.Advance(99_999);
        Assert.False(machine.Harts[0].Mtip.Asserted);
        machine.Clock.Advance(1);
        Assert.True(machine.Harts[0].Mtip.Asserted);
        Assert.Equal(1_000ul, machine.Clint!.MTime);
        machine.Bus.Write(Clint, 4, 1);
        Assert.True(machine.Harts[0].Msip.Asserted);
    }

    [Theory]
    [InlineData(0x5555u, ShutdownKind.Pass, 0)]
    [InlineData(0x0007_3333u, ShutdownKind.Fail, 7)]
    [InlineData(0x7777u, ShutdownKind.Reset, 0)]
    public void FinisherWritesBecomeMachineShutdownRequests(uint value, ShutdownKind kind, int code)
    {
        using var machine = Machine.Create("virt-riscv64");
        ShutdownRequest? seen = null;
        machine.ShutdownRequested += request => seen = request;
        machine.Bus.Write(Test, 4, value);
        Assert.Equal(new ShutdownRequest(kind, code), seen);
        Assert.Equal(seen, machine.PendingShutdown);
    }

    [Fact]
    public void VirtioBackendsFillSlotsFromTheHighestAddressLikeQemu()
    {
        var image = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(image, new byte[1 << 20]);
            using var machine = Machine.Create("virt-riscv64", new MachineOptions
            {
                Devices = [DeviceOptionParser.Parse($"virtio-blk-device,file={image}"), DeviceOptionParser.Parse("virtio-rng-device,seed=5")],
                Seed = 1,
            });
            Assert.Equal(2ul, machine.Bus.Read(0x1000_8008, 4));
            Assert.Equal(4ul, machine.Bus.Read(0x1000_7008, 4));
            Assert.Equal(0ul, machine.Bus.Read(0x1000_6008, 4));
            Assert.Equal(2048ul, machine.Bus.Read(0x1000_8100, 8)); // capacity in sectors
            Assert.Equal("blk-device", machine.Board.Device("virtio_mmio@10008000")!.Property("backend")![7..]);
        }
        finally
        {
            File.Delete(image);
        }
    }

    [Fact]
    public void UserPl011FromTheCommandLineIsOnTheBusAndWiredToItsIrq()
    {
        using var machine = Machine.Create("virt-riscv64", new MachineOptions { Devices = [DeviceOptionParser.Parse("pl011,addr=0x10100000,irq=12")] });
        var uart = machine.Device<Pl011>("pl011@10100000");
        var output = new List<byte>();
        uart.Transmitted += output.Add;
        machine.Bus.Write(0x1010_0000, 4, 'P');
        Assert.Equal([(byte)'P'], output);
        Assert.Equal(0x11ul, machine.Bus.Read(0x1010_0FE0, 4));

        machine.Bus.Write(Plic + 4 * 12, 4, 1);
        machine.Bus.Write(Plic + 0x2000, 4, 1 << 12);
        machine.Bus.Write(0x1010_0038, 4, Pl011.IntTx); // IMSC
        Assert.True(machine.Harts[0].Meip.Asserted);
        Assert.Contains(machine.SerialPorts, p => p.Name == "pl011@10100000");
        Assert.Same(machine.Device<Ns16550>("serial@10000000"), machine.Console);
    }

    [Fact]
    public void SpikeBoardHasHtifAsConsoleAndFinisher()
    {
        using var machine = Machine.Create("spike-riscv64");
        Assert.Same(machine.Htif, machine.Console);
        machine.Htif!.Bind(0x8000_1000, 0x8000_1008);
        var output = new List<byte>();
        machine.Console!.Transmitted += output.Add;
        machine.Bus.Write(0x8000_1000, 8, 1UL << 56 | 1UL << 48 | 'S');
        machine.Poll();
        machine.Bus.Write(0x8000_1000, 8, (3 << 1) | 1);
        machine.Poll();
        Assert.Equal([(byte)'S'], output);
        Assert.Equal(new ShutdownRequest(ShutdownKind.Fail, 3), machine.PendingShutdown);
        Assert.Null(machine.Bus.Find(0x0C00_0000));
    }

    [Fact]
    public void PinsRememberTheirLevelForLateSinks()
    {
        using var machine = Machine.Create("virt-riscv64");
        machine.Bus.Write(Clint + 0x4000, 8, 0);
        var seen = false;
        machine.Harts[0].Mtip.Attach(level => seen = level);
        Assert.True(seen);
    }

    [Fact]
    public void TwoMachinesShareNothing()
    {
        using var a = Machine.Create("virt-riscv64", new MachineOptions { RtcEpochNanoseconds = 0 });
        using var b = Machine.Create("virt-riscv64", new MachineOptions { RtcEpochNanoseconds = 0 });
        a.Bus.Write(0x8000_0000, 8, 42);
        a.Clock.Advance(1_000_000);
        Assert.Equal(0ul, b.Bus.Read(0x8000_0000, 8));
        Assert.Equal(0ul, b.Bus.Read(0x10_1000, 4));
        Assert.Equal(1_000_000ul, a.Bus.Read(0x10_1000, 4));
    }

    [Fact]
    public void OneDescriptionDrivesBothBusAndTree()
    {
        using var machine = Machine.Create("virt-riscv64", new MachineOptions { Devices = [DeviceOptionParser.Parse("pl011,addr=0x10100000,irq=12")] });
        var tree = machine.DeviceTree();
        foreach (var device in machine.Board.Devices)
        {
            var node = tree.Find($"/soc/{DeviceCatalog.Default.Get(device.Type).NodeName}@{device.Address:x}")!;
            var reg = node.Property("reg")!.AsCells();
            Assert.Equal(device.Address, (ulong)reg[0] << 32 | reg[1]);
            Assert.Equal(device.Size, (ulong)reg[2] << 32 | reg[3]);
            var region = machine.Bus.Find(device.Address)!;
            Assert.Equal((device.Address, device.Size), (region.Base, region.Size));
            if (device.Irqs.Count > 0) Assert.Equal((uint)device.Irqs[0], node.Property("interrupts")!.AsU32());
        }
        var memory = tree.Find("/memory@80000000")!.Property("reg")!.AsCells();
        Assert.Equal(machine.Ram.Size, (ulong)memory[2] << 32 | memory[3]);
    }
}
