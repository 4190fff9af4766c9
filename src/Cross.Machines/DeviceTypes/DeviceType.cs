using Cross.Machines.Dtb;

namespace Cross.Machines.DeviceTypes;

/// <summary>
/// Everything the machine knows about one kind of device, in one place: how to build it from a
/// <see cref="DeviceDescription"/> and what its device-tree node says. Keeping both halves in
/// one class is what makes devices and DTB agree.
/// </summary>
public abstract class DeviceType
{
    /// <summary>The name used in board files and -device (QEMU's where QEMU has the device).</summary>
    public abstract string Name { get; }

    public virtual IReadOnlyList<string> Aliases => [];

    /// <summary>Device-tree node name before the unit address ("serial" for serial@10000000).</summary>
    public virtual string NodeName => Name;

    public virtual ulong DefaultSize => 0x1000;

    /// <summary>How many interrupts the device raises on the board's interrupt controller.</summary>
    public virtual int IrqCount => 0;

    /// <summary>False for devices with no MMIO window (virtio backends, HTIF).</summary>
    public virtual bool IsMapped => true;

    public virtual bool IsInterruptController => false;

    /// <summary>Whether the device can be the console (/chosen/stdout-path and Machine.Console).</summary>
    public virtual bool IsConsole => false;

    /// <summary>Properties the type understands; anything else in a description is rejected as a typo.</summary>
    public virtual IReadOnlyCollection<string> KnownProperties => [];

    /// <summary>Builds the device, maps it on the bus and returns it (the Machine exposes it by name).</summary>
    public abstract object Create(MachineBuildContext context, DeviceDescription device);

    /// <summary>Adds the device's node(s) to the tree.</summary>
    public abstract void AddNodes(DeviceTreeContext tree, DeviceDescription device);

    /// <summary>Checks type-specific properties; throws <see cref="BoardException"/> with a clear message.</summary>
    public virtual void Validate(DeviceDescription device)
    {
    }
}

/// <summary>An interrupt controller: it hands out input lines and says how interrupts are written in the DT.</summary>
public abstract class InterruptControllerType : DeviceType
{
    public override bool IsInterruptController => true;

    /// <summary>Highest interrupt number a device may use.</summary>
    public abstract int MaxIrq(DeviceDescription controller);

    /// <summary>The cells of one interrupt specifier for <paramref name="irq"/>.</summary>
    public abstract IEnumerable<uint> InterruptCells(int irq);
}

/// <summary>A virtio device model, placed behind a virtio-mmio transport rather than on the bus.</summary>
public abstract class VirtioBackendType : DeviceType
{
    public override bool IsMapped => false;

    public abstract Cross.Devices.Virtio.IVirtioDevice CreateBackend(MachineBuildContext context, DeviceDescription slot);

    public override object Create(MachineBuildContext context, DeviceDescription device) =>
        throw new BoardException($"{Name} is a virtio backend; it goes into a virtio-mmio slot");

    public override void AddNodes(DeviceTreeContext tree, DeviceDescription device)
    {
        // The virtio-mmio transport's node describes it; virtio devices are discovered, not described.
    }
}

/// <summary>A board or device description that cannot be built; the message says what to fix.</summary>
public sealed class BoardException(string message) : Exception(message);
