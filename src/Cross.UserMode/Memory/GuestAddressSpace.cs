using System.Runtime.CompilerServices;
using System.Text;
using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.UserMode.Native;

namespace Cross.UserMode.Memory;

/// <summary>
/// A user-mode guest's virtual address space [0, <see cref="Size"/>), backed by one reserved host
/// region (guest address g lives at host base + g), with a per-4 KiB-page table of guest
/// permissions. Every access checks the table first, all bytes of it (page-crossing accesses
/// check both pages), and throws <see cref="GuestMemoryFaultException"/> rather than touch
/// anything the guest has not mapped; so a guest can neither reach host memory outside its region
/// nor crash the host.
/// </summary>
/// <remarks>
/// <para>Committed pages are host read-write whatever the guest permission is: the table is what
/// enforces guest permissions, and the loader and system calls can fill read-only guest pages.</para>
/// <para>Plain loads and stores may be misaligned (as on qemu-riscv64). Atomics must be naturally
/// aligned (a <see cref="MemoryFaultReason.Misaligned"/> fault otherwise) and use host atomics on
/// the host address, so they stay atomic when guest threads run on several host threads.</para>
/// <para>Writes to a page holding translated code raise <see cref="CodeModified"/> for that page
/// and clear its mark; the engine then drops the stale translations.</para>
/// <para>As an <see cref="IDirectGuestMemory"/>, the region base and the page table's direct-access
/// bytes (see <see cref="PageTable"/>) are exposed so a JIT can access guest memory inline and
/// fall back to these methods whenever the page byte does not grant the access.</para>
/// <para>Guest threads run on several host threads: an access that passed its check just before
/// another thread unmapped the page lands in a zero page (decommitted pages stay host-accessible,
/// see <see cref="HostRegion.Decommit"/>), never in a host fault.</para>
/// </remarks>
public sealed class GuestAddressSpace : IDirectGuestMemory, IDisposable
{
    public const ulong PageSize = 4096;
    public const int PageShift = 12;

    /// <summary>The default size: guest addresses [0, 2^36), 64 GiB.</summary>
    public const ulong DefaultSize = 1UL << 36;

    private readonly HostRegion _region;
    private readonly PageTable _pages;
    private readonly object _sync = new();

    public GuestAddressSpace(ulong size = DefaultSize)
    {
        if (size < PageSize || size % PageSize != 0 || size > 1UL << 47)
            throw new ArgumentOutOfRangeException(nameof(size), "the guest address space must be a whole number of pages, at most 2^47 bytes");
        _region = HostRegion.Reserve(size);
        _pages = new PageTable(size >> PageShift);
        Size = size;
    }

    /// <summary>Bytes of guest address space; valid guest addresses are below this.</summary>
    public ulong Size { get; }

    /// <summary>Host address of guest address 0.</summary>
    public nint HostBase => _region.HostAddress(0, 0);

    /// <summary>Host address of the direct-access table (one byte per page, granting what is good for that page and the next).</summary>
    public nint PagePermissions => _pages.DirectAddress;

    /// <summary>Host address of the page flags (one byte per page; bits 0-3 as <see cref="DirectPagePermissions"/>).</summary>
    public nint PageOwnPermissions => _pages.Address;

    public event Action<ulong, ulong>? CodeModified;

    // ---- Mapping -------------------------------------------------------------------------------

    /// <summary>
    /// Maps [address, address+length) (page-aligned) as fresh zero-filled pages with
    /// <paramref name="protection"/>, replacing whatever was mapped there.
    /// </summary>
    public void Map(ulong address, ulong length, MemoryProtection protection)
    {
        CheckPageRange(address, length);
        if (length == 0) return;
        var dropped = false;
        lock (_sync)
        {
            dropped = ClearPages(address, length);
            _region.Commit(address, length);
            SetPages(address, length, PageFlags.Mapped | (PageFlags)protection);
        }
        if (dropped) CodeModified?.Invoke(address, address + length);
    }

    /// <summary>Unmaps [address, address+length) (page-aligned); unmapped pages in the range are fine.</summary>
    public void Unmap(ulong address, ulong length)
    {
        CheckPageRange(address, length);
        if (length == 0) return;
        bool dropped;
        lock (_sync)
        {
            dropped = ClearPages(address, length);
            _region.Decommit(address, length);
        }
        if (dropped) CodeModified?.Invoke(address, address + length);
    }

