using Cross.Devices.Serial;
using Cross.Machines.Dtb;

namespace Cross.Machines.DeviceTypes;

/// <summary>
/// ARM's PL011. Linux probes it on the AMBA bus, which needs the apb_pclk clock, so the tree
/// also gets QEMU arm virt's fixed 24 MHz clock node (shared by all PL011s).
/// </summary>
public sealed class Pl011Type : DeviceType
{
    public override string Name => "pl011";

    public override int IrqCount => 1;

    public override bool IsConsole => true;

    public override object Create(MachineBuildContext context, DeviceDescription device)
    {
        var uart = new Pl011(context.Irq(device), context.Clock);
        context.Map(device, uart);
        return uart;
    }

    public override void AddNodes(DeviceTreeContext tree, DeviceDescription device)
    {
        var clock = tree.Phandle("/apb-pclk");
        tree.SharedRootNode("apb-pclk", node =>
        {
            node.SetCells("phandle", clock);
            node.SetString("clock-output-names", "clk24mhz");
            node.SetCells("clock-frequency", (uint)Pl011.UartClockFrequency);
            node.SetCells("#clock-cells", 0);
            node.SetString("compatible", "fixed-clock");
        });
        var uart = tree.AddSocNode(device);
        uart.SetStrings("compatible", "arm,pl011", "arm,primecell");
        uart.SetStrings("clock-names", "uartclk", "apb_pclk");
        uart.SetCells("clocks", clock, clock);
        tree.AddInterrupts(uart, device);
    }
}
