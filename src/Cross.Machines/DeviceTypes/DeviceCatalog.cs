namespace Cross.Machines.DeviceTypes;

/// <summary>
/// The device types a machine can build, by name and alias. <see cref="Default"/> holds the
/// built-in types; a caller with its own devices makes a new catalog with
/// <see cref="With"/>. Catalogs are immutable, so machines never share mutable state.
/// </summary>
public sealed class DeviceCatalog
{
    private readonly Dictionary<string, DeviceType> _types;

    public DeviceCatalog(IEnumerable<DeviceType> types)
    {
        _types = new Dictionary<string, DeviceType>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in types)
            foreach (var name in type.Aliases.Prepend(type.Name))
                if (!_types.TryAdd(name, type)) throw new ArgumentException($"device type name {name} is used twice");
    }

    public static DeviceCatalog Default { get; } = new(
    [
        new SifiveTestType(), new GoldfishRtcType(), new ClintType(), new PlicType(), new Ns16550aType(), new Pl011Type(),
        new VirtioMmioType(), new VirtioBlockType(), new VirtioRngType(), new VirtioConsoleType(), new HtifType(),
    ]);

    public IEnumerable<DeviceType> Types => _types.Values.Distinct();

    public DeviceCatalog With(params DeviceType[] extra) => new(Types.Concat(extra));

    public DeviceType? Find(string name) => _types.GetValueOrDefault(name);

    public DeviceType Get(string name) => Find(name) ??
        throw new BoardException($"unknown device type '{name}'; known types: {string.Join(", ", Types.Select(t => t.Name).Order())}");
}
