using System.Buffers.Binary;
using System.Text;

namespace Cross.Machines.Dtb;

/// <summary>
/// A device-tree node: a name (with unit address, "serial@10000000"), properties in order, and
/// children in order. The writer emits exactly this order, so generated trees are reproducible
/// byte for byte.
/// </summary>
public sealed class FdtNode(string name)
{
    private readonly List<FdtProperty> _properties = new();
    private readonly List<FdtNode> _children = new();

    public string Name => name;

    public IReadOnlyList<FdtProperty> Properties => _properties;

    public IReadOnlyList<FdtNode> Children => _children;

    public FdtNode AddNode(string childName)
    {
        if (Child(childName) is not null) throw new ArgumentException($"node {name} already has a child {childName}");
        var child = new FdtNode(childName);
        _children.Add(child);
        return child;
    }

    public FdtNode? Child(string childName) => _children.FirstOrDefault(c => c.Name == childName);

    /// <summary>Finds a node by absolute-style path relative to this one ("/soc/serial@10000000").</summary>
    public FdtNode? Find(string path)
    {
        var node = this;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.Child(part);
            if (node is null) return null;
        }
        return node;
    }

    public FdtProperty? Property(string propertyName) => _properties.FirstOrDefault(p => p.Name == propertyName);

    /// <summary>Sets a property, replacing one of the same name in place.</summary>
    public FdtNode Set(string propertyName, byte[] value)
    {
        var property = new FdtProperty(propertyName, value);
        var index = _properties.FindIndex(p => p.Name == propertyName);
        if (index >= 0) _properties[index] = property;
        else _properties.Add(property);
        return this;
    }

    public FdtNode SetEmpty(string propertyName) => Set(propertyName, []);

    public FdtNode SetString(string propertyName, string value) => SetStrings(propertyName, value);

    /// <summary>A string list: each string NUL-terminated, back to back.</summary>
    public FdtNode SetStrings(string propertyName, params IEnumerable<string> values)
    {
        var bytes = new List<byte>();
        foreach (var value in values)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(value));
            bytes.Add(0);
        }
        return Set(propertyName, bytes.ToArray());
    }

    /// <summary>Big-endian 32-bit cells.</summary>
    public FdtNode SetCells(string propertyName, params IEnumerable<uint> cells)
    {
        var list = cells.ToArray();
        var bytes = new byte[4 * list.Length];
        for (var i = 0; i < list.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 * i), list[i]);
        return Set(propertyName, bytes);
    }

    public FdtNode SetU64(string propertyName, ulong value) => SetCells(propertyName, (uint)(value >> 32), (uint)value);

    /// <summary>A reg property of (address, size) pairs in the parent's cell counts.</summary>
    public FdtNode SetReg(int addressCells, int sizeCells, params (ulong Address, ulong Size)[] ranges)
    {
        var cells = new List<uint>();
        foreach (var (address, size) in ranges)
        {
            cells.AddRange(Cells(address, addressCells));
            cells.AddRange(Cells(size, sizeCells));
        }
        return SetCells("reg", cells);
    }

    public static IEnumerable<uint> Cells(ulong value, int count)
    {
        if (count < 2 && value >> 32 != 0) throw new ArgumentException($"0x{value:x} does not fit in {count} cell(s)");
        for (var i = count - 1; i >= 0; i--) yield return i >= 2 ? 0 : (uint)(value >> (32 * i));
    }

    public override string ToString() => name;
}

/// <summary>A property: a name and raw big-endian bytes.</summary>
public sealed record FdtProperty(string Name, byte[] Value)
{
    public uint[] AsCells()
    {
        if (Value.Length % 4 != 0) throw new FormatException($"property {Name} is {Value.Length} bytes, not whole cells");
        var cells = new uint[Value.Length / 4];
        for (var i = 0; i < cells.Length; i++) cells[i] = BinaryPrimitives.ReadUInt32BigEndian(Value.AsSpan(4 * i));
        return cells;
    }

    public uint AsU32() => AsCells() is [var cell] ? cell : throw new FormatException($"property {Name} is not one cell");

    public ulong AsNumber() => AsCells() switch
    {
        [var cell] => cell,
        [var high, var low] => (ulong)high << 32 | low,
        _ => throw new FormatException($"property {Name} is not one or two cells"),
    };

    public string[] AsStrings()
    {
        if (Value.Length == 0 || Value[^1] != 0) throw new FormatException($"property {Name} is not a NUL-terminated string list");
        return Encoding.UTF8.GetString(Value, 0, Value.Length - 1).Split('\0');
    }

    public string AsString() => AsStrings() is [var single] ? single : throw new FormatException($"property {Name} is not a single string");
}
