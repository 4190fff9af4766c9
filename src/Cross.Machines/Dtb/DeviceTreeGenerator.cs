using Cross.Machines.DeviceTypes;

namespace Cross.Machines.Dtb;

/// <summary>
/// Builds the guest's device tree from a board description, following what QEMU 7.2's
/// hw/riscv/virt.c produces for the same devices (checked against its -machine dumpdtb output by
/// the tests). Phandles are numbered in QEMU's order (harts from the highest ID down, then the
/// interrupt controller, then others as referenced) so the two decompile alike. One deliberate
/// addition: each hart's interrupt-controller node has #address-cells = 0, which dtc's
/// interrupt_provider check asks for and QEMU 7.2 omits.
/// </summary>
public static class DeviceTreeGenerator
{
    public static FdtNode Generate(BoardDescription board, DeviceCatalog? catalog = null, ChosenOptions? chosen = null)
    {
        catalog ??= DeviceCatalog.Default;
        if (board.Architecture != "riscv64") throw new BoardException($"no device-tree generator for architecture {board.Architecture}");
        var root = new FdtNode("/");
        root.SetCells("#address-cells", DeviceTreeContext.AddressCells);
        root.SetCells("#size-cells", DeviceTreeContext.SizeCells);
        root.SetStrings("compatible", board.Compatible);
        root.SetString("model", board.Model);

        var chosenNode = root.AddNode("chosen");
        var memory = root.AddNode($"memory@{board.RamBase:x}");
        memory.SetString("device_type", "memory");
        memory.SetReg(DeviceTreeContext.AddressCells, DeviceTreeContext.SizeCells, (board.RamBase, board.RamSize));
        var cpus = root.AddNode("cpus");
        var soc = root.AddNode("soc");
        soc.SetCells("#address-cells", DeviceTreeContext.AddressCells);
        soc.SetCells("#size-cells", DeviceTreeContext.SizeCells);
        soc.SetString("compatible", "simple-bus");
        soc.SetEmpty("ranges");

        var tree = new DeviceTreeContext(board, catalog, root, soc);
        AddCpus(tree, cpus, board);

        // Interrupt controllers take their phandles before anything refers to other nodes.
        foreach (var device in board.Devices.Where(d => catalog.Get(d.Type).IsInterruptController)) tree.Phandle(device.Name);
        foreach (var device in board.Devices) catalog.Get(device.Type).AddNodes(tree, device);

        AddChosen(tree, chosenNode, board, chosen ?? new ChosenOptions());
        return root;
    }

    public static byte[] GenerateBlob(BoardDescription board, DeviceCatalog? catalog = null, ChosenOptions? chosen = null) =>
        FdtWriter.Write(Generate(board, catalog, chosen));

    private static void AddCpus(DeviceTreeContext tree, FdtNode cpus, BoardDescription board)
    {
        cpus.SetCells("#address-cells", 1);
        cpus.SetCells("#size-cells", 0);
        cpus.SetCells("timebase-frequency", checked((uint)board.Cpu.TimebaseFrequency));

        var cpuPhandles = new uint[board.HartCount];
        var intcPhandles = new uint[board.HartCount];
        for (var hart = board.HartCount - 1; hart >= 0; hart--)
        {
            cpuPhandles[hart] = tree.Phandle($"/cpus/cpu@{hart}");
            intcPhandles[hart] = tree.Phandle($"/cpus/cpu@{hart}/interrupt-controller");
        }
        for (var hart = 0; hart < board.HartCount; hart++)
        {
            var cpu = cpus.AddNode($"cpu@{hart:x}");
            cpu.SetCells("phandle", cpuPhandles[hart]);
            cpu.SetString("device_type", "cpu");
            cpu.SetCells("reg", (uint)hart);
            cpu.SetString("status", "okay");
            cpu.SetString("compatible", "riscv");
            cpu.SetString("riscv,isa", board.Cpu.IsaString);
            cpu.SetString("mmu-type", board.Cpu.MmuType);
            var intc = cpu.AddNode("interrupt-controller");
            intc.SetCells("#address-cells", 0);
            intc.SetCells("#interrupt-cells", 1);
            intc.SetEmpty("interrupt-controller");
            intc.SetString("compatible", "riscv,cpu-intc");
            intc.SetCells("phandle", intcPhandles[hart]);
        }
        var cluster = cpus.AddNode("cpu-map").AddNode("cluster0");
        for (var hart = 0; hart < board.HartCount; hart++) cluster.AddNode($"core{hart}").SetCells("cpu", cpuPhandles[hart]);
        tree.HartInterruptControllers = intcPhandles;
    }

    private static void AddChosen(DeviceTreeContext tree, FdtNode chosen, BoardDescription board, ChosenOptions options)
    {
        if (options.BootArgs is { } bootArgs) chosen.SetString("bootargs", bootArgs);
        if (options.InitrdStart is { } start && options.InitrdEnd is { } end)
        {
            // One cell each when both fit, as QEMU 7.2 writes them; two otherwise.
            var cells = start >> 32 == 0 && end >> 32 == 0 ? 1 : 2;
            chosen.SetCells("linux,initrd-start", FdtNode.Cells(start, cells));
            chosen.SetCells("linux,initrd-end", FdtNode.Cells(end, cells));
        }
        if (options.RngSeed is { } seed) chosen.Set("rng-seed", seed);
        if (Boards.BoardResolver.ConsoleDevice(board, tree.Catalog) is { } console && tree.Catalog.Get(console.Type).IsMapped)
            chosen.SetString("stdout-path", tree.PathOf(console));
    }
}
