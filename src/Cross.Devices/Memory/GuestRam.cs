using System.Buffers.Binary;
using Cross.Core.Memory;

namespace Cross.Devices.Memory;

/// <summary>
/// Guest memory as a DMA-capable device sees it: RAM regions of the bus only. A device must not
/// reach another device's registers through a guest-supplied pointer (a virtio descriptor aimed
/// at an MMIO window would otherwise make the device talk to itself), so any access that is not
/// entirely inside one RAM region faults with <see cref="GuestMemoryFaultException"/> before
/// touching anything. Writes go through <see cref="PhysicalBus.LoadImage"/> so translated code
/// in the written pages is invalidated, exactly as for a CPU store.
/// </summary>
public sealed class GuestRam(PhysicalBus bus)
{
    public PhysicalBus Bus => bus;

    /// <summary>True when [address, address + length) lies inside one RAM region (always true for length 0).</summary>
    public bool Contains(ulong address, ulong length) =>
        length == 0 || (length <= int.MaxValue && bus.Find(address, (int)length) is PhysicalBus.RamRegion);

    public void Read(ulong address, Span<byte> destination) =>
        Span(address, destination.Length, MemoryAccessType.Read).CopyTo(destination);

    public void Write(ulong address, ReadOnlySpan<byte> source)
    {
        if (source.IsEmpty) return;
        Span(address, source.Length, MemoryAccessType.Write); // checks it is RAM before LoadImage does anything
        bus.LoadImage(address, source);
    }

    public ushort ReadU16(ulong address) => BinaryPrimitives.ReadUInt16LittleEndian(Span(address, 2, MemoryAccessType.Read));

    public uint ReadU32(ulong address) => BinaryPrimitives.ReadUInt32LittleEndian(Span(address, 4, MemoryAccessType.Read));

    public ulong ReadU64(ulong address) => BinaryPrimitives.ReadUInt64LittleEndian(Span(address, 8, MemoryAccessType.Read));

    public void WriteU16(ulong address, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        Write(address, bytes);
    }

    public void WriteU32(ulong address, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Write(address, bytes);
    }

    public void WriteU64(ulong address, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        Write(address, bytes);
    }

    private Span<byte> Span(ulong address, int length, MemoryAccessType access)
    {
        if (length == 0) return [];
        if (bus.Find(address, length) is not PhysicalBus.RamRegion ram)
            throw new GuestMemoryFaultException(address, access, bus.Find(address) is null ? MemoryFaultReason.Unmapped : MemoryFaultReason.Permission);
        return ram.Bytes.AsSpan((int)(address - ram.Base), length);
    }
}
