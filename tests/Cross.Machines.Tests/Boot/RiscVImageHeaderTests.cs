using System.Buffers.Binary;
using Cross.Machines.Boot;

namespace Cross.Machines.Tests.Boot;

public class RiscVImageHeaderTests
{
    /// <summary>A Linux riscv64 Image header as arch/riscv/kernel/head.S lays it out.</summary>
    public static byte[] Image(ulong textOffset, ulong imageSize, int length = 4096, bool oldMagic = true, bool newMagic = true)
    {
        var image = new byte[length];
        BinaryPrimitives.WriteUInt32LittleEndian(image, 0x0000_006F); // j . (code0), irrelevant here
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(8), textOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(16), imageSize);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(24), 0);      // flags: little-endian kernel
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(32), 0x0002); // version 0.2
        if (oldMagic) "RISCV\0\0\0"u8.CopyTo(image.AsSpan(48));
        if (newMagic) "RSC\x05"u8.CopyTo(image.AsSpan(56));
        return image;
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void EitherMagicIdentifiesAnImage(bool oldMagic, bool newMagic)
    {
        var header = RiscVImageHeader.TryParse(Image(0x20_0000, 0x1234_5000, oldMagic: oldMagic, newMagic: newMagic));
        Assert.NotNull(header);
        Assert.Equal(0x20_0000UL, header.TextOffset);
        Assert.Equal(0x1234_5000UL, header.ImageSize);
        Assert.Equal(2u, header.Version);
    }

    [Fact]
    public void OtherBinariesAreNotImages()
    {
        Assert.Null(RiscVImageHeader.TryParse(Image(0x20_0000, 0x1000, oldMagic: false, newMagic: false)));
        Assert.Null(RiscVImageHeader.TryParse(new byte[32]));
    }
}
