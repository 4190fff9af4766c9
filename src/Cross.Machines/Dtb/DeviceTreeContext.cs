using Cross.Machines.DeviceTypes;

namespace Cross.Machines.Dtb;

/// <summary>What a <see cref="DeviceType"/> may use while adding its nodes: the tree, phandles, interrupt wiring.</summary>
public sealed class DeviceTreeContext
{
    /// <summary>Cells of a unit address and size under /soc (and /), as QEMU's virt uses.</summary>
    public const int AddressCells = 2, SizeCells = 2;

    private readonly Dictionary<string, uint> _phandles = new();
    private uint _nextPhandle = 1;

    internal DeviceTreeContext(BoardDescription board, DeviceCatalog catalog, FdtNode root, FdtNode soc)
    {
        Board = board;
        Catalog = catalog;
        Root = root;
        Soc = soc;
    }

    public BoardDescription Board { get; }

    public DeviceCatalog Catalog { get; }

    public FdtNode Root { get; }

    /// <summary>The simple-bus that MMIO devices sit on.</summary>
    public FdtNode Soc { get; }

    /// <summary>Phandle of each hart's local interrupt controller (riscv,cpu-intc), by hart ID.</summary>
    public IReadOnlyList<uint> HartInterruptControllers { get; internal set; } = [];

    /// <summary>The phandle a node is referred to by; allocated the first time it is asked for.</summary>
    public uint Phandle(string key)
    {
        if (!_phandles.TryGetValue(key, out var phandle))
        {
            phandle = _nextPhandle++;
            _phandles[key] = phandle;
        }
        return phandle;
    }

    public string UnitName(DeviceDescription device) => $"{Catalog.Get(device.Type).NodeName}@{device.Address:x}";

    public string PathOf(DeviceDescription device) => $"/soc/{UnitName(device)}";

    /// <summary>Adds the device's node under /soc with its reg property.</summary>
    public FdtNode AddSocNode(DeviceDescription device)
    {
        var node = Soc.AddNode(UnitName(device));
        node.SetReg(AddressCells, SizeCells, (device.Address, device.Size));
        return node;
    }

    /// <summary>The node a reference points at, created on first use (a shared fixed clock, say).</summary>
    public FdtNode SharedRootNode(string name, Action<FdtNode> initialise)
    {
        if (Root.Child(name) is { } existing) return existing;
        var node = Root.AddNode(name);
        initialise(node);
        return node;
    }

    /// <summary>interrupt-parent and interrupts for the device's interrupts, in the controller's cell format.</summary>
    public void AddInterrupts(FdtNode node, DeviceDescription device)
    {
        if (device.Irqs.Count == 0) return;
        var controller = Board.Devices.FirstOrDefault(d => Catalog.Get(d.Type).IsInterruptController)
            ?? throw new BoardException($"{device.Name} has interrupts but the board has no interrupt controller");
        var type = (InterruptControllerType)Catalog.Get(controller.Type);
        node.SetCells("interrupt-parent", Phandle(controller.Name));
        node.SetCells("interrupts", device.Irqs.SelectMany(type.InterruptCells));
    }
}
