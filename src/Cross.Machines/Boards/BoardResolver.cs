using Cross.Machines.DeviceTypes;

namespace Cross.Machines.Boards;

/// <summary>
/// Turns a board plus run options into the final description that is both built and put in the
/// DTB: applies -m/-smp, adds -device entries, places virtio backends in free virtio-mmio slots,
/// and checks the result (known types and properties, interrupts, no overlapping windows).
/// </summary>
public static class BoardResolver
{
    public const int MaxHarts = 512;

    public static BoardDescription Resolve(BoardDescription board, MachineOptions? options = null, DeviceCatalog? catalog = null)
    {
        options ??= new MachineOptions();
        catalog ??= DeviceCatalog.Default;
        var devices = board.Devices.ToList();
        foreach (var extra in options.Devices) Add(devices, extra, catalog);
        var resolved = board with
        {
            RamSize = options.RamSize ?? board.RamSize,
            HartCount = options.HartCount ?? board.HartCount,
            Devices = devices,
        };
        Validate(resolved, catalog);
        return resolved;
    }

    /// <summary>
    /// The console: the first console-capable device with a register window (what
    /// /chosen/stdout-path names), else the first console-capable one at all (HTIF).
    /// </summary>
    public static DeviceDescription? ConsoleDevice(BoardDescription board, DeviceCatalog catalog) =>
        board.Devices.FirstOrDefault(d => catalog.Get(d.Type) is { IsConsole: true, IsMapped: true })
        ?? board.Devices.FirstOrDefault(d => catalog.Get(d.Type).IsConsole);

    private static void Add(List<DeviceDescription> devices, DeviceDescription extra, DeviceCatalog catalog)
    {
        var type = catalog.Get(extra.Type);
        if (type is not VirtioBackendType)
        {
            devices.Add(extra);
            return;
        }
        var backendProperties = extra.Properties.Append(new(VirtioMmioType.BackendProperty, type.Name));
        if (extra.Address != 0)
        {
            // A backend with its own address gets its own transport there.
            devices.Add(extra with { Type = "virtio-mmio", Size = extra.Size == 0 ? 0x1000 : extra.Size, Properties = backendProperties.ToDictionary() });
            return;
        }
        var slot = devices.FindIndex(d => catalog.Get(d.Type) is VirtioMmioType && d.Property(VirtioMmioType.BackendProperty) is null);
        if (slot < 0) throw new BoardException($"no free virtio-mmio slot for {extra.Type}; give it addr= and irq= for a transport of its own");
        devices[slot] = devices[slot].WithProperties(backendProperties);
    }

    private static void Validate(BoardDescription board, DeviceCatalog catalog)
    {
        if (board.HartCount is < 1 or > MaxHarts) throw new BoardException($"{board.Name}: {board.HartCount} harts; 1..{MaxHarts} are supported");
        if (board.RamSize == 0 || board.RamSize > int.MaxValue) throw new BoardException($"{board.Name}: RAM must be 1 byte to 2 GiB (got 0x{board.RamSize:x})");
        if (board.RamBase + board.RamSize < board.RamBase) throw new BoardException($"{board.Name}: RAM wraps the address space");

        var controllers = board.Devices.Where(d => catalog.Get(d.Type).IsInterruptController).ToList();
        if (controllers.Count > 1) throw new BoardException($"{board.Name}: more than one interrupt controller ({string.Join(", ", controllers.Select(c => c.Name))})");
        var controller = controllers.FirstOrDefault();
        var maxIrq = controller is null ? 0 : ((InterruptControllerType)catalog.Get(controller.Type)).MaxIrq(controller);

        var names = new HashSet<string>();
        var irqOwners = new Dictionary<int, string>();
        var windows = new List<(ulong Start, ulong End, string Name)> { (board.RamBase, board.RamBase + board.RamSize, "RAM") };
        foreach (var device in board.Devices)
        {
            var type = catalog.Get(device.Type);
            if (!names.Add(device.Name)) throw new BoardException($"{board.Name}: two devices are named {device.Name}");
            var known = type.KnownProperties.ToHashSet();
            if (type is VirtioMmioType && VirtioMmioType.Backend(catalog, device) is { } backend)
            {
                known.UnionWith(backend.KnownProperties);
                backend.Validate(device);
            }
            foreach (var key in device.Properties.Keys)
                if (!known.Contains(key))
                    throw new BoardException($"{device.Name}: {type.Name} has no property '{key}'" + (known.Count > 0 ? $" (known: {string.Join(", ", known.Order())})" : ""));
            type.Validate(device);

            if (device.Irqs.Count != type.IrqCount)
                throw new BoardException($"{device.Name}: {type.Name} needs {type.IrqCount} irq(s), got {device.Irqs.Count}");
            foreach (var irq in device.Irqs)
            {
                if (controller is null) throw new BoardException($"{device.Name} uses irq {irq} but {board.Name} has no interrupt controller");
                if (irq < 1 || irq > maxIrq) throw new BoardException($"{device.Name}: irq {irq} is outside 1..{maxIrq} of {controller.Name}");
                // Level-triggered lines cannot be shared: one device lowering would hide the other.
                if (!irqOwners.TryAdd(irq, device.Name)) throw new BoardException($"{device.Name}: irq {irq} is already used by {irqOwners[irq]}");
            }

            if (!type.IsMapped) continue;
            if (device.Size == 0 || device.Address + device.Size < device.Address)
                throw new BoardException($"{device.Name}: window 0x{device.Address:x}+0x{device.Size:x} is empty or wraps");
            foreach (var (start, end, name) in windows)
                if (device.Address < end && start < device.End)
                    throw new BoardException($"{device.Name} [0x{device.Address:x}, 0x{device.End:x}) overlaps {name} [0x{start:x}, 0x{end:x})");
            windows.Add((device.Address, device.End, device.Name));
        }
    }
}
