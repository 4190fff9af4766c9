namespace Cross.UserMode.Memory;

/// <summary>Guest page permissions; the values are Linux's PROT_* bits.</summary>
[Flags]
public enum MemoryProtection : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    ReadWrite = Read | Write,
    ReadExecute = Read | Execute,
    All = Read | Write | Execute,
}

/// <summary>
/// One entry of the per-page table: guest permissions plus bookkeeping. Bits 0-3 are
/// <see cref="Cross.Core.Memory.DirectPagePermissions"/>, which generated code reads directly.
/// </summary>
[Flags]
internal enum PageFlags : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    /// <summary>Guest code on this page has been translated; a write must invalidate it.</summary>
    Code = 8,
    /// <summary>Host pages are committed; an access without the permission bit is a permission fault, not an unmapped one.</summary>
    Mapped = 16,

    PermissionMask = Read | Write | Execute,
}
