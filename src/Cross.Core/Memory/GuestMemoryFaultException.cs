namespace Cross.Core.Memory;

public enum MemoryAccessType : byte
{
    Read,
    Write,
    Execute,
}

public enum MemoryFaultReason : byte
{
    /// <summary>Nothing is mapped at the address.</summary>
    Unmapped,
    /// <summary>Mapped, but the access is not permitted.</summary>
    Permission,
    /// <summary>The access needed natural alignment and did not have it.</summary>
    Misaligned,
}

/// <summary>A guest access that the guest must see as a fault (SIGSEGV, SIGBUS, a page fault).</summary>
public sealed class GuestMemoryFaultException(ulong address, MemoryAccessType access, MemoryFaultReason reason)
    : Exception($"guest {access.ToString().ToLowerInvariant()} fault at 0x{address:x} ({reason.ToString().ToLowerInvariant()})")
{
    public ulong Address { get; } = address;
    public MemoryAccessType Access { get; } = access;
    public MemoryFaultReason Reason { get; } = reason;
}
