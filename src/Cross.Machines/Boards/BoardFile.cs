using System.Text.Json;
using Cross.Machines.DeviceTypes;

namespace Cross.Machines.Boards;

/// <summary>
/// Boards as JSON files, so a user adds or changes devices without touching code:
/// <code>
/// {
///   "name": "my-board",
///   "base": "virt-riscv64",                          // optional: start from a built-in board
///   "ram": { "base": "0x80000000", "size": "256M" },
///   "harts": 2,
///   "cpu": { "isa": "rv64imafdc_zicsr_zifencei", "mmu": "riscv,sv39", "timebase": 10000000 },
///   "remove": [ "rtc@101000" ],                       // optional: drop devices of the base
///   "devices": [
///     { "type": "pl011", "name": "uart1", "address": "0x10100000", "irqs": [12] },
///     { "type": "virtio-blk-device", "properties": { "file": "disk.img" } }
///   ]
/// }
/// </code>
/// Numbers may be JSON numbers or strings ("0x1000", "128M"). Device size defaults to the type's.
/// </summary>
public static class BoardFile
{
    public static BoardDescription Load(string path, DeviceCatalog? catalog = null)
    {
        try
        {
            return Parse(File.ReadAllText(path), catalog);
        }
        catch (BoardException error)
        {
            throw new BoardException($"{path}: {error.Message}");
        }
    }

    public static BoardDescription Parse(string json, DeviceCatalog? catalog = null)
    {
        catalog ??= DeviceCatalog.Default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException error)
        {
            throw new BoardException($"not valid JSON: {error.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new BoardException("a board file is a JSON object");
            Expect(root, "board", "name", "base", "architecture", "compatible", "model", "ram", "harts", "cpu", "remove", "devices");
            var board = root.TryGetProperty("base", out var baseName)
                ? BuiltInBoards.Find(baseName.GetString() ?? "") ?? throw new BoardException($"unknown base board '{baseName}'; built-in: {string.Join(", ", BuiltInBoards.Names)}")
                : new BoardDescription("", "riscv64", ["riscv-virtio"], "riscv-virtio,qemu", 0x8000_0000, 128UL << 20, 1,
                    new CpuDescription(BuiltInBoards.RiscV64Isa, BuiltInBoards.RiscV64Mmu, 10_000_000), []);

            if (root.TryGetProperty("name", out var name)) board = board with { Name = Text(name, "name") };
            if (string.IsNullOrEmpty(board.Name)) throw new BoardException("the board needs a name");
            if (root.TryGetProperty("architecture", out var architecture)) board = board with { Architecture = Text(architecture, "architecture") };
            if (root.TryGetProperty("compatible", out var compatible)) board = board with { Compatible = Strings(compatible, "compatible") };
            if (root.TryGetProperty("model", out var model)) board = board with { Model = Text(model, "model") };
            if (root.TryGetProperty("harts", out var harts)) board = board with { HartCount = (int)Number(harts, "harts") };
            if (root.TryGetProperty("ram", out var ram))
            {
                Expect(ram, "ram", "base", "size");
                if (ram.TryGetProperty("base", out var ramBase)) board = board with { RamBase = Number(ramBase, "ram.base") };
                if (ram.TryGetProperty("size", out var ramSize)) board = board with { RamSize = Number(ramSize, "ram.size") };
            }
            if (root.TryGetProperty("cpu", out var cpu))
            {
                Expect(cpu, "cpu", "isa", "mmu", "timebase");
                var description = board.Cpu;
                if (cpu.TryGetProperty("isa", out var isa)) description = description with { IsaString = Text(isa, "cpu.isa") };
                if (cpu.TryGetProperty("mmu", out var mmu)) description = description with { MmuType = Text(mmu, "cpu.mmu") };
                if (cpu.TryGetProperty("timebase", out var timebase)) description = description with { TimebaseFrequency = Number(timebase, "cpu.timebase") };
                board = board with { Cpu = description };
            }
            var devices = board.Devices.ToList();
            if (root.TryGetProperty("remove", out var remove))
                foreach (var victim in Strings(remove, "remove"))
                    if (devices.RemoveAll(d => d.Name == victim) == 0) throw new BoardException($"remove: the base board has no device {victim}");
            var options = new List<DeviceDescription>();
            if (root.TryGetProperty("devices", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array) throw new BoardException("devices must be an array");
                var index = 0;
                foreach (var item in list.EnumerateArray()) options.Add(Device(item, catalog, $"devices[{index++}]"));
            }
            // Extra devices go through the same placement as -device, so backends find slots.
            return BoardResolver.Resolve(board with { Devices = devices }, new MachineOptions { Devices = options }, catalog);
        }
    }

    private static DeviceDescription Device(JsonElement item, DeviceCatalog catalog, string where)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new BoardException($"{where} must be an object");
        Expect(item, where, "type", "name", "address", "size", "irq", "irqs", "properties");
        if (!item.TryGetProperty("type", out var typeElement)) throw new BoardException($"{where} has no type");
        var type = catalog.Get(Text(typeElement, $"{where}.type"));
        var address = item.TryGetProperty("address", out var a) ? Number(a, $"{where}.address") : 0;
        var size = item.TryGetProperty("size", out var s) ? Number(s, $"{where}.size") : type.IsMapped ? type.DefaultSize : 0;
        var irqs = new List<int>();
        if (item.TryGetProperty("irq", out var irq)) irqs.Add((int)Number(irq, $"{where}.irq"));
        if (item.TryGetProperty("irqs", out var irqList))
        {
            if (irqList.ValueKind != JsonValueKind.Array) throw new BoardException($"{where}.irqs must be an array");
            irqs.AddRange(irqList.EnumerateArray().Select(i => (int)Number(i, $"{where}.irqs")));
        }
        var properties = new Dictionary<string, string>();
        if (item.TryGetProperty("properties", out var props))
        {
            if (props.ValueKind != JsonValueKind.Object) throw new BoardException($"{where}.properties must be an object");
            foreach (var property in props.EnumerateObject())
                properties[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }
        if (type.IsMapped && !item.TryGetProperty("address", out _)) throw new BoardException($"{where}: {type.Name} needs an address");
        var name = item.TryGetProperty("name", out var n) ? Text(n, $"{where}.name") : DeviceOptionParser.DefaultName(type, address);
        return new DeviceDescription(type.Name, name, address, size, irqs, properties);
    }

    private static void Expect(JsonElement element, string where, params string[] keys)
    {
        foreach (var property in element.EnumerateObject())
            if (!keys.Contains(property.Name)) throw new BoardException($"{where}: unknown key '{property.Name}' (known: {string.Join(", ", keys)})");
    }

    private static string Text(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new BoardException($"{where} must be a string");

    private static string[] Strings(JsonElement element, string where) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().Select(e => Text(e, where)).ToArray(),
        _ => throw new BoardException($"{where} must be a string or an array of strings"),
    };

    private static ulong Number(JsonElement element, string where) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetUInt64(out var value) => value,
        JsonValueKind.String => NumberParser.TryParse(element.GetString()!, out var parsed) ? parsed : throw new BoardException($"{where}: '{element.GetString()}' is not a number"),
        _ => throw new BoardException($"{where} must be a non-negative number"),
    };
}
