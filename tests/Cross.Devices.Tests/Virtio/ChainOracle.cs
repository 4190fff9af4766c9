using Cross.Core.Memory;
using static Cross.Devices.Virtio.VirtioConstants;

namespace Cross.Devices.Tests.Virtio;

/// <summary>
/// An independent, deliberately naive reading of the virtio 1.2 chain rules, used by the fuzzer
/// to decide whether a request is well formed: follow the chain remembering every visited entry,
/// and reject anything the spec forbids a driver to build.
/// </summary>
public static class ChainOracle
{
    public sealed record Chain(List<(ulong Address, uint Length)> Readable, List<(ulong Address, uint Length)> Writable);

    public static Chain? Walk(PhysicalBus bus, ulong table, ushort size, ushort head, bool indirectAllowed)
    {
        if (head >= size) return null;
        var readable = new List<(ulong, uint)>();
        var writable = new List<(ulong, uint)>();
        var visited = new HashSet<(ulong, uint)>();
        ulong currentTable = table;
        uint entries = size;
        var inIndirect = false;
        uint index = head;
        while (true)
        {
            if (!visited.Add((currentTable, index))) return null;
            var entry = currentTable + 16 * (ulong)index;
            if (!InRam(bus, entry, 16)) return null;
            var address = bus.Read(entry, 8);
            var length = (uint)bus.Read(entry + 8, 4);
            var flags = (ushort)bus.Read(entry + 12, 2);
            var next = (ushort)bus.Read(entry + 14, 2);
            if ((flags & DescIndirect) != 0)
            {
                if (!indirectAllowed || inIndirect || (flags & DescNext) != 0) return null;
                if (length == 0 || length % 16 != 0 || length / 16 > 1024 || !InRam(bus, address, length)) return null;
                currentTable = address;
                entries = length / 16;
                inIndirect = true;
                index = 0;
                continue;
            }
            if (length != 0 && !InRam(bus, address, length)) return null;
            if ((flags & DescWrite) != 0) writable.Add((address, length));
            else if (writable.Count > 0) return null;
            else readable.Add((address, length));
            if ((flags & DescNext) == 0) return new Chain(readable, writable);
            if (next >= entries) return null;
            index = next;
        }
    }

    public static bool InRam(PhysicalBus bus, ulong address, ulong length) =>
        length <= int.MaxValue && bus.Find(address, (int)length) is PhysicalBus.RamRegion;

    public static byte[] Gather(PhysicalBus bus, IEnumerable<(ulong Address, uint Length)> buffers)
    {
        var bytes = new List<byte>();
        foreach (var (address, length) in buffers)
            for (ulong i = 0; i < length; i++) bytes.Add((byte)bus.Read(address + i, 1));
        return bytes.ToArray();
    }
}
