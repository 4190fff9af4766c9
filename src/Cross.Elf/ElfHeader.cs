namespace Cross.Elf;

/// <summary>
/// The ELF file header exactly as stored (e_* fields are raw; see <see cref="ElfFile"/> for
/// resolved section counts).
/// </summary>
public sealed class ElfHeader
{
    /// <summary>Size in bytes of e_ident.</summary>
    public const int IdentSize = 16;
    public const int Elf32HeaderSize = 52;
    public const int Elf64HeaderSize = 64;

    public ElfClass Class { get; internal init; }
    public ElfDataEncoding DataEncoding { get; internal init; }
    /// <summary>EI_VERSION (always 1 in files we accept).</summary>
    public byte IdentVersion { get; internal init; }
    public ElfOsAbi OsAbi { get; internal init; }
    public byte AbiVersion { get; internal init; }
    public ElfType Type { get; internal init; }
    public ElfMachine Machine { get; internal init; }
    /// <summary>e_version (always 1 in files we accept).</summary>
    public uint Version { get; internal init; }
    public ulong Entry { get; internal init; }
    /// <summary>e_phoff: file offset of the program header table.</summary>
    public ulong ProgramHeaderOffset { get; internal init; }
    /// <summary>e_shoff: file offset of the section header table (0 when there is none).</summary>
    public ulong SectionHeaderOffset { get; internal init; }
    /// <summary>e_flags: processor-specific, e.g. <see cref="ElfRiscVFlags"/>.</summary>
    public uint Flags { get; internal init; }
    /// <summary>e_ehsize.</summary>
    public ushort HeaderSize { get; internal init; }
    /// <summary>e_phentsize (AT_PHENT).</summary>
    public ushort ProgramHeaderEntrySize { get; internal init; }
    /// <summary>e_phnum (AT_PHNUM).</summary>
    public ushort ProgramHeaderCount { get; internal init; }
    /// <summary>e_shentsize.</summary>
    public ushort SectionHeaderEntrySize { get; internal init; }
    /// <summary>e_shnum as stored; 0 with a non-zero e_shoff means extended numbering.</summary>
    public ushort SectionHeaderCount { get; internal init; }
    /// <summary>e_shstrndx as stored; <see cref="ElfSectionIndex.Extended"/> means extended numbering.</summary>
    public ushort SectionNameTableIndex { get; internal init; }

    public bool Is64Bit => Class == ElfClass.Elf64;

    /// <summary>Size of the header for this class (52 or 64), independent of e_ehsize.</summary>
    public int ClassHeaderSize => Is64Bit ? Elf64HeaderSize : Elf32HeaderSize;
}
