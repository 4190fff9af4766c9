using Cross.Devices.Virtio;
using Cross.Machines.Dtb;

namespace Cross.Machines.DeviceTypes;

/// <summary>
/// A virtio-mmio transport slot. Property backend= names a virtio backend type whose own
/// properties sit beside it (file=, readonly=...); without one the slot is empty (DeviceID 0),
/// as QEMU's virt board leaves its unused slots. Either way the node is in the tree.
/// </summary>
public sealed class VirtioMmioType : DeviceType
{
    public const string BackendProperty = "backend";

    public override string Name => "virtio-mmio";

    public override string NodeName => "virtio_mmio";

    public override int IrqCount => 1;

    public override IReadOnlyCollection<string> KnownProperties => [BackendProperty];

    public static VirtioBackendType? Backend(DeviceCatalog catalog, DeviceDescription slot) => slot.Property(BackendProperty) switch
    {
        null => null,
        var name => catalog.Get(name) as VirtioBackendType ?? throw new BoardException($"{slot.Name}: {name} is not a virtio backend"),
    };

    public override object Create(MachineBuildContext context, DeviceDescription device)
    {
        var backend = Backend(context.Catalog, device)?.CreateBackend(context, device);
        var transport = new VirtioMmioTransport(context.Bus, context.Irq(device), backend);
        context.Map(device, transport);
        return transport;
    }

    public override void AddNodes(DeviceTreeContext tree, DeviceDescription device)
    {
        var node = tree.AddSocNode(device);
        node.SetString("compatible", "virtio,mmio");
        tree.AddInterrupts(node, device);
    }
}