    /// <summary>
    /// Changes the guest permissions of [address, address+length). Returns false, changing nothing,
    /// when a page in the range is not mapped (mprotect's ENOMEM).
    /// </summary>
    public bool Protect(ulong address, ulong length, MemoryProtection protection)
    {
        CheckPageRange(address, length);
        lock (_sync)
        {
            if (!IsMapped(address, length)) return false;
            for (var page = address >> PageShift; page < (address + length) >> PageShift; page++)
                _pages[page] = (byte)((_pages[page] & ~(byte)PageFlags.PermissionMask) | (byte)protection);
        }
        return true;
    }

    /// <summary>True when every page touching [address, address+length) is mapped (whatever its permissions).</summary>
    public bool IsMapped(ulong address, ulong length) => AllPages(address, length, PageFlags.Mapped);

    /// <summary>True when no page touching [address, address+length) is mapped, and the range is inside the space.</summary>
    public bool IsFree(ulong address, ulong length)
    {
        if (!InRange(address, length)) return false;
        if (length == 0) return true;
        for (var page = address >> PageShift; page <= (address + length - 1) >> PageShift; page++)
            if ((Flags(page) & PageFlags.Mapped) != 0) return false;
        return true;
    }

    /// <summary>The guest protection of the page holding <paramref name="address"/>, or null when unmapped.</summary>
    public MemoryProtection? ProtectionAt(ulong address)
    {
        if (address >= Size) return null;
        var flags = Flags(address >> PageShift);
        return (flags & PageFlags.Mapped) == 0 ? null : (MemoryProtection)(flags & PageFlags.PermissionMask);
    }

    /// <summary>Copies mapped guest bytes to another mapped range, ignoring guest permissions (mremap).</summary>
    public void Move(ulong from, ulong to, ulong length)
    {
        if (!IsMapped(from, length) || !IsMapped(to, length))
            throw new ArgumentException("both ranges of a guest move must be mapped");
        _region.Move(from, to, length);
        InvalidateCode(to, length);
    }

    /// <summary>
    /// Writes bytes into mapped pages whatever their guest protection: the loader filling a
    /// read-only segment, the signal trampoline. Throws an unmapped fault if a page is not mapped.
    /// </summary>
    public void Initialize(ulong address, ReadOnlySpan<byte> bytes)
    {
        Require(address, (ulong)bytes.Length, PageFlags.Mapped, MemoryAccessType.Write);
        _region.CopyIn(address, bytes);
        InvalidateCode(address, (ulong)bytes.Length);
    }

    /// <summary>The host address of a mapped guest range, for file-backed mmap filling it (ignores guest protection).</summary>
    internal nint HostAddressOfMapped(ulong address, ulong length)
    {
        Require(address, length, PageFlags.Mapped, MemoryAccessType.Write);
        InvalidateCode(address, length);
        return _region.HostAddress(address, length);
    }

    /// <summary>The host address of a mapped guest range, for copying its bytes out whatever the guest protection (fork).</summary>
    internal nint HostAddressForCopy(ulong address, ulong length)
    {
        Require(address, length, PageFlags.Mapped, MemoryAccessType.Read);
        return _region.HostAddress(address, length);
    }

    /// <summary>True when every byte of a mapped range is zero.</summary>
    internal bool IsZero(ulong address, int length)
    {
        Require(address, (ulong)length, PageFlags.Mapped, MemoryAccessType.Read);
        return _region.IsZero(address, length);
    }

    // ---- Checked access for the guest's own loads and stores ----------------------------------

    public ulong Read(ulong address, int size)
    {
        Check(address, size, PageFlags.Mapped | PageFlags.Read, MemoryAccessType.Read);
        return _region.Read(address, size);
    }

    public UInt128 Read128(ulong address)
    {
        Check(address, 16, PageFlags.Mapped | PageFlags.Read, MemoryAccessType.Read);
        return _region.Read128(address);
    }

    public void Write(ulong address, int size, ulong value)
    {
        if (Check(address, size, PageFlags.Mapped | PageFlags.Write, MemoryAccessType.Write)) DropCode(address, (ulong)size);
        _region.Write(address, size, value);
    }

    public void Write128(ulong address, UInt128 value)
    {
        if (Check(address, 16, PageFlags.Mapped | PageFlags.Write, MemoryAccessType.Write)) DropCode(address, 16);
        _region.Write128(address, value);
    }

    public ulong AtomicRmw(AtomicOp op, ulong address, int size, ulong operand)
    {
        CheckAtomic(address, size);
        return _region.AtomicRmw(op, address, size, operand);
    }

    public ulong CompareExchange(ulong address, int size, ulong expected, ulong desired)
    {
        CheckAtomic(address, size);
        return _region.CompareExchange(address, size, expected, desired);
    }

    public ulong Fetch(ulong address, int size)
    {
        Check(address, size, PageFlags.Mapped | PageFlags.Execute, MemoryAccessType.Execute);
        return _region.Read(address, size);
    }

