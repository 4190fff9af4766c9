using System.Buffers.Binary;
using Cross.UserMode.Abi;
using Cross.UserMode.Files;

namespace Cross.UserMode.Tests.Abi;

public class GenericStatTests
{
    [Fact]
    public void FieldsLandAtTheAsmGenericOffsets()
    {
        var status = new FileStatus(Device: 0x801, Inode: 123456789, Mode: 0x81A4, LinkCount: 2, Uid: 1000, Gid: 100, RDevice: 0x502,
            Size: 0x1_0000_0001, BlockSize: 4096, Blocks: 16, AccessSeconds: 1_700_000_000, AccessNanoseconds: 1,
            ModifySeconds: 1_700_000_001, ModifyNanoseconds: 2, ChangeSeconds: 1_700_000_002, ChangeNanoseconds: 3);
        var bytes = new byte[GenericStat.Size];
        bytes.AsSpan().Fill(0xEE);
        GenericStat.Write(bytes, status);
        ulong U64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));
        uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));

        Assert.Equal(128, GenericStat.Size);
        Assert.Equal(0x801UL, U64(0));
        Assert.Equal(123456789UL, U64(8));
        Assert.Equal(0x81A4u, U32(16));
        Assert.Equal(2u, U32(20));
        Assert.Equal(1000u, U32(24));
        Assert.Equal(100u, U32(28));
        Assert.Equal(0x502UL, U64(32));
        Assert.Equal(0UL, U64(40));
        Assert.Equal(0x1_0000_0001UL, U64(48));
        Assert.Equal(4096u, U32(56));
        Assert.Equal(0u, U32(60));
        Assert.Equal(16UL, U64(64));
        Assert.Equal((1_700_000_000UL, 1UL), (U64(72), U64(80)));
        Assert.Equal((1_700_000_001UL, 2UL), (U64(88), U64(96)));
        Assert.Equal((1_700_000_002UL, 3UL), (U64(104), U64(112)));
        Assert.Equal(0UL, U64(120));
    }

    [Fact]
    public void StatxIsReadAtItsFixedOffsets()
    {
        var statx = new byte[FileStatus.StatxSize];
        void Put32(int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(statx.AsSpan(offset), value);
        void Put64(int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(statx.AsSpan(offset), value);
        Put32(4, 512);
        Put32(16, 3);
        Put32(20, 7);
        Put32(24, 8);
        BinaryPrimitives.WriteUInt16LittleEndian(statx.AsSpan(28), 0x41ED);
        Put64(32, 99);
        Put64(40, 1234);
        Put64(48, 8);
        Put64(64, 10); Put32(72, 11);
        Put64(96, 30); Put32(104, 31);
        Put64(112, 20); Put32(120, 21);
        Put32(128, 4); Put32(132, 65);
        Put32(136, 259); Put32(140, 3);

        var status = FileStatus.FromStatx(statx);
        Assert.Equal((512, 3u, 7u, 8u, 0x41EDu, 99UL, 1234L, 8L), (status.BlockSize, status.LinkCount, status.Uid, status.Gid, status.Mode, status.Inode, status.Size, status.Blocks));
        Assert.Equal((10L, 11L, 20L, 21L, 30L, 31L), (status.AccessSeconds, status.AccessNanoseconds, status.ModifySeconds, status.ModifyNanoseconds, status.ChangeSeconds, status.ChangeNanoseconds));
        // new_encode_dev: minor low byte, major in bits 8-19, minor's upper bits from bit 20.
        Assert.Equal(0x441UL, status.RDevice);
        Assert.Equal(0x10303UL, status.Device);
    }
}
