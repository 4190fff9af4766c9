using Cross.Devices.Timers;
using Cross.Machines.Dtb;

namespace Cross.Machines.DeviceTypes;

/// <summary>The CLINT: one MSIP and one MTIP line per hart, mtime at 10 MHz of guest time.</summary>
public sealed class ClintType : DeviceType
{
    public override string Name => "clint";

    public override IReadOnlyList<string> Aliases => ["sifive_clint", "aclint"];

    public override ulong DefaultSize => Clint.Size;

    public override object Create(MachineBuildContext context, DeviceDescription device)
    {
        if (context.Board.Cpu.TimebaseFrequency != Clint.TimebaseFrequency)
            throw new BoardException($"{device.Name} counts at {Clint.TimebaseFrequency} Hz but the board says timebase-frequency {context.Board.Cpu.TimebaseFrequency}");
        var clint = new Clint(context.Clock, context.Harts.Select(h => h.Msip).ToArray(), context.Harts.Select(h => h.Mtip).ToArray());
        context.Map(device, clint);
        return clint;
    }

    public override void AddNodes(DeviceTreeContext tree, DeviceDescription device)
    {
        var node = tree.AddSocNode(device);
        // Per hart: machine software interrupt (3) and machine timer interrupt (7).
        node.SetCells("interrupts-extended", tree.HartInterruptControllers.SelectMany(intc => new uint[] { intc, 3, intc, 7 }));
        node.SetStrings("compatible", "sifive,clint0", "riscv,clint0");
    }
}
