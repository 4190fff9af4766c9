using System.Buffers.Binary;
using Cross.Core.Devices;

namespace Cross.Machines.Boot;

/// <summary>
/// Read-only memory on the bus (QEMU's "mrom"): code and data the board provides before any
/// firmware runs. Reads of up to 8 bytes return the little-endian contents, zero past the
/// image; writes are ignored, as ROM ignores them. Harts may execute from it.
/// </summary>
public sealed class Rom(ReadOnlyMemory<byte> contents) : IMmioDevice
{
    public ReadOnlyMemory<byte> Contents => contents;

    public ulong Read(ulong offset, int size)
    {
        Span<byte> value = stackalloc byte[8];
        value.Clear();
        var bytes = contents.Span;
        if (offset < (ulong)bytes.Length)
        {
            var available = Math.Min(size, bytes.Length - (int)offset);
            bytes.Slice((int)offset, available).CopyTo(value);
        }
        return BinaryPrimitives.ReadUInt64LittleEndian(value) & (size >= 8 ? ulong.MaxValue : (1UL << (size * 8)) - 1);
    }

    public void Write(ulong offset, int size, ulong value)
    {
    }
}
