using System.Buffers.Binary;
using Cross.UserMode.Files;

namespace Cross.UserMode.Abi;

/// <summary>
/// The asm-generic 64-bit <c>struct stat</c> (128 bytes) that riscv64 and aarch64 share:
/// st_dev u64, st_ino u64, st_mode u32, st_nlink u32, st_uid u32, st_gid u32, st_rdev u64,
/// __pad1 u64, st_size i64, st_blksize i32, __pad2 i32, st_blocks i64, then (seconds, nanoseconds)
/// pairs of i64/u64 for atime, mtime and ctime, and two unused u32.
/// </summary>
public static class GenericStat
{
    public const int Size = 128;

    public static void Write(Span<byte> destination, in FileStatus status)
    {
        var d = destination[..Size];
        d.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(d[0..], status.Device);
        BinaryPrimitives.WriteUInt64LittleEndian(d[8..], status.Inode);
        BinaryPrimitives.WriteUInt32LittleEndian(d[16..], status.Mode);
        BinaryPrimitives.WriteUInt32LittleEndian(d[20..], status.LinkCount);
        BinaryPrimitives.WriteUInt32LittleEndian(d[24..], status.Uid);
        BinaryPrimitives.WriteUInt32LittleEndian(d[28..], status.Gid);
        BinaryPrimitives.WriteUInt64LittleEndian(d[32..], status.RDevice);
        BinaryPrimitives.WriteInt64LittleEndian(d[48..], status.Size);
        BinaryPrimitives.WriteInt32LittleEndian(d[56..], status.BlockSize);
        BinaryPrimitives.WriteInt64LittleEndian(d[64..], status.Blocks);
        BinaryPrimitives.WriteInt64LittleEndian(d[72..], status.AccessSeconds);
        BinaryPrimitives.WriteInt64LittleEndian(d[80..], status.AccessNanoseconds);
        BinaryPrimitives.WriteInt64LittleEndian(d[88..], status.ModifySeconds);
        BinaryPrimitives.WriteInt64LittleEndian(d[96..], status.ModifyNanoseconds);
        BinaryPrimitives.WriteInt64LittleEndian(d[104..], status.ChangeSeconds);
        BinaryPrimitives.WriteInt64LittleEndian(d[112..], status.ChangeNanoseconds);
    }
}
