using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Llvm.Tests.DirectMemory;

/// <summary>
/// A test-only <see cref="IDirectGuestMemory"/> over native memory: guest [0, Size) with a
/// permission byte per 4 KiB page, and the direct-access table generated code reads kept from it
/// (each byte grants what is good for its page and the next). Guard zones before and after the window hold a known pattern,
/// so a test can prove that no guest access touched host memory outside the window. The slow
/// path (these methods) counts its calls, so tests can see which path an access took.
/// </summary>
/// <remarks>
/// SAFETY (whole class): every pointer use stays inside the two native allocations made in the
/// constructor (spans are built with their exact lengths, page indices are bounds-checked by
/// <c>Check</c> or limited to <see cref="Pages"/>), and nothing is used after Dispose.
/// </remarks>
public sealed unsafe class TestDirectMemory : IDirectGuestMemory, IDisposable
{
    private const int PageShift = 12;
    private const int PageSize = 1 << PageShift;
    private const int Guard = 2 * PageSize;
    private const byte GuardPattern = 0xA5;

    private readonly object _atomicLock = new();
    private byte* _allocation;
    private byte* _permissions;
    private byte* _direct;

    public ulong Size { get; }

    public int Pages { get; }

    public int SlowReads { get; private set; }
    public int SlowWrites { get; private set; }
    public int SlowAtomics { get; private set; }

    public event Action<ulong, ulong>? CodeModified;

    public TestDirectMemory(int pages, DirectPagePermissions permissions = DirectPagePermissions.Read | DirectPagePermissions.Write)
    {
        Pages = pages;
        Size = (ulong)pages << PageShift;
        // SAFETY: one allocation of window + both guard zones, one of the permission table and one
        // of the direct table; all are freed once in Dispose.
        _allocation = (byte*)NativeMemory.Alloc((nuint)(Guard + (int)Size + Guard));
        _permissions = (byte*)NativeMemory.Alloc((nuint)pages);
        _direct = (byte*)NativeMemory.Alloc((nuint)pages);
        new Span<byte>(_allocation, Guard + (int)Size + Guard).Fill(GuardPattern);
        Bytes.Clear();
        PagePermissionBytes.Fill((byte)permissions);
        for (var page = 0; page < pages; page++) UpdateDirect(page);
    }

    public nint HostBase => (nint)(_allocation + Guard);

    public nint PagePermissions => (nint)_direct;

    public nint PageOwnPermissions => (nint)_permissions;

    /// <summary>The guest window as bytes.</summary>
    public Span<byte> Bytes => new(_allocation + Guard, (int)Size);

    public Span<byte> PagePermissionBytes => new(_permissions, Pages);

    public void SetPermissions(int page, DirectPagePermissions permissions)
    {
        PagePermissionBytes[page] = (byte)permissions;
        if (page > 0) UpdateDirect(page - 1);
        UpdateDirect(page);
    }

    /// <summary>The contract of <see cref="IDirectGuestMemory.PagePermissions"/>, from the flags of the page and the next.</summary>
    private void UpdateDirect(int page)
    {
        var next = page + 1 < Pages ? (DirectPagePermissions)_permissions[page + 1] : DirectPagePermissions.None;
        _direct[page] = (byte)((DirectPagePermissions)_permissions[page]).ForPageAndNext(next);
    }

    /// <summary>True when both guard zones still hold their pattern.</summary>
    public bool GuardsIntact =>
        !new Span<byte>(_allocation, Guard).ContainsAnyExcept(GuardPattern)
        && !new Span<byte>(_allocation + Guard + (int)Size, Guard).ContainsAnyExcept(GuardPattern);

    public void ResetCounters() => SlowReads = SlowWrites = SlowAtomics = 0;

    private int Check(ulong address, int size, DirectPagePermissions needed, MemoryAccessType access)
    {
        if (address >= Size || Size - address < (ulong)size)
            throw new GuestMemoryFaultException(address, access, MemoryFaultReason.Unmapped);
        for (var page = address >> PageShift; page <= (address + (ulong)size - 1) >> PageShift; page++)
        {
            var granted = (DirectPagePermissions)_permissions[page];
            if ((granted & (DirectPagePermissions.Read | DirectPagePermissions.Write | DirectPagePermissions.Execute)) == 0)
                throw new GuestMemoryFaultException(address, access, MemoryFaultReason.Unmapped);
            if ((granted & needed) != needed)
                throw new GuestMemoryFaultException(address, access, MemoryFaultReason.Permission);
        }
        return (int)address;
    }

