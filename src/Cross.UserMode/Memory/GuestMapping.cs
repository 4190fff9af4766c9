namespace Cross.UserMode.Memory;

/// <summary>
/// One guest mapping (a Linux VMA): a page-aligned range with one protection and one origin.
/// Used for address allocation, munmap/mprotect/mremap bookkeeping and <c>/proc/self/maps</c>.
/// </summary>
public sealed record GuestMapping(ulong Start, ulong End, MemoryProtection Protection, bool Shared, string Name)
{
    public ulong Length => End - Start;

    /// <summary>For file-backed mappings, the file offset of <see cref="Start"/>.</summary>
    public ulong FileOffset { get; init; }

    /// <summary>For shared writable file mappings, where dirty bytes are written back (msync, munmap, exit).</summary>
    public SharedFileBacking? Backing { get; init; }

    /// <summary>The part of this mapping inside [start, end), with the file offset moved along.</summary>
    public GuestMapping Slice(ulong start, ulong end) =>
        this with { Start = start, End = end, FileOffset = FileOffset + (start - Start) };
}

/// <summary>The host file behind a shared file mapping (a dup of the guest's descriptor, owned by the memory manager).</summary>
public sealed class SharedFileBacking(int hostFd)
{
    public int HostFd { get; } = hostFd;
}
