using System.Buffers.Binary;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Frontends.RiscV.Tests.TestSupport;

/// <summary>Flat little-endian guest memory over one byte array at <see cref="Base"/>; anything outside faults.</summary>
public sealed class TestMemory : IGuestMemory
{
    private readonly byte[] _bytes;
    private readonly object _lock = new();
    private readonly List<(ulong Start, ulong End)> _code = new();

    public ulong Base { get; }

    public ulong End => Base + (ulong)_bytes.Length;

    public TestMemory(ulong baseAddress, int size)
    {
        Base = baseAddress;
        _bytes = new byte[size];
    }

    public event Action<ulong, ulong>? CodeModified;

    private Span<byte> Bytes(ulong address, int size, MemoryAccessType access)
    {
        if (address < Base || address + (ulong)size > End || address + (ulong)size < address)
            throw new GuestMemoryFaultException(address, access, MemoryFaultReason.Unmapped);
        return _bytes.AsSpan((int)(address - Base), size);
    }

    private static ulong ReadLittle(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        1 => bytes[0],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        8 => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        _ => throw new ArgumentOutOfRangeException(nameof(bytes)),
    };

    private void WriteLittle(ulong address, int size, ulong value)
    {
        var span = Bytes(address, size, MemoryAccessType.Write);
        switch (size)
        {
            case 1: span[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
            case 8: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
            default: throw new ArgumentOutOfRangeException(nameof(size));
        }
        foreach (var (start, end) in _code)
            if (address < end && start < address + (ulong)size)
            {
                CodeModified?.Invoke(address, address + (ulong)size);
                break;
            }
    }

    public ulong Read(ulong address, int size)
    {
        lock (_lock) return ReadLittle(Bytes(address, size, MemoryAccessType.Read));
    }

    public UInt128 Read128(ulong address)
    {
        lock (_lock) return BinaryPrimitives.ReadUInt128LittleEndian(Bytes(address, 16, MemoryAccessType.Read));
    }

    public void Write(ulong address, int size, ulong value)
    {
        lock (_lock) WriteLittle(address, size, value);
    }

    public void Write128(ulong address, UInt128 value)
    {
        lock (_lock) BinaryPrimitives.WriteUInt128LittleEndian(Bytes(address, 16, MemoryAccessType.Write), value);
    }

    public ulong AtomicRmw(AtomicOp op, ulong address, int size, ulong operand)
    {
        lock (_lock)
        {
            var old = ReadLittle(Bytes(address, size, MemoryAccessType.Write));
            var bits = size * 8;
            long Signed(ulong v) => (long)(v << (64 - bits)) >> (64 - bits);
            var result = op switch
            {
                AtomicOp.Exchange => operand,
                AtomicOp.Add => old + operand,
                AtomicOp.And => old & operand,
                AtomicOp.Or => old | operand,
                AtomicOp.Xor => old ^ operand,
                AtomicOp.MinS => Signed(old) <= Signed(operand) ? old : operand,
                AtomicOp.MaxS => Signed(old) >= Signed(operand) ? old : operand,
                AtomicOp.MinU => Mask(old, size) <= Mask(operand, size) ? old : operand,
                AtomicOp.MaxU => Mask(old, size) >= Mask(operand, size) ? old : operand,
                _ => throw new ArgumentOutOfRangeException(nameof(op)),
            };
            WriteLittle(address, size, result);
            return old;
        }
    }

    private static ulong Mask(ulong value, int size) => size == 8 ? value : value & ((1UL << (size * 8)) - 1);

    public ulong CompareExchange(ulong address, int size, ulong expected, ulong desired)
    {
        lock (_lock)
        {
            var old = ReadLittle(Bytes(address, size, MemoryAccessType.Write));
            if (old == Mask(expected, size)) WriteLittle(address, size, desired);
            return old;
        }
    }

    public ulong Fetch(ulong address, int size)
    {
        lock (_lock) return ReadLittle(Bytes(address, size, MemoryAccessType.Execute));
    }

    public void TrackCode(ulong start, ulong end)
    {
        lock (_lock) _code.Add((start, end));
    }
}
