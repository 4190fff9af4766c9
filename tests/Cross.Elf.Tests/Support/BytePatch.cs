using System.Buffers.Binary;

namespace Cross.Elf.Tests.Support;

/// <summary>Copy-and-modify helpers; the original image stays intact for the next case.</summary>
public static class BytePatch
{
    public static byte[] WithByte(this byte[] bytes, int offset, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[offset] = value;
        return copy;
    }

    public static byte[] With16(this byte[] bytes, int offset, ushort value)
    {
        var copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    public static byte[] With32(this byte[] bytes, int offset, uint value)
    {
        var copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    public static byte[] With64(this byte[] bytes, int offset, ulong value)
    {
        var copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    /// <summary>Writes an address-sized field: 8 bytes in ELF64, the low 4 in ELF32.</summary>
    public static byte[] WithWord(this byte[] bytes, int offset, ulong value, bool is64) =>
        is64 ? bytes.With64(offset, value) : bytes.With32(offset, (uint)value);

    public static ushort Read16(this byte[] bytes, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset));

    public static uint Read32(this byte[] bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));

    public static ulong ReadWord(this byte[] bytes, int offset, bool is64) =>
        is64 ? BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset)) : bytes.Read32(offset);
}
