namespace Cross.Elf;

/// <summary>One section header of an ELF file, with its name resolved through the section name table.</summary>
public sealed class ElfSection
{
    public const int Elf32EntrySize = 40;
    public const int Elf64EntrySize = 64;

    /// <summary>Position in the section header table (what sh_link and st_shndx refer to).</summary>
    public int Index { get; internal init; }
    /// <summary>The name from the section name string table; empty when the file has none.</summary>
    public string Name { get; internal init; } = "";
    /// <summary>sh_name: offset of the name in the section name string table.</summary>
    public uint NameOffset { get; internal init; }
    public ElfSectionType Type { get; internal init; }
    public ElfSectionFlags Flags { get; internal init; }
    public ulong Address { get; internal init; }
    public ulong Offset { get; internal init; }
    public ulong Size { get; internal init; }
    public uint Link { get; internal init; }
    public uint Info { get; internal init; }
    public ulong Alignment { get; internal init; }
    public ulong EntrySize { get; internal init; }

    /// <summary>
    /// The section's bytes from the file (validated at parse time); empty for SHT_NULL and
    /// SHT_NOBITS, which occupy no file space.
    /// </summary>
    public ReadOnlyMemory<byte> Data { get; internal init; }

    /// <summary>True when the section occupies file bytes (everything except SHT_NULL and SHT_NOBITS).</summary>
    public bool HasFileData => Type is not (ElfSectionType.Null or ElfSectionType.NoBits);

    public override string ToString() =>
        $"[{Index}] '{Name}' {Type} addr 0x{Address:x} offset 0x{Offset:x} size 0x{Size:x}";
}
