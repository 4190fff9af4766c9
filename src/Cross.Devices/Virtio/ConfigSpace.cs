using System.Buffers.Binary;

namespace Cross.Devices.Virtio;

/// <summary>Little-endian access of any width to a device's configuration bytes.</summary>
public static class ConfigSpace
{
    public static ulong Read(ReadOnlySpan<byte> config, uint offset, int size)
    {
        if (size is not (1 or 2 or 4 or 8) || offset > (uint)config.Length || (uint)config.Length - offset < (uint)size) return 0;
        Span<byte> bytes = stackalloc byte[8];
        bytes.Clear();
        config.Slice((int)offset, size).CopyTo(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
