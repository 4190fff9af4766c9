using Cross.Elf;

namespace Cross.Machines.Boot;

public enum ImageFormat
{
    /// <summary>An ELF executable, loaded by physical segment addresses.</summary>
    Elf,
    /// <summary>A flat binary, copied to the address the loader chose.</summary>
    Raw,
    /// <summary>A Linux riscv64 Image: a flat binary with a header giving its load offset and size.</summary>
    LinuxImage,
}

/// <summary>
/// An image placed in guest RAM: the range it occupies (for an ELF, the lowest to the highest
/// segment byte including BSS; for a Linux Image, at least its header's image_size) and where
/// execution starts. <see cref="Elf"/> is kept for symbol lookups (HTIF's tohost/fromhost).
/// </summary>
public sealed record LoadedImage(string Path, ImageFormat Format, ulong Start, ulong End, ulong Entry, ElfFile? Elf = null)
{
    public ulong Size => End - Start;

    public ulong? Symbol(string name) => Elf?.FindSymbol(name) is { IsDefined: true } symbol ? symbol.Value : null;

    public override string ToString() => $"{System.IO.Path.GetFileName(Path)} ({Format}) at 0x{Start:x}-0x{End:x}, entry 0x{Entry:x}";
}
