using System.Runtime.CompilerServices;
using Cross.Core.Ir;

namespace Cross.UserMode.Native;

/// <summary>
/// One reserved range of host virtual memory that backs a whole guest address space: guest
/// address g lives at <c>Base + g</c>. The range is reserved PROT_NONE and NORESERVE, so it costs
/// nothing until pages are committed; committed pages are host read-write and zero-filled.
/// </summary>
/// <remarks>
/// Every accessor bounds-checks its offset against the region, so no call can reach host memory
/// outside it. Whether the pages are committed is the caller's invariant:
/// <see cref="Memory.GuestAddressSpace"/> only accesses pages its page table marks as mapped, and
/// it commits a page before marking it and marks it unmapped before decommitting it (and
/// decommitted pages stay accessible, for accesses racing an unmap on another guest thread).
/// </remarks>
internal sealed unsafe class HostRegion : IDisposable
{
    public const ulong PageSize = 4096;

    private const int ProtNone = 0, ProtRead = 1, ProtWrite = 2;
    private const int MapPrivate = 0x02, MapFixed = 0x10, MapAnonymous = 0x20, MapNoReserve = 0x4000;
    private const int AdviseHugePage = 14;

    /// <summary>A host transparent huge page: commits at least this long ask for them.</summary>
    public const ulong HugePageSize = 2 << 20;

    private byte* _base;

    public ulong Size { get; }

    private HostRegion(byte* baseAddress, ulong size)
    {
        _base = baseAddress;
        Size = size;
    }

