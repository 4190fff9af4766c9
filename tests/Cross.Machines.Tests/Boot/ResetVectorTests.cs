using System.Buffers.Binary;
using Cross.Machines.Boot;

namespace Cross.Machines.Tests.Boot;

public class ResetVectorTests
{
    [Fact]
    public void TheRomIsQemusResetVectorFollowedByTheAddressesAndFwDynamicInfo()
    {
        var rom = ResetVector.Build(start: 0x8000_0000, fdt: 0x87E0_0000, new FwDynamicInfo(0x8020_0000));
        uint[] code = Enumerable.Range(0, 6).Select(i => BinaryPrimitives.ReadUInt32LittleEndian(rom.AsSpan(4 * i))).ToArray();
        // hw/riscv/boot.c, riscv_setup_rom_reset_vec, RV64.
        Assert.Equal([0x00000297u, 0x02828613u, 0xf1402573u, 0x0202b583u, 0x0182b283u, 0x00028067u], code);
        Assert.Equal(0x8000_0000UL, Word(rom, 0x18));
        Assert.Equal(0x87E0_0000UL, Word(rom, 0x20));
        Assert.Equal(0x28, ResetVector.InfoOffset);
        Assert.Equal(0x4942534FUL, Word(rom, 0x28)); // "OSBI"
        Assert.Equal(2UL, Word(rom, 0x30));          // version
        Assert.Equal(0x8020_0000UL, Word(rom, 0x38)); // next_addr
        Assert.Equal(1UL, Word(rom, 0x40));          // next_mode = S
        Assert.Equal(0UL, Word(rom, 0x48));          // options
        Assert.Equal(0UL, Word(rom, 0x50));          // boot_hart
        Assert.Equal(0x58, rom.Length);
    }

    [Fact]
    public void RomReadsItsBytesLittleEndianAndIgnoresWrites()
    {
        var rom = new Rom(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 });
        Assert.Equal(0x0807060504030201UL, rom.Read(0, 8));
        Assert.Equal(0x0302UL, rom.Read(1, 2));
        Assert.Equal(0x09UL, rom.Read(8, 4)); // zero past the image
        Assert.Equal(0UL, rom.Read(0x100, 8));
        rom.Write(0, 4, 0xFFFF_FFFF);
        Assert.Equal(0x04030201UL, rom.Read(0, 4));
    }

    private static ulong Word(byte[] rom, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(rom.AsSpan(offset));
}
