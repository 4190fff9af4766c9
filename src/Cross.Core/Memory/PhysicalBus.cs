using System.Buffers.Binary;
using Cross.Core.Devices;
using Cross.Core.Ir;

namespace Cross.Core.Memory;

/// <summary>
/// A guest physical address space: RAM regions (pinned host arrays that generated code and KVM
/// can address) and MMIO regions dispatched to devices. Regions may not overlap. Accesses to
/// nothing fault; an access that straddles two regions faults too.
/// </summary>
public sealed class PhysicalBus : IGuestMemory
{
    private const int PageShift = 12;

    public abstract record Region(string Name, ulong Base, ulong Size)
    {
        public ulong End => Base + Size;

        public bool Contains(ulong address, int size) => address >= Base && address - Base <= Size - (ulong)size && (ulong)size <= Size;
    }

    public sealed record RamRegion(string Name, ulong Base, byte[] Bytes) : Region(Name, Base, (ulong)Bytes.LongLength);

    public sealed record MmioRegion(string Name, ulong Base, ulong Size, IMmioDevice Device) : Region(Name, Base, Size);

    private readonly List<Region> _regions = new();
    private readonly HashSet<ulong> _codePages = new();
    private readonly object _atomicLock = new();

    public IReadOnlyList<Region> Regions => _regions;

    public event Action<ulong, ulong>? CodeModified;

    public RamRegion AddRam(string name, ulong baseAddress, ulong size)
    {
        if (size == 0 || size > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(size), $"RAM region {name} must be 1 byte to 2 GiB");
        var region = new RamRegion(name, baseAddress, GC.AllocateArray<byte>((int)size, pinned: true));
        Add(region);
        return region;
    }

    public MmioRegion AddMmio(string name, ulong baseAddress, ulong size, IMmioDevice device)
    {
        var region = new MmioRegion(name, baseAddress, size, device);
        Add(region);
        return region;
    }

    private void Add(Region region)
    {
        if (region.Size == 0 || region.Base + region.Size < region.Base)
            throw new ArgumentException($"region {region.Name} has an invalid range");
        foreach (var other in _regions)
            if (region.Base < other.End && other.Base < region.End)
                throw new ArgumentException($"region {region.Name} [0x{region.Base:x}, 0x{region.End:x}) overlaps {other.Name} [0x{other.Base:x}, 0x{other.End:x})");
        var index = _regions.FindIndex(r => r.Base > region.Base);
        _regions.Insert(index < 0 ? _regions.Count : index, region);
    }

    /// <summary>The region holding [address, address+size), or null.</summary>
    public Region? Find(ulong address, int size = 1)
    {
        // Binary search over the sorted, non-overlapping regions.
        int low = 0, high = _regions.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var region = _regions[middle];
            if (address < region.Base) high = middle - 1;
            else if (address >= region.End) low = middle + 1;
            else return region.Contains(address, size) ? region : null;
        }
        return null;
    }

    private Region Resolve(ulong address, int size, MemoryAccessType access) =>
        Find(address, size) ?? throw new GuestMemoryFaultException(address, access, MemoryFaultReason.Unmapped);

    public ulong Read(ulong address, int size)
    {
        switch (Resolve(address, size, MemoryAccessType.Read))
        {
            case RamRegion ram:
                return ReadRam(ram, address, size);
            case MmioRegion mmio:
                return mmio.Device.Read(address - mmio.Base, size);
            default:
                throw new InvalidOperationException();
        }
    }

    private static ulong ReadRam(RamRegion ram, ulong address, int size)
    {
        var span = ram.Bytes.AsSpan((int)(address - ram.Base), size);
        return size switch
        {
            1 => span[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(span),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(span),
            8 => BinaryPrimitives.ReadUInt64LittleEndian(span),
            _ => throw new ArgumentOutOfRangeException(nameof(size)),
        };
    }

    public void Write(ulong address, int size, ulong value)
    {
        switch (Resolve(address, size, MemoryAccessType.Write))
        {
            case RamRegion ram:
                var span = ram.Bytes.AsSpan((int)(address - ram.Base), size);
                switch (size)
                {
                    case 1: span[0] = (byte)value; break;
                    case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
                    case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
                    case 8: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
                    default: throw new ArgumentOutOfRangeException(nameof(size));
                }
                NoteWrite(address, size);
                return;
            case MmioRegion mmio:
                mmio.Device.Write(address - mmio.Base, size, value);
                return;
        }
    }

    public UInt128 Read128(ulong address) => new(Read(address + 8, 8), Read(address, 8));

    public void Write128(ulong address, UInt128 value)
    {
        Resolve(address, 16, MemoryAccessType.Write);
        Write(address, 8, (ulong)value);
        Write(address + 8, 8, (ulong)(value >> 64));
    }

    public ulong AtomicRmw(AtomicOp op, ulong address, int size, ulong operand)
    {
        lock (_atomicLock)
        {
            var old = Read(address, size);
            Write(address, size, AtomicOps.Apply(op, size, old, operand));
            return old;
        }
    }

    public ulong CompareExchange(ulong address, int size, ulong expected, ulong desired)
    {
        lock (_atomicLock)
        {
            var old = Read(address, size);
            var mask = size == 8 ? ulong.MaxValue : (1UL << (size * 8)) - 1;
            if (old == (expected & mask)) Write(address, size, desired);
            return old;
        }
    }

    public ulong Fetch(ulong address, int size) => Resolve(address, size, MemoryAccessType.Execute) switch
    {
        RamRegion ram => ReadRam(ram, address, size),
        // Executing from a device (a ROM model, flash) goes through the device.
        MmioRegion mmio => mmio.Device.Read(address - mmio.Base, size),
        _ => throw new InvalidOperationException(),
    };

    public void TrackCode(ulong start, ulong end)
    {
        lock (_codePages)
            for (var page = start >> PageShift; page <= (end - 1) >> PageShift; page++) _codePages.Add(page);
    }

    private void NoteWrite(ulong address, int size)
    {
        if (_codePages.Count == 0) return;
        for (var page = address >> PageShift; page <= (address + (ulong)size - 1) >> PageShift; page++)
        {
            bool removed;
            lock (_codePages) removed = _codePages.Remove(page);
            if (removed) CodeModified?.Invoke(page << PageShift, (page + 1) << PageShift);
        }
    }

    /// <summary>Copies an image into RAM (loaders); fails unless it fits inside one RAM region.</summary>
    public void LoadImage(ulong address, ReadOnlySpan<byte> image)
    {
        if (image.IsEmpty) return;
        if (Find(address, image.Length) is not RamRegion ram)
            throw new ArgumentException($"image of {image.Length} bytes at 0x{address:x} does not fit in RAM");
        image.CopyTo(ram.Bytes.AsSpan((int)(address - ram.Base)));
        NoteWrite(address, image.Length);
    }
}
