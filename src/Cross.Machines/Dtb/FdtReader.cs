using System.Buffers.Binary;
using System.Text;
using static Cross.Machines.Dtb.FdtWriter;

namespace Cross.Machines.Dtb;

/// <summary>A blob that is not a well-formed flattened device tree; the message says what and where.</summary>
public sealed class FdtFormatException(string message) : FormatException(message);

/// <summary>A parsed blob: the tree, the memory reservations and the boot CPU.</summary>
public sealed record FdtBlob(FdtNode Root, IReadOnlyList<(ulong Address, ulong Size)> Reservations, uint BootCpuId, uint Version);

/// <summary>
/// Reads a flattened device tree (versions 16 and 17), for tests and for user-supplied DTBs.
/// Everything is bounds-checked; any inconsistency is a <see cref="FdtFormatException"/> naming
/// the offset, never an index exception, and nesting depth is limited so a hostile blob cannot
/// exhaust the stack.
/// </summary>
public static class FdtReader
{
    public const int MaxDepth = 64;

    public static FdtBlob Read(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < HeaderSize) throw new FdtFormatException($"blob of {blob.Length} bytes is shorter than the 40-byte header");
        var header = new uint[10];
        for (var i = 0; i < header.Length; i++) header[i] = BinaryPrimitives.ReadUInt32BigEndian(blob[(4 * i)..]);
        if (header[0] != Magic) throw new FdtFormatException($"bad magic 0x{header[0]:x8} (expected 0x{Magic:x8})");
        var (totalSize, structureOffset, stringsOffset, reservationOffset) = (header[1], header[2], header[3], header[4]);
        var (version, lastCompatible, bootCpu, stringsSize, structureSize) = (header[5], header[6], header[7], header[8], header[9]);
        if (totalSize > blob.Length) throw new FdtFormatException($"header says {totalSize} bytes but the blob has {blob.Length}");
        if (version < 16 || lastCompatible > 17) throw new FdtFormatException($"version {version} (last compatible {lastCompatible}) is not supported; need 16 or 17");
        CheckBlock("structure block", structureOffset, structureSize, totalSize, 4);
        CheckBlock("strings block", stringsOffset, stringsSize, totalSize, 1);
        if (reservationOffset % 8 != 0 || reservationOffset >= totalSize) throw new FdtFormatException($"memory reservation block at 0x{reservationOffset:x} is misplaced");

        var reservations = ReadReservations(blob[..(int)totalSize], (int)reservationOffset);
        var structure = blob.Slice((int)structureOffset, (int)structureSize);
        var strings = blob.Slice((int)stringsOffset, (int)stringsSize);
        var root = ReadStructure(structure, strings, (int)structureOffset);
        return new FdtBlob(root, reservations, bootCpu, version);
    }

    private static void CheckBlock(string what, uint offset, uint size, uint total, int alignment)
    {
        if (offset % alignment != 0 || offset > total || size > total - offset)
            throw new FdtFormatException($"{what} at 0x{offset:x} of 0x{size:x} bytes does not fit in the {total}-byte blob");
    }

    private static List<(ulong, ulong)> ReadReservations(ReadOnlySpan<byte> blob, int offset)
    {
        var result = new List<(ulong, ulong)>();
        for (var at = offset; ; at += 16)
        {
            if (at + 16 > blob.Length) throw new FdtFormatException($"memory reservation block at 0x{offset:x} has no terminating entry");
            var address = BinaryPrimitives.ReadUInt64BigEndian(blob[at..]);
            var size = BinaryPrimitives.ReadUInt64BigEndian(blob[(at + 8)..]);
            if (address == 0 && size == 0) return result;
            result.Add((address, size));
        }
    }

    private static FdtNode ReadStructure(ReadOnlySpan<byte> structure, ReadOnlySpan<byte> strings, int baseOffset)
    {
        var position = 0;
        var stack = new Stack<FdtNode>();
        FdtNode? root = null;
        while (true)
        {
            var tokenAt = position;
            if (position + 4 > structure.Length) throw new FdtFormatException($"structure block ends without an END token (0x{baseOffset + tokenAt:x})");
            var token = BinaryPrimitives.ReadUInt32BigEndian(structure[position..]);
            position += 4;
            switch (token)
            {
                case BeginNode:
                    var name = ReadString(structure, ref position, "node name", baseOffset);
                    position = Align(position);
                    if (stack.Count == 0 && root is not null) throw new FdtFormatException($"second root node at 0x{baseOffset + tokenAt:x}");
                    if (stack.Count >= MaxDepth) throw new FdtFormatException($"nodes nested deeper than {MaxDepth} at 0x{baseOffset + tokenAt:x}");
                    if (stack.Count == 0)
                    {
                        if (name.Length != 0) throw new FdtFormatException($"root node is named '{name}'");
                        root = new FdtNode("/");
                        stack.Push(root);
                    }
                    else
                    {
                        var parent = stack.Peek();
                        if (parent.Child(name) is not null) throw new FdtFormatException($"duplicate node {name} under {parent.Name} at 0x{baseOffset + tokenAt:x}");
                        stack.Push(parent.AddNode(name));
                    }
                    break;
                case EndNode:
                    if (stack.Count == 0) throw new FdtFormatException($"END_NODE without a node at 0x{baseOffset + tokenAt:x}");
                    stack.Pop();
                    break;
                case Prop:
                    if (stack.Count == 0) throw new FdtFormatException($"property outside any node at 0x{baseOffset + tokenAt:x}");
                    if (position + 8 > structure.Length) throw new FdtFormatException($"truncated property at 0x{baseOffset + tokenAt:x}");
                    var length = BinaryPrimitives.ReadUInt32BigEndian(structure[position..]);
                    var nameOffset = BinaryPrimitives.ReadUInt32BigEndian(structure[(position + 4)..]);
                    position += 8;
                    if (length > structure.Length - position) throw new FdtFormatException($"property value of {length} bytes runs past the structure block at 0x{baseOffset + tokenAt:x}");
                    var node = stack.Peek();
                    if (node.Children.Count > 0) throw new FdtFormatException($"property after a subnode in {node.Name} at 0x{baseOffset + tokenAt:x}");
                    var propertyName = PropertyName(strings, nameOffset, baseOffset + tokenAt);
                    if (node.Property(propertyName) is not null) throw new FdtFormatException($"duplicate property {propertyName} in {node.Name}");
                    node.Set(propertyName, structure.Slice(position, (int)length).ToArray());
                    position = Align(position + (int)length);
                    break;
                case Nop:
                    break;
                case End:
                    if (root is null || stack.Count != 0) throw new FdtFormatException($"END at 0x{baseOffset + tokenAt:x} with {stack.Count} node(s) still open");
                    return root;
                default:
                    throw new FdtFormatException($"unknown token 0x{token:x} at 0x{baseOffset + tokenAt:x}");
            }
        }
    }

    private static int Align(int position) => (position + 3) & ~3;

    private static string ReadString(ReadOnlySpan<byte> block, ref int position, string what, int baseOffset)
    {
        var length = block[position..].IndexOf((byte)0);
        if (length < 0) throw new FdtFormatException($"{what} at 0x{baseOffset + position:x} is not NUL-terminated");
        var text = Encoding.UTF8.GetString(block.Slice(position, length));
        position += length + 1;
        return text;
    }

    private static string PropertyName(ReadOnlySpan<byte> strings, uint offset, int at)
    {
        if (offset >= strings.Length) throw new FdtFormatException($"property name offset 0x{offset:x} is outside the strings block (0x{at:x})");
        var position = (int)offset;
        return ReadString(strings, ref position, "property name", 0);
    }
}
