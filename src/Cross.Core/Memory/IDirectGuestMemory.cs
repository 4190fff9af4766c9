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

/// <summary>
/// Guest memory that lives in one contiguous host region, so that generated code can reach it
/// directly: guest address <c>a</c> is host address <c>HostBase + a</c> for <c>a</c> in
/// [0, <see cref="Size"/>). Generated code checks the page's permission byte before every
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
    /// [0, <see cref="Size"/>): bit 0 readable, bit 1 writable, bit 2 executable, bit 3 translated code.
    /// </summary>
    nint PagePermissions { get; }
}
