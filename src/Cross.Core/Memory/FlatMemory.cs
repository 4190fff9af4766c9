using System.Buffers.Binary;
using Cross.Core.Ir;

namespace Cross.Core.Memory;

/// <summary>
/// Guest memory backed by one managed array at a base address: bare-metal images, unit tests.
/// Accesses outside [Base, Base+Size) fault. Atomics are serialised by a lock.
/// </summary>
public sealed class FlatMemory : IGuestMemory
{
    private readonly byte[] _bytes;
    private readonly object _atomicLock = new();
    private readonly bool[] _codePages;
    private const int PageShift = 12;

    public ulong Base { get; }

    public ulong Size => (ulong)_bytes.Length;

    public event Action<ulong, ulong>? CodeModified;

    public FlatMemory(ulong baseAddress, int size)
    {
        Base = baseAddress;
        _bytes = new byte[size];
        _codePages = new bool[(size >> PageShift) + 1];
    }

    public Span<byte> Bytes => _bytes;

    private int Offset(ulong address, int size, MemoryAccessType access)
    {
        var offset = address - Base;
        if (address < Base || offset > (ulong)_bytes.Length || (ulong)_bytes.Length - offset < (ulong)size)
            throw new GuestMemoryFaultException(address, access, MemoryFaultReason.Unmapped);
        return (int)offset;
    }

    private void Written(int offset, int size)
    {
        for (var page = offset >> PageShift; page <= (offset + size - 1) >> PageShift; page++)
        {
            if (!_codePages[page]) continue;
            _codePages[page] = false;
            var start = Base + ((ulong)page << PageShift);
            CodeModified?.Invoke(start, start + (1UL << PageShift));
        }
    }

    public ulong Read(ulong address, int size)
    {
        var span = _bytes.AsSpan(Offset(address, size, MemoryAccessType.Read), size);
        return size switch
        {
            1 => span[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(span),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(span),
            8 => BinaryPrimitives.ReadUInt64LittleEndian(span),
            _ => throw new ArgumentOutOfRangeException(nameof(size)),
        };
    }

    public UInt128 Read128(ulong address) =>
        BinaryPrimitives.ReadUInt128LittleEndian(_bytes.AsSpan(Offset(address, 16, MemoryAccessType.Read), 16));

    public void Write(ulong address, int size, ulong value)
    {
        var offset = Offset(address, size, MemoryAccessType.Write);
        var span = _bytes.AsSpan(offset, size);
        switch (size)
        {
            case 1: span[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
            case 8: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
            default: throw new ArgumentOutOfRangeException(nameof(size));
        }
        Written(offset, size);
    }

    public void Write128(ulong address, UInt128 value)
    {
        var offset = Offset(address, 16, MemoryAccessType.Write);
        BinaryPrimitives.WriteUInt128LittleEndian(_bytes.AsSpan(offset, 16), value);
        Written(offset, 16);
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

    public ulong Fetch(ulong address, int size)
    {
        Offset(address, size, MemoryAccessType.Execute);
        return Read(address, size);
    }

    public void TrackCode(ulong start, ulong end)
    {
        if (end <= start) return;
        var first = Offset(start, 1, MemoryAccessType.Execute) >> PageShift;
        var last = Offset(end - 1, 1, MemoryAccessType.Execute) >> PageShift;
        for (var page = first; page <= last; page++) _codePages[page] = true;
    }

    public void Load(ulong address, ReadOnlySpan<byte> data) => data.CopyTo(_bytes.AsSpan(Offset(address, data.Length, MemoryAccessType.Write)));
}
