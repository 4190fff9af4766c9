using Cross.Core.Memory;

namespace Cross.Devices.Virtio;

public sealed partial class Virtqueue
{
    /// <summary>Most entries accepted in one indirect table; QEMU's limit (VIRTQUEUE_MAX_SIZE).</summary>
    public const int MaxIndirectDescriptors = 1024;

    private readonly record struct Descriptor(ulong Address, uint Length, ushort Flags, ushort Next);

    /// <summary>
    /// Follows a chain from <paramref name="head"/>. Each table (the ring's, or one indirect
    /// table) is visited at most once per entry, so a loop or an over-long chain ends the walk
    /// after at most Size + <see cref="MaxIndirectDescriptors"/> reads. Rejected, per the spec's
    /// driver requirements: a head or next index outside its table; a chain longer than its
    /// table; INDIRECT when not negotiated, combined with NEXT, nested, or naming a table that is
    /// empty, not a multiple of 16 bytes or too large; a readable buffer after a writable one;
    /// any buffer or table not entirely in RAM.
    /// </summary>
    private DescriptorChain WalkChain(ushort head)
    {
        if (head >= Size) return DescriptorChain.Malformed(head, $"head {head} is outside the {Size}-entry table");
        var readable = new List<GuestBuffer>();
        var writable = new List<GuestBuffer>();
        var table = _descriptorTable;
        uint tableEntries = Size;
        var indirect = false;
        uint index = head;
        uint visited = 0;
        try
        {
            while (true)
            {
                if (++visited > tableEntries)
                    return DescriptorChain.Malformed(head, indirect ? "indirect chain loops or is longer than its table" : "chain loops or is longer than the queue");
                var descriptor = ReadDescriptor(table + DescriptorSize * (ulong)index);
                if ((descriptor.Flags & VirtioConstants.DescIndirect) != 0)
                {
                    if (IndirectError(descriptor, indirect) is { } error) return DescriptorChain.Malformed(head, error);
                    table = descriptor.Address;
                    tableEntries = descriptor.Length / DescriptorSize;
                    indirect = true;
                    index = 0;
                    visited = 0;
                    continue;
                }
                if (!_memory.Contains(descriptor.Address, descriptor.Length))
                    return DescriptorChain.Malformed(head, $"buffer 0x{descriptor.Address:x}+0x{descriptor.Length:x} is not in RAM");
                var buffer = new GuestBuffer(descriptor.Address, descriptor.Length);
                if ((descriptor.Flags & VirtioConstants.DescWrite) != 0) writable.Add(buffer);
                else if (writable.Count > 0) return DescriptorChain.Malformed(head, "device-readable buffer after a device-writable one");
                else readable.Add(buffer);
                if ((descriptor.Flags & VirtioConstants.DescNext) == 0) return new DescriptorChain(head, readable, writable, null);
                index = descriptor.Next;
                if (index >= tableEntries) return DescriptorChain.Malformed(head, $"next index {index} is outside the {tableEntries}-entry table");
            }
        }
        catch (GuestMemoryFaultException fault)
        {
            return DescriptorChain.Malformed(head, $"descriptor table is not in RAM ({fault.Message})");
        }
    }

    private string? IndirectError(Descriptor descriptor, bool alreadyIndirect)
    {
        if (!_indirect) return "indirect descriptor without VIRTIO_F_INDIRECT_DESC";
        if (alreadyIndirect) return "nested indirect table";
        if ((descriptor.Flags & VirtioConstants.DescNext) != 0) return "indirect descriptor also has NEXT";
        if (descriptor.Length == 0 || descriptor.Length % DescriptorSize != 0) return $"indirect table length {descriptor.Length} is not a non-zero multiple of 16";
        if (descriptor.Length / DescriptorSize > MaxIndirectDescriptors) return $"indirect table of {descriptor.Length / DescriptorSize} entries is too large";
        if (!_memory.Contains(descriptor.Address, descriptor.Length)) return $"indirect table 0x{descriptor.Address:x}+0x{descriptor.Length:x} is not in RAM";
        return null;
    }

    private Descriptor ReadDescriptor(ulong address) => new(
        _memory.ReadU64(address),
        _memory.ReadU32(address + 8),
        _memory.ReadU16(address + 12),
        _memory.ReadU16(address + 14));
}
