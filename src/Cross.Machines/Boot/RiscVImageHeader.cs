using System.Buffers.Binary;

namespace Cross.Machines.Boot;

/// <summary>
/// The 64-byte header of a Linux riscv64 <c>Image</c> (Documentation/arch/riscv/boot-image-header.rst):
/// code0/code1, text_offset @8 (load offset from the start of RAM, 2 MiB on RV64), image_size @16
/// (bytes the kernel occupies once running, BSS included), flags @24, version @32, the
/// deprecated magic "RISCV\0\0\0" @48 and magic2 "RSC\x05" @56. Either magic identifies it.
/// </summary>
public sealed record RiscVImageHeader(ulong TextOffset, ulong ImageSize, ulong Flags, uint Version)
{
    public const int Size = 64;
    public const ulong Magic = 0x0000_0056_4353_4952; // "RISCV\0\0\0"
    public const uint Magic2 = 0x0543_5352; // "RSC\x05"

    public static RiscVImageHeader? TryParse(ReadOnlySpan<byte> image)
    {
        if (image.Length < Size) return null;
        var magic = BinaryPrimitives.ReadUInt64LittleEndian(image[48..]);
        var magic2 = BinaryPrimitives.ReadUInt32LittleEndian(image[56..]);
        if (magic != Magic && magic2 != Magic2) return null;
        return new RiscVImageHeader(
            BinaryPrimitives.ReadUInt64LittleEndian(image[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(image[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(image[24..]),
            BinaryPrimitives.ReadUInt32LittleEndian(image[32..]));
    }
}
