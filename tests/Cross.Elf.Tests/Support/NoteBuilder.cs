using System.Buffers.Binary;
using System.Text;

namespace Cross.Elf.Tests.Support;

/// <summary>Encodes note entries (namesz, descsz, type, padded name, padded descriptor).</summary>
public static class NoteBuilder
{
    public static byte[] Build(int alignment, params (string Name, uint Type, byte[] Descriptor)[] notes)
    {
        var output = new List<byte>();
        foreach (var (name, type, descriptor) in notes)
        {
            var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
            Append32(output, (uint)nameBytes.Length);
            Append32(output, (uint)descriptor.Length);
            Append32(output, type);
            output.AddRange(nameBytes);
            Pad(output, alignment);
            output.AddRange(descriptor);
            Pad(output, alignment);
        }

        return [.. output];
    }

    private static void Append32(List<byte> output, uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        output.AddRange(buffer);
    }

    private static void Pad(List<byte> output, int alignment)
    {
        while (output.Count % alignment != 0)
        {
            output.Add(0);
        }
    }
}