    public void TrackCode(ulong start, ulong end)
    {
        if (end <= start || start >= Size) return;
        end = Math.Min(end, Size);
        lock (_sync)
        {
            for (var page = start >> PageShift; page <= (end - 1) >> PageShift; page++)
            {
                var flags = _pages[page];
                if ((flags & (byte)PageFlags.Mapped) != 0) _pages[page] = (byte)(flags | (byte)PageFlags.Code);
            }
        }
    }

    // ---- Checked access for system calls (guest permissions, no exceptions) --------------------

    /// <summary>
    /// Checks that the guest may <paramref name="access"/> all of [address, address+length) and
    /// returns the host address, for passing a guest buffer straight to a host call. A write check
    /// also invalidates translated code in the range. False means the syscall answers EFAULT.
    /// </summary>
    public bool TryGetHostAddress(ulong address, ulong length, MemoryAccessType access, out nint host)
    {
        host = 0;
        var need = access switch
        {
            MemoryAccessType.Read => PageFlags.Mapped | PageFlags.Read,
            MemoryAccessType.Write => PageFlags.Mapped | PageFlags.Write,
            _ => PageFlags.Mapped | PageFlags.Execute,
        };
        if (!AllPages(address, length, need)) return false;
        if (access == MemoryAccessType.Write) InvalidateCode(address, length);
        // A zero-length buffer may sit anywhere (even at NULL); give the host a harmless address.
        host = length == 0 ? 0 : _region.HostAddress(address, length);
        return true;
    }

    /// <summary>True when the guest may access all of [address, address+length) this way.</summary>
    public bool CanAccess(ulong address, ulong length, MemoryAccessType access) =>
        AllPages(address, length, access switch
        {
            MemoryAccessType.Read => PageFlags.Mapped | PageFlags.Read,
            MemoryAccessType.Write => PageFlags.Mapped | PageFlags.Write,
            _ => PageFlags.Mapped | PageFlags.Execute,
        });

    /// <summary>Copies guest bytes out, with the guest's read permission; false (nothing copied) on a fault.</summary>
    public bool TryReadBytes(ulong address, Span<byte> destination)
    {
        if (!AllPages(address, (ulong)destination.Length, PageFlags.Mapped | PageFlags.Read)) return false;
        _region.CopyOut(address, destination);
        return true;
    }

    /// <summary>Copies bytes into the guest, with the guest's write permission; false (nothing copied) on a fault.</summary>
    public bool TryWriteBytes(ulong address, ReadOnlySpan<byte> source)
    {
        if (!AllPages(address, (ulong)source.Length, PageFlags.Mapped | PageFlags.Write)) return false;
        InvalidateCode(address, (ulong)source.Length);
        _region.CopyIn(address, source);
        return true;
    }

    /// <summary>Copies guest bytes out, throwing the guest's fault if it may not read them.</summary>
    public void ReadBytes(ulong address, Span<byte> destination)
    {
        Require(address, (ulong)destination.Length, PageFlags.Mapped | PageFlags.Read, MemoryAccessType.Read);
        _region.CopyOut(address, destination);
    }

    /// <summary>Copies bytes into the guest, throwing the guest's fault if it may not write them.</summary>
    public void WriteBytes(ulong address, ReadOnlySpan<byte> source)
    {
        Require(address, (ulong)source.Length, PageFlags.Mapped | PageFlags.Write, MemoryAccessType.Write);
        InvalidateCode(address, (ulong)source.Length);
        _region.CopyIn(address, source);
    }

    /// <summary>
    /// Reads a NUL-terminated guest string (without the NUL) of at most <paramref name="maxLength"/>
    /// bytes. Returns null when it is unreadable or longer (EFAULT / ENAMETOOLONG to the caller,
    /// distinguished by <paramref name="tooLong"/>).
    /// </summary>
    public byte[]? TryReadCString(ulong address, int maxLength, out bool tooLong)
    {
        tooLong = false;
        var length = 0;
        var cursor = address;
        while (true)
        {
            if (!CanAccess(cursor, 1, MemoryAccessType.Read)) return null;
            var pageEnd = (cursor | (PageSize - 1)) + 1;
            var chunk = (int)Math.Min(pageEnd - cursor, (ulong)(maxLength + 1 - length));
            var nul = _region.IndexOfNul(cursor, chunk);
            if (nul >= 0)
            {
                length += nul;
                var result = new byte[length];
                _region.CopyOut(address, result);
                return result;
            }
            length += chunk;
            cursor += (ulong)chunk;
            if (length > maxLength)
            {
                tooLong = true;
                return null;
            }
        }
    }

