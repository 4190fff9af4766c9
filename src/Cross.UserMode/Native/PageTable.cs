using System.Runtime.CompilerServices;
using Cross.Core.Memory;

namespace Cross.UserMode.Native;

/// <summary>
/// One flags byte per guest page, and beside it the table generated code reads
/// (<see cref="IDirectGuestMemory.PagePermissions"/>): one <see cref="DirectPagePermissions"/>
/// byte per page that grants an access only when it is good for that page and the next one, so
/// a check of any span shorter than a page is one load (a span starting in page p ends in p or
/// p + 1). Both live in host memory committed NORESERVE: pages of them that were never written
/// cost nothing and read as zero (unmapped).
/// </summary>
internal sealed unsafe class PageTable : IDisposable
{
    private readonly HostRegion _storage;
    private readonly byte* _entries;
    private readonly byte* _direct;

    public PageTable(ulong pages)
    {
        var bytes = (pages + HostRegion.PageSize - 1) & ~(HostRegion.PageSize - 1);
        _storage = HostRegion.Reserve(2 * bytes);
        _storage.Commit(0, 2 * bytes, hugePages: false);
        // SAFETY: the whole storage region was just committed read-write and lives as long as this
        // table: the flags in its first half, the direct-access bytes in its second.
        _entries = (byte*)_storage.HostAddress(0, bytes);
        _direct = (byte*)_storage.HostAddress(bytes, bytes);
        Count = pages;
    }

    public ulong Count { get; }

    /// <summary>Host address of the flags of page 0.</summary>
    public nint Address => (nint)_entries;

    /// <summary>Host address of the direct-access byte of page 0 (see the class summary).</summary>
    public nint DirectAddress => (nint)_direct;

    /// <summary>The flags of a page: bits 0-3 as <see cref="DirectPagePermissions"/>, higher bits the owner's.</summary>
    public byte this[ulong page]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (page >= Count) return 0;
            // SAFETY: page < Count, and all Count entries are committed read-write for the table's lifetime.
            return _entries[page];
        }
        set
        {
            if (page >= Count) throw new ArgumentOutOfRangeException(nameof(page));
            // SAFETY: as above.
            _entries[page] = value;
            if (page > 0) UpdateDirect(page - 1);
            UpdateDirect(page);
        }
    }

    /// <summary>
    /// Page p's direct byte from the flags of p and p + 1 (bits above 3, the owner's, drop out).
    /// The last page pairs with nothing and grants nothing; generated code then checks its own byte.
    /// </summary>
    private void UpdateDirect(ulong page)
    {
        // SAFETY: page < Count (callers pass page or page - 1 of a checked index), and page + 1 is read only when below Count.
        var next = page + 1 < Count ? _entries[page + 1] : (byte)0;
        _direct[page] = (byte)((DirectPagePermissions)_entries[page]).ForPageAndNext((DirectPagePermissions)next);
    }

    public void Dispose() => _storage.Dispose();
}
