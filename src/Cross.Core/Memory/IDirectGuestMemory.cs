namespace Cross.Core.Memory;

/// <summary>Bits of one byte of <see cref="IDirectGuestMemory.PagePermissions"/>.</summary>
[Flags]
public enum DirectPagePermissions : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    /// <summary>The page holds translated code: writes must go through the slow path, so the memory can report them.</summary>
    TranslatedCode = 8,
}

public static class DirectPagePermissionsExtensions
{
    /// <summary>
    /// The <see cref="IDirectGuestMemory.PagePermissions"/> byte of a page from its own
    /// permissions and those of the next page: Read when both are readable, Write when both are
    /// writable and neither holds translated code.
    /// </summary>
    public static DirectPagePermissions ForPageAndNext(this DirectPagePermissions page, DirectPagePermissions next)
    {
        var both = page & next;
        var grant = both & DirectPagePermissions.Read;
        if ((both & DirectPagePermissions.Write) != 0 && ((page | next) & DirectPagePermissions.TranslatedCode) == 0)
            grant |= DirectPagePermissions.Write;
        return grant;
    }
}

/// <summary>
/// Guest memory that lives in one contiguous host region, so that generated code can reach it
/// directly: guest address <c>a</c> is host address <c>HostBase + a</c> for <c>a</c> in
/// [0, <see cref="Size"/>). Generated code checks a permission byte before every
/// direct access and calls the ordinary <see cref="IGuestMemory"/> methods (the slow path)
/// whenever the check fails, so faults and code-modification notifications stay in managed code.
/// </summary>
/// <remarks>
/// The three properties must stay valid, and the region and permission table mapped, for as
/// long as any code may run against this memory. The permission bytes themselves may change at
/// any time (mprotect, code tracking); a permission byte must only grant access to host memory
/// that really is readable or writable.
/// </remarks>
public interface IDirectGuestMemory : IGuestMemory
{
    /// <summary>Host address of guest address 0.</summary>
    nint HostBase { get; }

    /// <summary>Guest addresses [0, Size) are backed by host memory at <see cref="HostBase"/>.</summary>
    ulong Size { get; }

    /// <summary>
    /// Host address of one <see cref="DirectPagePermissions"/> byte per 4 KiB guest page, covering
    /// [0, <see cref="Size"/>). The byte of page p grants Read when pages p and p + 1 are both
    /// readable and Write when both are writable and neither holds translated code (whose writes
    /// must take the slow path); so generated code checks any span shorter than a page with the
    /// one byte of its first page. Other bits are not read.
    /// </summary>
    nint PagePermissions { get; }

    /// <summary>
    /// Host address of each page's own <see cref="DirectPagePermissions"/> byte (bit 3: translated
    /// code; bits above 3 are ignored), covering [0, <see cref="Size"/>). Generated code reads it
    /// only when the pair byte of <see cref="PagePermissions"/> refuses an access that stays
    /// inside one page: the last page before an unmapped one, say the top of the stack.
    /// </summary>
    nint PageOwnPermissions { get; }
}