    /// <summary>Reads a NUL-terminated guest string as UTF-8, or null when unreadable (for tracing and tests).</summary>
    public string? TryReadString(ulong address, int maxLength = 4096) =>
        TryReadCString(address, maxLength, out _) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    // ---- Internals -----------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PageFlags Flags(ulong page) => (PageFlags)_pages[page];

    private bool InRange(ulong address, ulong length) => address <= Size && length <= Size - address;

    /// <summary>Checks one guest access; returns true when it touches translated code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Check(ulong address, int size, PageFlags need, MemoryAccessType access)
    {
        if (address > Size - (ulong)size) ThrowFault(Math.Max(address, Size), PageFlags.None, access);
        var first = address >> PageShift;
        var flags = Flags(first);
        if ((flags & need) != need) ThrowFault(address, flags, access);
        var last = (address + (ulong)size - 1) >> PageShift;
        if (last == first) return (flags & PageFlags.Code) != 0;
        var next = Flags(last);
        if ((next & need) != need) ThrowFault(last << PageShift, next, access);
        return ((flags | next) & PageFlags.Code) != 0;
    }

    private void CheckAtomic(ulong address, int size)
    {
        if (size is not (1 or 2 or 4 or 8)) throw new ArgumentOutOfRangeException(nameof(size));
        if ((address & (ulong)(size - 1)) != 0) throw new GuestMemoryFaultException(address, MemoryAccessType.Write, MemoryFaultReason.Misaligned);
        // A read-modify-write needs both permissions; the store side decides the fault kind.
        Check(address, size, PageFlags.Mapped | PageFlags.Read, MemoryAccessType.Read);
        if (Check(address, size, PageFlags.Mapped | PageFlags.Write, MemoryAccessType.Write)) DropCode(address, (ulong)size);
    }

    private void Require(ulong address, ulong length, PageFlags need, MemoryAccessType access)
    {
        if (!InRange(address, length)) ThrowFault(address < Size ? Size : address, PageFlags.None, access);
        if (length == 0) return;
        for (var page = address >> PageShift; page <= (address + length - 1) >> PageShift; page++)
        {
            var flags = Flags(page);
            if ((flags & need) != need) ThrowFault(Math.Max(address, page << PageShift), flags, access);
        }
    }

    private bool AllPages(ulong address, ulong length, PageFlags need)
    {
        if (!InRange(address, length)) return false;
        if (length == 0) return true;
        for (var page = address >> PageShift; page <= (address + length - 1) >> PageShift; page++)
            if ((Flags(page) & need) != need) return false;
        return true;
    }

    private static void ThrowFault(ulong address, PageFlags flags, MemoryAccessType access) =>
        throw new GuestMemoryFaultException(address, access,
            (flags & PageFlags.Mapped) == 0 ? MemoryFaultReason.Unmapped : MemoryFaultReason.Permission);

    /// <summary>Drops translated-code marks on the pages of [address, address+length) and reports them.</summary>
    private void InvalidateCode(ulong address, ulong length)
    {
        if (length == 0) return;
        for (var page = address >> PageShift; page <= (address + length - 1) >> PageShift; page++)
        {
            if ((Flags(page) & PageFlags.Code) != 0)
            {
                DropCode(address, length);
                return;
            }
        }
    }

    private void DropCode(ulong address, ulong length)
    {
        var start = address & ~(PageSize - 1);
        var end = ((address + length - 1) | (PageSize - 1)) + 1;
        lock (_sync)
        {
            for (var page = start >> PageShift; page < end >> PageShift; page++)
                _pages[page] = (byte)(_pages[page] & ~(byte)PageFlags.Code);
        }
        CodeModified?.Invoke(start, end);
    }

    /// <summary>Unmarks pages (under the lock); returns true when any held translated code.</summary>
    private bool ClearPages(ulong address, ulong length)
    {
        var hadCode = false;
        for (var page = address >> PageShift; page < (address + length) >> PageShift; page++)
        {
            hadCode |= (_pages[page] & (byte)PageFlags.Code) != 0;
            _pages[page] = 0;
        }
        return hadCode;
    }

    private void SetPages(ulong address, ulong length, PageFlags flags)
    {
        for (var page = address >> PageShift; page < (address + length) >> PageShift; page++)
            _pages[page] = (byte)flags;
    }

    private void CheckPageRange(ulong address, ulong length)
    {
        if (address % PageSize != 0 || length % PageSize != 0)
            throw new ArgumentException($"guest mapping 0x{address:x}+0x{length:x} is not page-aligned");
        if (!InRange(address, length))
            throw new ArgumentOutOfRangeException(nameof(address), $"guest mapping 0x{address:x}+0x{length:x} is outside the address space");
    }

    public void Dispose()
    {
        _region.Dispose();
        _pages.Dispose();
    }
}
