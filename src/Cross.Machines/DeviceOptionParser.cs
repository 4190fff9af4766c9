using Cross.Machines.DeviceTypes;

namespace Cross.Machines;

/// <summary>
/// Parses QEMU-style -device arguments: a type, then comma-separated key=value pairs, with ",,"
/// for a literal comma. addr=, size=, irq= (repeatable, or irq=1:2) and id= (the instance name)
/// are common to all; other keys become the device's properties.
/// <example>pl011,addr=0x10002000,irq=12</example>
/// <example>virtio-blk-device,file=disk.img,readonly=on</example>
/// </summary>
public static class DeviceOptionParser
{
    public static DeviceDescription Parse(string text, DeviceCatalog? catalog = null)
    {
        catalog ??= DeviceCatalog.Default;
        var parts = Split(text);
        if (parts.Count == 0 || parts[0].Length == 0 || parts[0].Contains('='))
            throw new BoardException($"-device '{text}': expected a device type first (like pl011,addr=0x10002000,irq=12)");
        var type = catalog.Get(parts[0]);
        ulong? address = null, size = null;
        string? name = null;
        var irqs = new List<int>();
        var properties = new Dictionary<string, string>();
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=');
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "on" : part[(equals + 1)..]; // a bare key is a flag, as in QEMU
            switch (key)
            {
                case "addr": address = NumberParser.Parse(value, $"-device {type.Name} addr"); break;
                case "size": size = NumberParser.Parse(value, $"-device {type.Name} size"); break;
                case "irq":
                    foreach (var irq in value.Split(':'))
                        irqs.Add(checked((int)NumberParser.Parse(irq, $"-device {type.Name} irq")));
                    break;
                case "id": name = value; break;
                default:
                    if (!properties.TryAdd(key, value)) throw new BoardException($"-device {type.Name}: {key} given twice");
                    break;
            }
        }
        if (type.IsMapped && address is null && type is not VirtioBackendType)
            throw new BoardException($"-device {type.Name} needs addr=");
        var at = address ?? 0;
        return new DeviceDescription(type.Name, name ?? DefaultName(type, at), at,
            size ?? (type.IsMapped ? type.DefaultSize : 0), irqs, properties);
    }

    /// <summary>"serial@10000000"-style names for mapped devices, the type name otherwise.</summary>
    public static string DefaultName(DeviceType type, ulong address) =>
        type.IsMapped || address != 0 ? $"{(type is VirtioBackendType ? "virtio_mmio" : type.NodeName)}@{address:x}" : type.Name;

    private static List<string> Split(string text)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != ',') current.Append(text[i]);
            else if (i + 1 < text.Length && text[i + 1] == ',') current.Append(text[++i]);
            else
            {
                parts.Add(current.ToString());
                current.Clear();
            }
        }
        parts.Add(current.ToString());
        return parts;
    }
}