    /// <summary>Reserves <paramref name="size"/> bytes (a multiple of the page size) of host address space.</summary>
    public static HostRegion Reserve(ulong size)
    {
        if (size == 0 || size % PageSize != 0) throw new ArgumentOutOfRangeException(nameof(size));
        // Reserve one huge page more and trim, so the base is 2 MiB aligned: guest huge-page-aligned
        // ranges are then host huge-page-aligned too.
        var reserved = size + HugePageSize;
        var address = Libc.Mmap(0, (nuint)reserved, ProtNone, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
        if (address == -1)
            throw new InsufficientMemoryException($"cannot reserve {size >> 20} MiB of host address space for the guest (errno {Libc.Errno})");
        var aligned = (nint)(((ulong)address + HugePageSize - 1) & ~(HugePageSize - 1));
        // SAFETY: both ranges are parts of the reservation just made and owned by nobody else; what
        // stays is [aligned, aligned + size), exactly `size` bytes.
        if (aligned > address) _ = Libc.Munmap(address, (nuint)(aligned - address));
        var tail = aligned + (nint)size;
        var end = address + (nint)reserved;
        if (end > tail) _ = Libc.Munmap(tail, (nuint)(end - tail));
        // SAFETY: [aligned, aligned + size) is a fresh PROT_NONE reservation that this object now owns.
        return new HostRegion((byte*)aligned, size);
    }

    /// <summary>The host address of <paramref name="offset"/>, for handing a checked guest buffer to a host call.</summary>
    public nint HostAddress(ulong offset, ulong length)
    {
        Check(offset, length);
        // SAFETY: address arithmetic only, inside the region (checked above); nothing is dereferenced here.
        return (nint)(_base + offset);
    }

    /// <summary>
    /// Makes [offset, offset+length) host read-write and zero-filled. Ranges of 2 MiB or more ask
    /// for transparent huge pages (unless <paramref name="hugePages"/> is false: sparse tables): a guest walking a large heap otherwise pays a host TLB miss per
    /// 4 KiB page (Debian's default THP mode is "madvise", so nothing happens without asking).
    /// </summary>
    public void Commit(ulong offset, ulong length, bool hugePages = true)
    {
        Remap(offset, length, ProtRead | ProtWrite);
        if (!hugePages || length < HugePageSize) return;
        // SAFETY: advice only, on a range of our own reservation (checked by Remap); a failure
        // (THP disabled on the host) leaves ordinary pages, which is correct, only slower.
        _ = Libc.Madvise((nint)(_base + offset), (nuint)length, AdviseHugePage);
    }

    /// <summary>
    /// Drops the pages' contents and their memory (still reserved). They stay host read-write:
    /// another guest thread may have passed its page-table check just before the guest unmapped
    /// them, and its access must land in harmless zero pages rather than fault the host process.
    /// Guest permissions are the page table's business, not the host's.
    /// </summary>
    public void Decommit(ulong offset, ulong length) => Remap(offset, length, ProtRead | ProtWrite);

    private void Remap(ulong offset, ulong length, int prot)
    {
        CheckPages(offset, length);
        if (length == 0) return;
        // SAFETY: MAP_FIXED over part of our own reservation atomically replaces those pages; the
        // range is inside the region (checked above), so no host mapping outside it is touched.
        var result = Libc.Mmap((nint)(_base + offset), (nuint)length, prot, MapPrivate | MapAnonymous | MapNoReserve | MapFixed, -1, 0);
        if (result == -1)
            throw new InsufficientMemoryException($"cannot commit guest memory at 0x{offset:x} (errno {Libc.Errno})");
    }

    public ulong Read(ulong offset, int size)
    {
        Check(offset, (ulong)size);
        // SAFETY: the range is inside the region (checked above) and committed (caller invariant);
        // unaligned reads are allowed on every host we run on through ReadUnaligned.
        var p = _base + offset;
        return size switch
        {
            1 => *p,
            2 => Unsafe.ReadUnaligned<ushort>(p),
            4 => Unsafe.ReadUnaligned<uint>(p),
            8 => Unsafe.ReadUnaligned<ulong>(p),
            _ => throw new ArgumentOutOfRangeException(nameof(size)),
        };
    }

    public UInt128 Read128(ulong offset)
    {
        Check(offset, 16);
        // SAFETY: 16 bytes inside the region (checked above), committed (caller invariant).
        return Unsafe.ReadUnaligned<UInt128>(_base + offset);
    }

    public void Write(ulong offset, int size, ulong value)
    {
        Check(offset, (ulong)size);
        // SAFETY: the range is inside the region (checked above) and committed (caller invariant).
        var p = _base + offset;
        switch (size)
        {
            case 1: *p = (byte)value; break;
            case 2: Unsafe.WriteUnaligned(p, (ushort)value); break;
            case 4: Unsafe.WriteUnaligned(p, (uint)value); break;
            case 8: Unsafe.WriteUnaligned(p, value); break;
            default: throw new ArgumentOutOfRangeException(nameof(size));
        }
    }

    public void Write128(ulong offset, UInt128 value)
    {
        Check(offset, 16);
        // SAFETY: 16 bytes inside the region (checked above), committed (caller invariant).
        Unsafe.WriteUnaligned(_base + offset, value);
    }

    public void CopyOut(ulong offset, Span<byte> destination)
    {
        Check(offset, (ulong)destination.Length);
        // SAFETY: destination.Length bytes inside the region (checked above), committed (caller invariant).
        new ReadOnlySpan<byte>(_base + offset, destination.Length).CopyTo(destination);
    }

    /// <summary>True when every byte of the range is zero (a fork skips such runs instead of copying them).</summary>
    public bool IsZero(ulong offset, int length)
    {
        Check(offset, (ulong)length);
        // SAFETY: length bytes inside the region (checked above); committed or decommitted pages are both readable.
        return new ReadOnlySpan<byte>(_base + offset, length).IndexOfAnyExcept((byte)0) < 0;
    }

    public void CopyIn(ulong offset, ReadOnlySpan<byte> source)
    {
        Check(offset, (ulong)source.Length);
        // SAFETY: source.Length bytes inside the region (checked above), committed (caller invariant).
        source.CopyTo(new Span<byte>(_base + offset, source.Length));
    }

    /// <summary>Copies within the region; the ranges may overlap.</summary>
    public void Move(ulong from, ulong to, ulong length)
    {
        Check(from, length);
        Check(to, length);
        // SAFETY: both ranges inside the region (checked above) and committed (caller invariant);
        // Buffer.MemoryCopy handles overlap.
        Buffer.MemoryCopy(_base + from, _base + to, (long)length, (long)length);
    }

    /// <summary>The index of the first NUL at or after <paramref name="offset"/> within <paramref name="limit"/> bytes, or -1.</summary>
    public int IndexOfNul(ulong offset, int limit)
    {
        Check(offset, (ulong)limit);
        // SAFETY: limit bytes inside the region (checked above), committed (caller invariant).
        return new ReadOnlySpan<byte>(_base + offset, limit).IndexOf((byte)0);
    }

    /// <summary>An atomic read-modify-write on a naturally aligned 1, 2, 4 or 8-byte location; returns the old value.</summary>
    public ulong AtomicRmw(AtomicOp op, ulong offset, int size, ulong operand)
    {
        CheckAtomic(offset, size);
        if (op == AtomicOp.Exchange && size >= 4)
        {
            // SAFETY: aligned, in-bounds (checked above), committed (caller invariant).
            return size == 8
                ? (ulong)Interlocked.Exchange(ref Unsafe.AsRef<long>(_base + offset), (long)operand)
                : (uint)Interlocked.Exchange(ref Unsafe.AsRef<int>(_base + offset), (int)operand);
        }

        if (op == AtomicOp.Add && size >= 4)
        {
            // SAFETY: as above.
            return size == 8
                ? (ulong)(Interlocked.Add(ref Unsafe.AsRef<long>(_base + offset), (long)operand) - (long)operand)
                : (uint)(Interlocked.Add(ref Unsafe.AsRef<int>(_base + offset), (int)operand) - (int)operand);
        }

        while (true)
        {
            var old = AtomicLoad(offset, size);
            var desired = Apply(op, old, operand, size);
            if (CompareExchange(offset, size, old, desired) == old) return old;
        }
    }

    /// <summary>An atomic compare-and-swap; returns the old value (equal to <paramref name="expected"/> on success).</summary>
    public ulong CompareExchange(ulong offset, int size, ulong expected, ulong desired)
    {
        CheckAtomic(offset, size);
        switch (size)
        {
            case 8:
                // SAFETY: aligned, in-bounds (checked above), committed (caller invariant).
                return (ulong)Interlocked.CompareExchange(ref Unsafe.AsRef<long>(_base + offset), (long)desired, (long)expected);
            case 4:
                // SAFETY: as above.
                return (uint)Interlocked.CompareExchange(ref Unsafe.AsRef<int>(_base + offset), (int)desired, (int)expected);
        }

        // Narrow CAS on the aligned 32-bit word that contains the location (little-endian host).
        var wordOffset = offset & ~3UL;
        var shift = (int)(offset - wordOffset) * 8;
        var mask = (size == 1 ? 0xFFu : 0xFFFFu) << shift;
        Check(wordOffset, 4);
        // SAFETY: the containing word is in-bounds (checked) and on the same page as the narrow
        // location, so committed (caller invariant).
        ref var word = ref Unsafe.AsRef<int>(_base + wordOffset);
        while (true)
        {
            var current = (uint)Volatile.Read(ref word);
            var old = (current & mask) >> shift;
            if (old != (uint)(expected & (mask >> shift))) return old;
            var replacement = (current & ~mask) | (((uint)desired << shift) & mask);
            if ((uint)Interlocked.CompareExchange(ref word, (int)replacement, (int)current) == current) return old;
        }
    }

    private ulong AtomicLoad(ulong offset, int size)
    {
        // SAFETY: callers checked bounds and alignment; committed (caller invariant).
        var p = _base + offset;
        return size switch
        {
            1 => Volatile.Read(ref *p),
            2 => Volatile.Read(ref *(ushort*)p),
            4 => Volatile.Read(ref *(uint*)p),
            _ => Volatile.Read(ref *(ulong*)p),
        };
    }

    private static ulong Apply(AtomicOp op, ulong old, ulong operand, int size)
    {
        var bits = size * 8;
        var mask = size == 8 ? ulong.MaxValue : (1UL << bits) - 1;
        long Signed(ulong v) => size == 8 ? (long)v : ((long)(v << (64 - bits))) >> (64 - bits);
        var a = old & mask;
        var b = operand & mask;
        var result = op switch
        {
            AtomicOp.Exchange => b,
            AtomicOp.Add => a + b,
            AtomicOp.And => a & b,
            AtomicOp.Or => a | b,
            AtomicOp.Xor => a ^ b,
            AtomicOp.MinS => Signed(a) <= Signed(b) ? a : b,
            AtomicOp.MaxS => Signed(a) >= Signed(b) ? a : b,
            AtomicOp.MinU => a <= b ? a : b,
            AtomicOp.MaxU => a >= b ? a : b,
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
        return result & mask;
    }

    private void CheckAtomic(ulong offset, int size)
    {
        if (size is not (1 or 2 or 4 or 8) || (offset & (ulong)(size - 1)) != 0)
            throw new ArgumentException($"atomic access of {size} bytes at 0x{offset:x} is not naturally aligned");
        Check(offset, (ulong)size);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Check(ulong offset, ulong length)
    {
        if (_base == null) throw new ObjectDisposedException(nameof(HostRegion));
        if (offset > Size || length > Size - offset)
            throw new ArgumentOutOfRangeException(nameof(offset), $"0x{offset:x}+0x{length:x} is outside the guest region");
    }

    private void CheckPages(ulong offset, ulong length)
    {
        Check(offset, length);
        if (offset % PageSize != 0 || length % PageSize != 0)
            throw new ArgumentException("host mappings must be page-aligned");
    }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    ~HostRegion() => Release();

    private void Release()
    {
        if (_base == null) return;
        // SAFETY: unmaps exactly the reservation made in Reserve; _base is cleared so no accessor can reach it again.
        Libc.Munmap((nint)_base, (nuint)Size);
        _base = null;
    }
}
