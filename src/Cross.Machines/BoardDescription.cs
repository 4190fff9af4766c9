namespace Cross.Machines;

/// <summary>
/// A board as data: RAM, harts and devices. The same description instantiates the devices on
/// the bus (<see cref="Machine.Create(BoardDescription, MachineOptions?, DeviceTypes.DeviceCatalog?)"/>) and generates the
/// guest's device tree (<see cref="Dtb.DeviceTreeGenerator"/>), so the two cannot disagree.
/// Devices are listed in device-tree order; for virtio-mmio slots that order is also the order
/// in which virtio backends fill free slots.
/// </summary>
public sealed record BoardDescription(
    string Name,
    string Architecture,
    IReadOnlyList<string> Compatible,
    string Model,
    ulong RamBase,
    ulong RamSize,
    int HartCount,
    CpuDescription Cpu,
    IReadOnlyList<DeviceDescription> Devices)
{
    public DeviceDescription? Device(string name) => Devices.FirstOrDefault(d => d.Name == name);
}

/// <summary>What the device tree says about every hart.</summary>
/// <param name="IsaString">The riscv,isa string: must list only what the CPU model implements.</param>
/// <param name="MmuType">"riscv,sv39", "riscv,sv48"... the largest translation mode implemented.</param>
public sealed record CpuDescription(string IsaString, string MmuType, ulong TimebaseFrequency);

/// <summary>
/// One device: its type (a <see cref="DeviceTypes.DeviceCatalog"/> name), a unique instance
/// name, its MMIO window, its interrupt numbers on the board's interrupt controller, and
/// type-specific properties as strings (as they come from a command line or a board file).
/// Virtio backends (virtio-blk-device...) have no window: they go into a virtio-mmio slot.
/// </summary>
public sealed record DeviceDescription(
    string Type,
    string Name,
    ulong Address,
    ulong Size,
    IReadOnlyList<int> Irqs,
    IReadOnlyDictionary<string, string> Properties)
{
    public static DeviceDescription Create(string type, string name, ulong address, ulong size, int[]? irqs = null, params (string Key, string Value)[] properties) =>
        new(type, name, address, size, irqs ?? [], properties.ToDictionary(p => p.Key, p => p.Value));

    public string? Property(string key) => Properties.TryGetValue(key, out var value) ? value : null;

    public ulong End => Address + Size;

    public DeviceDescription WithProperties(IEnumerable<KeyValuePair<string, string>> extra)
    {
        var merged = new Dictionary<string, string>(Properties);
        foreach (var (key, value) in extra) merged[key] = value;
        return this with { Properties = merged };
    }
}
