using Cross.Devices.Power;
using Cross.Machines.Dtb;

namespace Cross.Machines.DeviceTypes;

/// <summary>
/// Spike's HTIF. It has no register window: the runner binds it to the ELF's tohost/fromhost
/// symbols (<see cref="Htif.Bind"/>) and the machine polls it. The tree gets Spike's /htif node.
/// </summary>
public sealed class HtifType : DeviceType
{
    public override string Name => "htif";

    public override bool IsMapped => false;

    public override bool IsConsole => true;

    public override object Create(MachineBuildContext context, DeviceDescription device) => new Htif(context.Bus);

    public override void AddNodes(DeviceTreeContext tree, DeviceDescription device)
    {
        if (tree.Root.Child("htif") is null) tree.Root.AddNode("htif").SetString("compatible", "ucb,htif0");
    }
}
