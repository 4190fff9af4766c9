using Cross.Devices.Power;
using Cross.Machines.Dtb;

namespace Cross.Machines.DeviceTypes;

/// <summary>
/// The test finisher, plus the /poweroff and /reboot syscon nodes through which Linux uses it
/// (regmap = the finisher, value 0x5555 or 0x7777 at offset 0), as QEMU's virt board has them.
/// </summary>
public sealed class SifiveTestType : DeviceType
{
    public override string Name => "sifive_test";

    public override IReadOnlyList<string> Aliases => ["sifive-test", "test"];

    public override string NodeName => "test";

    public override object Create(MachineBuildContext context, DeviceDescription device)
    {
        var test = new SifiveTest();
        context.Map(device, test);
        return test;
    }

    public override void AddNodes(DeviceTreeContext tree, DeviceDescription device)
    {
        var phandle = tree.Phandle(device.Name);
        var node = tree.AddSocNode(device);
        node.SetCells("phandle", phandle);
        node.SetStrings("compatible", "sifive,test1", "sifive,test0", "syscon");
        AddSyscon(tree, "poweroff", "syscon-poweroff", SifiveTest.Pass, phandle);
        AddSyscon(tree, "reboot", "syscon-reboot", SifiveTest.Reset, phandle);
    }

    private static void AddSyscon(DeviceTreeContext tree, string name, string compatible, uint value, uint regmap)
    {
        // A second finisher would describe the same two nodes; the first one wins.
        if (tree.Root.Child(name) is not null) return;
        var node = tree.Root.AddNode(name);
        node.SetCells("value", value);
        node.SetCells("offset", 0);
        node.SetCells("regmap", regmap);
        node.SetString("compatible", compatible);
    }
}
