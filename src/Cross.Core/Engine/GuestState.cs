using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Cross.Core.Engine;

/// <summary>
/// The architectural state of one guest CPU as a block of bytes laid out by its frontend.
/// Generated code addresses registers by byte offset; the array is pinned so a native backend
/// can hold its address.
/// </summary>
public sealed class GuestState
{
    public byte[] Bytes { get; }

    public GuestState(int size) => Bytes = GC.AllocateArray<byte>(size, pinned: true);

    public int Size => Bytes.Length;

    public ulong Read(int offset, int size) => size switch
    {
        1 => Bytes[offset],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(offset)),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(offset)),
        8 => BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan(offset)),
        _ => throw new ArgumentOutOfRangeException(nameof(size)),
    };

    public void Write(int offset, int size, ulong value)
    {
        switch (size)
        {
            case 1: Bytes[offset] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(Bytes.AsSpan(offset), (ushort)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(Bytes.AsSpan(offset), (uint)value); break;
            case 8: BinaryPrimitives.WriteUInt64LittleEndian(Bytes.AsSpan(offset), value); break;
            default: throw new ArgumentOutOfRangeException(nameof(size));
        }
    }

    public ulong Read64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan(offset));

    public void Write64(int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Bytes.AsSpan(offset), value);

    public UInt128 Read128(int offset) => MemoryMarshal.Read<UInt128>(Bytes.AsSpan(offset));

    public void Write128(int offset, UInt128 value) => MemoryMarshal.Write(Bytes.AsSpan(offset), in value);

    public void CopyFrom(GuestState other) => other.Bytes.CopyTo(Bytes, 0);
}
