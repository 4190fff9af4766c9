using Cross.Core.Devices;
using Cross.Devices.Interrupts;
using Cross.Machines.Dtb;

namespace Cross.Machines.DeviceTypes;

/// <summary>
/// The SiFive PLIC with QEMU virt's wiring: per hart, context 2h drives MEIP and 2h+1 drives SEIP
/// (property contexts=M gives M-mode contexts only). sources= is the highest source ID, riscv,ndev
/// in the tree: QEMU 7.2's virt reports 96 (0x60).
/// </summary>
public sealed class PlicType : InterruptControllerType
{
    public override string Name => "plic";

    public override IReadOnlyList<string> Aliases => ["sifive_plic"];

    public override ulong DefaultSize => 0x600000;

    public override IReadOnlyCollection<string> KnownProperties => ["sources", "contexts"];

    private static int Sources(DeviceDescription device) => checked((int)device.Number("sources", 96));

    private static bool SupervisorContexts(DeviceDescription device) => device.Property("contexts") switch
    {
        null or "MS" => true,
        "M" => false,
        var other => throw new BoardException($"{device.Name} contexts: '{other}' is not MS or M"),
    };

    public override void Validate(DeviceDescription device)
    {
        if (Sources(device) is < 1 or > Plic.MaxSources) throw new BoardException($"{device.Name}: sources must be 1..{Plic.MaxSources}");
        SupervisorContexts(device);
    }

    public override int MaxIrq(DeviceDescription controller) => Sources(controller);

    public override IEnumerable<uint> InterruptCells(int irq) => [(uint)irq];

    public override object Create(MachineBuildContext context, DeviceDescription device)
    {
        var outputs = new List<IInterruptLine>();
        foreach (var hart in context.Harts)
        {
            outputs.Add(hart.Meip);
            if (SupervisorContexts(device)) outputs.Add(hart.Seip);
        }
        if (outputs.Count > Plic.MaxContexts || Plic.ContextBase + Plic.ContextStride * (ulong)outputs.Count > device.Size)
            throw new BoardException($"{device.Name}: {outputs.Count} contexts do not fit in 0x{device.Size:x} bytes");
        var plic = new Plic(Sources(device), outputs);
        context.ProvideInterrupts(plic.Source);
        context.Map(device, plic);
        return plic;
    }

    public override void AddNodes(DeviceTreeContext tree, DeviceDescription device)
    {
        var node = tree.AddSocNode(device);
        node.SetCells("phandle", tree.Phandle(device.Name));
        node.SetCells("riscv,ndev", (uint)Sources(device));
        var contexts = new List<uint>();
        foreach (var intc in tree.HartInterruptControllers)
        {
            contexts.AddRange([intc, 11]); // machine external interrupt
            if (SupervisorContexts(device)) contexts.AddRange([intc, 9]); // supervisor external interrupt
        }
        node.SetCells("interrupts-extended", contexts);
        node.SetEmpty("interrupt-controller");
        node.SetStrings("compatible", "sifive,plic-1.0.0", "riscv,plic0");
        node.SetCells("#address-cells", 0);
        node.SetCells("#interrupt-cells", 1);
    }
}
