using Cross.Devices.Serial;
using Cross.Machines.Dtb;

namespace Cross.Machines.DeviceTypes;

/// <summary>QEMU virt's UART0: ns16550a with a 3.6864 MHz clock, registers one byte apart.</summary>
public sealed class Ns16550aType : DeviceType
{
    public override string Name => "ns16550a";

    public override IReadOnlyList<string> Aliases => ["ns16550", "serial"];

    public override string NodeName => "serial";

    public override ulong DefaultSize => 0x100;

    public override int IrqCount => 1;

    public override bool IsConsole => true;

    public override IReadOnlyCollection<string> KnownProperties => ["clock-frequency"];

    private static uint Clock(DeviceDescription device) => checked((uint)device.Number("clock-frequency", Ns16550.DefaultClockFrequency));

    public override object Create(MachineBuildContext context, DeviceDescription device)
    {
        var uart = new Ns16550(context.Irq(device), context.Clock, Clock(device));
        context.Map(device, uart);
        return uart;
    }

    public override void AddNodes(DeviceTreeContext tree, DeviceDescription device)
    {
        var node = tree.AddSocNode(device);
        node.SetString("compatible", "ns16550a");
        node.SetCells("clock-frequency", Clock(device));
        tree.AddInterrupts(node, device);
    }
}
