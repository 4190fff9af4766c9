using System.Buffers.Binary;

namespace Cross.UserMode.Files;

/// <summary>
/// A file's metadata, independent of any struct layout. Filled from the host's statx (whose
/// layout is the same on every architecture) and written in each guest ABI's struct stat.
/// </summary>
public readonly record struct FileStatus(
    ulong Device, ulong Inode, uint Mode, uint LinkCount, uint Uid, uint Gid, ulong RDevice, long Size, int BlockSize, long Blocks,
    long AccessSeconds, long AccessNanoseconds, long ModifySeconds, long ModifyNanoseconds, long ChangeSeconds, long ChangeNanoseconds)
{
    /// <summary>Bytes of struct statx.</summary>
    public const int StatxSize = 256;

    /// <summary>STATX_BASIC_STATS: everything struct stat carries.</summary>
    public const uint StatxBasicStats = 0x7ff;

    public static FileStatus FromStatx(ReadOnlySpan<byte> statx) => new(
        Device: EncodeDevice(U32(statx, 136), U32(statx, 140)),
        Inode: U64(statx, 32),
        Mode: BinaryPrimitives.ReadUInt16LittleEndian(statx[28..]),
        LinkCount: U32(statx, 16),
        Uid: U32(statx, 20),
        Gid: U32(statx, 24),
        RDevice: EncodeDevice(U32(statx, 128), U32(statx, 132)),
        Size: (long)U64(statx, 40),
        BlockSize: (int)U32(statx, 4),
        Blocks: (long)U64(statx, 48),
        AccessSeconds: (long)U64(statx, 64), AccessNanoseconds: U32(statx, 72),
        ModifySeconds: (long)U64(statx, 112), ModifyNanoseconds: U32(statx, 120),
        ChangeSeconds: (long)U64(statx, 96), ChangeNanoseconds: U32(statx, 104));

    /// <summary>The kernel's new_encode_dev, which struct stat's st_dev and st_rdev use.</summary>
    public static ulong EncodeDevice(uint major, uint minor) =>
        (minor & 0xff) | ((ulong)(major & 0xfff) << 8) | ((ulong)(minor & ~0xffu) << 12) | ((ulong)(major & ~0xfffu) << 32);

    private static uint U32(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(b[offset..]);

    private static ulong U64(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(b[offset..]);
}