    private void Written(ulong address, int size)
    {
        for (var page = address >> PageShift; page <= (address + (ulong)size - 1) >> PageShift; page++)
        {
            if ((_permissions[page] & (byte)DirectPagePermissions.TranslatedCode) == 0) continue;
            SetPermissions((int)page, (DirectPagePermissions)_permissions[page] & ~DirectPagePermissions.TranslatedCode);
            CodeModified?.Invoke(page << PageShift, (page + 1) << PageShift);
        }
    }

    public ulong Read(ulong address, int size)
    {
        SlowReads++;
        var span = Bytes.Slice(Check(address, size, DirectPagePermissions.Read, MemoryAccessType.Read), size);
        return size switch
        {
            1 => span[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(span),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(span),
            8 => BinaryPrimitives.ReadUInt64LittleEndian(span),
            _ => throw new ArgumentOutOfRangeException(nameof(size)),
        };
    }

    public UInt128 Read128(ulong address)
    {
        SlowReads++;
        return BinaryPrimitives.ReadUInt128LittleEndian(Bytes.Slice(Check(address, 16, DirectPagePermissions.Read, MemoryAccessType.Read), 16));
    }

    public void Write(ulong address, int size, ulong value)
    {
        SlowWrites++;
        var span = Bytes.Slice(Check(address, size, DirectPagePermissions.Write, MemoryAccessType.Write), size);
        switch (size)
        {
            case 1: span[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
            case 8: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
            default: throw new ArgumentOutOfRangeException(nameof(size));
        }
        Written(address, size);
    }

    public void Write128(ulong address, UInt128 value)
    {
        SlowWrites++;
        BinaryPrimitives.WriteUInt128LittleEndian(Bytes.Slice(Check(address, 16, DirectPagePermissions.Write, MemoryAccessType.Write), 16), value);
        Written(address, 16);
    }

    public ulong AtomicRmw(AtomicOp op, ulong address, int size, ulong operand)
    {
        lock (_atomicLock)
        {
            SlowAtomics++;
            Check(address, size, DirectPagePermissions.Read | DirectPagePermissions.Write, MemoryAccessType.Write);
            var old = Read(address, size);
            Write(address, size, AtomicOps.Apply(op, size, old, operand));
            SlowReads--;
            SlowWrites--;
            return old;
        }
    }

    public ulong CompareExchange(ulong address, int size, ulong expected, ulong desired)
    {
        lock (_atomicLock)
        {
            SlowAtomics++;
            Check(address, size, DirectPagePermissions.Read | DirectPagePermissions.Write, MemoryAccessType.Write);
            var old = Read(address, size);
            SlowReads--;
            var mask = size == 8 ? ulong.MaxValue : (1UL << (size * 8)) - 1;
            if (old == (expected & mask))
            {
                Write(address, size, desired);
                SlowWrites--;
            }
            return old;
        }
    }

    public ulong Fetch(ulong address, int size)
    {
        Check(address, size, DirectPagePermissions.Execute, MemoryAccessType.Execute);
        var value = Read(address, size);
        SlowReads--;
        return value;
    }

    public void TrackCode(ulong start, ulong end)
    {
        if (end <= start) return;
        for (var page = start >> PageShift; page <= (end - 1) >> PageShift && page < (ulong)Pages; page++)
            SetPermissions((int)page, (DirectPagePermissions)_permissions[page] | DirectPagePermissions.TranslatedCode);
    }

    public void Dispose()
    {
        if (_allocation == null) return;
        // SAFETY: the pointers came from NativeMemory.Alloc in the constructor and are nulled here.
        NativeMemory.Free(_allocation);
        NativeMemory.Free(_permissions);
        NativeMemory.Free(_direct);
        _allocation = null;
        _permissions = null;
        _direct = null;
    }
}
