using System.Runtime.CompilerServices;

namespace Cross.UserMode.Native;

/// <summary>
/// One byte per guest page, in host memory so that generated code can read it directly
/// (<see cref="Cross.Core.Memory.IDirectGuestMemory.PagePermissions"/>). The table is committed
/// NORESERVE: pages of it that were never written cost nothing and read as zero (unmapped).
/// </summary>
internal sealed unsafe class PageTable : IDisposable
{
    private readonly HostRegion _storage;
    private readonly byte* _entries;

    public PageTable(ulong pages)
    {
        var bytes = (pages + HostRegion.PageSize - 1) & ~(HostRegion.PageSize - 1);
        _storage = HostRegion.Reserve(bytes);
        _storage.Commit(0, bytes);
        // SAFETY: the whole storage region was just committed read-write and lives as long as this table.
        _entries = (byte*)_storage.HostAddress(0, bytes);
        Count = pages;
    }

    public ulong Count { get; }

    /// <summary>Host address of entry 0.</summary>
    public nint Address => (nint)_entries;

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
        }
    }

    public void Dispose() => _storage.Dispose();
}
