using System.Buffers.Binary;
using System.Text;

namespace Cross.Machines.Dtb;

/// <summary>
/// Writes a flattened device tree blob, version 17 (last compatible 16), as the devicetree
/// specification (chapter 5) lays it out: header, memory reservation block, structure block,
/// strings block. Property names are stored once in the strings block.
/// </summary>
public static class FdtWriter
{
    public const uint Magic = 0xD00DFEED;
    public const uint Version = 17, LastCompatibleVersion = 16;
    public const uint BeginNode = 1, EndNode = 2, Prop = 3, Nop = 4, End = 9;
    public const int HeaderSize = 40;

    public static byte[] Write(FdtNode root, IReadOnlyList<(ulong Address, ulong Size)>? reservations = null, uint bootCpuId = 0)
    {
        var strings = new StringTable();
        var structure = new List<byte>();
        WriteNode(structure, strings, root, isRoot: true);
        AppendU32(structure, End);

        var reservationBlock = new List<byte>();
        foreach (var (address, size) in reservations ?? [])
        {
            AppendU64(reservationBlock, address);
            AppendU64(reservationBlock, size);
        }
        AppendU64(reservationBlock, 0);
        AppendU64(reservationBlock, 0);

        // The reservation block must be 8-byte aligned and the structure block 4-byte aligned;
        // both hold after a 40-byte header and a block of 16-byte entries.
        var reservationOffset = HeaderSize;
        var structureOffset = reservationOffset + reservationBlock.Count;
        var stringsOffset = structureOffset + structure.Count;
        var totalSize = stringsOffset + strings.Bytes.Count;

        var blob = new byte[totalSize];
        uint[] header =
        [
            Magic, (uint)totalSize, (uint)structureOffset, (uint)stringsOffset, (uint)reservationOffset,
            Version, LastCompatibleVersion, bootCpuId, (uint)strings.Bytes.Count, (uint)structure.Count,
        ];
        for (var i = 0; i < header.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(4 * i), header[i]);
        reservationBlock.CopyTo(blob, reservationOffset);
        structure.CopyTo(blob, structureOffset);
        strings.Bytes.CopyTo(blob, stringsOffset);
        return blob;
    }

    private static void WriteNode(List<byte> output, StringTable strings, FdtNode node, bool isRoot)
    {
        AppendU32(output, BeginNode);
        // The root node's name is empty.
        output.AddRange(Encoding.UTF8.GetBytes(isRoot ? "" : node.Name));
        output.Add(0);
        Pad(output);
        foreach (var property in node.Properties)
        {
            AppendU32(output, Prop);
            AppendU32(output, (uint)property.Value.Length);
            AppendU32(output, strings.Offset(property.Name));
            output.AddRange(property.Value);
            Pad(output);
        }
        foreach (var child in node.Children) WriteNode(output, strings, child, isRoot: false);
        AppendU32(output, EndNode);
    }

    private static void Pad(List<byte> output)
    {
        while (output.Count % 4 != 0) output.Add(0);
    }

    private static void AppendU32(List<byte> output, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        output.AddRange(bytes);
    }

    private static void AppendU64(List<byte> output, ulong value)
    {
        AppendU32(output, (uint)(value >> 32));
        AppendU32(output, (uint)value);
    }

    private sealed class StringTable
    {
        private readonly Dictionary<string, uint> _offsets = new();

        public List<byte> Bytes { get; } = new();

        public uint Offset(string name)
        {
            if (_offsets.TryGetValue(name, out var offset)) return offset;
            offset = (uint)Bytes.Count;
            Bytes.AddRange(Encoding.UTF8.GetBytes(name));
            Bytes.Add(0);
            _offsets[name] = offset;
            return offset;
        }
    }
}
