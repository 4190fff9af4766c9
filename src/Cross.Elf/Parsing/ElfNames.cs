namespace Cross.Elf.Parsing;

/// <summary>Spellings used in error messages, matching the constants in the ELF specification.</summary>
internal static class ElfNames
{
    public static string Class(bool is64) => is64 ? "ELF64" : "ELF32";

    /// <summary>
    /// A name from the file, quoted for a message: control characters are escaped and long names
    /// cut, so hostile names cannot break the one-line message format or bloat it.
    /// </summary>
    public static string Quote(string name)
    {
        const int limit = 64;
        var builder = new System.Text.StringBuilder("'");
        foreach (var c in name.Length > limit ? name[..limit] : name)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                builder.Append($"\\x{(int)c:x2}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append(name.Length > limit ? "'..." : "'").ToString();
    }

    public static string Segment(ElfSegmentType type) => type switch
    {
        ElfSegmentType.Null => "PT_NULL",
        ElfSegmentType.Load => "PT_LOAD",
        ElfSegmentType.Dynamic => "PT_DYNAMIC",
        ElfSegmentType.Interp => "PT_INTERP",
        ElfSegmentType.Note => "PT_NOTE",
        ElfSegmentType.ShLib => "PT_SHLIB",
        ElfSegmentType.Phdr => "PT_PHDR",
        ElfSegmentType.Tls => "PT_TLS",
        ElfSegmentType.GnuEhFrame => "PT_GNU_EH_FRAME",
        ElfSegmentType.GnuStack => "PT_GNU_STACK",
        ElfSegmentType.GnuRelro => "PT_GNU_RELRO",
        ElfSegmentType.GnuProperty => "PT_GNU_PROPERTY",
        ElfSegmentType.GnuSFrame => "PT_GNU_SFRAME",
        _ => $"0x{(uint)type:x}",
    };

    public static string Section(ElfSectionType type) => type switch
    {
        ElfSectionType.Null => "SHT_NULL",
        ElfSectionType.ProgBits => "SHT_PROGBITS",
        ElfSectionType.SymTab => "SHT_SYMTAB",
        ElfSectionType.StrTab => "SHT_STRTAB",
        ElfSectionType.Rela => "SHT_RELA",
        ElfSectionType.Hash => "SHT_HASH",
        ElfSectionType.Dynamic => "SHT_DYNAMIC",
        ElfSectionType.Note => "SHT_NOTE",
        ElfSectionType.NoBits => "SHT_NOBITS",
        ElfSectionType.Rel => "SHT_REL",
        ElfSectionType.DynSym => "SHT_DYNSYM",
        _ => $"0x{(uint)type:x}",
    };
}
