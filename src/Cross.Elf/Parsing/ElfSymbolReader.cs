using static Cross.Elf.Parsing.ElfBytes;

namespace Cross.Elf.Parsing;

/// <summary>Parses an SHT_SYMTAB or SHT_DYNSYM section and resolves names through its linked string table.</summary>
internal static class ElfSymbolReader
{
    public static ElfSymbol[] Read(IReadOnlyList<ElfSection> sections, ElfSection table, bool is64)
    {
        var where = $"symbol table [{table.Index}] {ElfNames.Quote(table.Name)}";
        var standard = is64 ? ElfSymbol.Elf64EntrySize : ElfSymbol.Elf32EntrySize;

        // sh_entsize 0 is tolerated as "the standard size"; smaller sizes would cut fields off.
        var entrySize = table.EntrySize == 0 ? (ulong)standard : table.EntrySize;
        if (entrySize < (ulong)standard)
        {
            throw new ElfFormatException(
                $"ELF {where} entry size {entrySize} is too small for {ElfNames.Class(is64)} (need at least {standard})");
        }

        var data = table.Data;
        if ((ulong)data.Length % entrySize != 0)
        {
            throw new ElfFormatException(
                $"ELF {where} size 0x{data.Length:x} is not a multiple of its entry size {entrySize}");
        }

        if (table.Link >= (uint)sections.Count)
        {
            throw new ElfFormatException(
                $"ELF {where} links to string table section {table.Link}, but the file has only {sections.Count} sections");
        }

        var stringSection = sections[(int)table.Link];
        if (stringSection.Type != ElfSectionType.StrTab)
        {
            throw new ElfFormatException(
                $"ELF {where} links to section [{stringSection.Index}] {ElfNames.Quote(stringSection.Name)} of type {ElfNames.Section(stringSection.Type)}, expected SHT_STRTAB");
        }

        if (data.IsEmpty)
        {
            return [];
        }

        // entrySize divides a non-empty int-sized length, so it fits in an int.
        var stride = (int)entrySize;
        var count = data.Length / stride;
        var strings = new ElfStringTable(stringSection.Data, $"string table [{stringSection.Index}] {ElfNames.Quote(stringSection.Name)}");
        var isDynamic = table.Type == ElfSectionType.DynSym;
        var span = data.Span;
        var result = new ElfSymbol[count];
        for (var i = 0; i < count; i++)
        {
            var e = span.Slice(i * stride, standard);
            var nameOffset = U32(e, 0);
            result[i] = new ElfSymbol
            {
                Index = i,
                Name = strings.Get(nameOffset, "symbol", i, where),
                Value = is64 ? U64(e, 8) : U32(e, 4),
                Size = is64 ? U64(e, 16) : U32(e, 8),
                Info = is64 ? e[4] : e[12],
                Other = is64 ? e[5] : e[13],
                SectionIndex = is64 ? U16(e, 6) : U16(e, 14),
                IsDynamic = isDynamic,
            };
        }

        return result;
    }
}
