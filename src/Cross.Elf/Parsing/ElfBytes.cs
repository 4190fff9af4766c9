using System.Buffers.Binary;

namespace Cross.Elf.Parsing;

/// <summary>Little-endian field reads. Callers pass spans already validated to hold the field.</summary>
internal static class ElfBytes
{
    public static ushort U16(ReadOnlySpan<byte> span, int offset) =>
        BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(offset, 2));

    public static uint U32(ReadOnlySpan<byte> span, int offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(offset, 4));

    public static ulong U64(ReadOnlySpan<byte> span, int offset) =>
        BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(offset, 8));

    /// <summary>An address/offset-sized field: 4 bytes in ELF32, 8 in ELF64.</summary>
    public static ulong Word(ReadOnlySpan<byte> span, int offset, bool is64) =>
        is64 ? U64(span, offset) : U32(span, offset);
}
