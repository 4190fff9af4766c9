using static Cross.Elf.Parsing.ElfBytes;

namespace Cross.Elf.Parsing;

/// <summary>Parses the section header table, validates section ranges and resolves names.</summary>
internal static class ElfSectionReader
{
    private readonly record struct RawSection(
        uint Name, uint Type, ulong Flags, ulong Address, ulong Offset, ulong Size,
        uint Link, uint Info, ulong Align, ulong EntrySize);

    public static ElfSection[] Read(ReadOnlyMemory<byte> file, ElfHeader header)
    {
        var offset = header.SectionHeaderOffset;
        ulong count = header.SectionHeaderCount;
        int entrySize = header.SectionHeaderEntrySize;

        // e_shoff == 0 means "no section header table"; some tools also leave a stray offset
        // with a zero count and entry size, which carries no table either.
        if (offset == 0 || (count == 0 && entrySize == 0))
        {
            return [];
        }

        var is64 = header.Is64Bit;
        var minimum = is64 ? ElfSection.Elf64EntrySize : ElfSection.Elf32EntrySize;
        if (entrySize < minimum)
        {
            throw new ElfFormatException(
                $"ELF section header entry size {entrySize} is too small for {ElfNames.Class(is64)} (need at least {minimum})");
        }

        var span = file.Span;
        if (count == 0)
        {
            // Extended numbering (>= 0xff00 sections): e_shnum is 0 and section 0's sh_size holds the count.
            ElfBounds.CheckTable("ELF section header table", offset, (ulong)entrySize, 1, file.Length);
            count = ReadRaw(span.Slice((int)offset, entrySize), is64).Size;
            if (count == 0)
            {
                return [];
            }
        }

        ElfBounds.CheckTable("ELF section header table", offset, (ulong)entrySize, count, file.Length);

        // The table fits inside the file, so count and every entry offset fit in an int.
        var n = (int)count;
        var raw = new RawSection[n];
        for (var i = 0; i < n; i++)
        {
            raw[i] = ReadRaw(span.Slice((int)offset + i * entrySize, entrySize), is64);
        }

        var names = ReadNameTable(file, header, raw);
        var result = new ElfSection[n];
        for (var i = 0; i < n; i++)
        {
            var r = raw[i];
            var name = names?.Get(r.Name, "section", i) ?? "";
            var type = (ElfSectionType)r.Type;
            result[i] = new ElfSection
            {
                Index = i,
                Name = name,
                NameOffset = r.Name,
                Type = type,
                Flags = (ElfSectionFlags)r.Flags,
                Address = r.Address,
                Offset = r.Offset,
                Size = r.Size,
                Link = r.Link,
                Info = r.Info,
                Alignment = r.Align,
                EntrySize = r.EntrySize,
                Data = SectionData(file, i, $"ELF section [{i}] {ElfNames.Quote(name)}", r),
            };
        }

        return result;
    }

    /// <summary>The section name table, or null when e_shstrndx is SHN_UNDEF (then every name is empty).</summary>
    private static ElfStringTable? ReadNameTable(ReadOnlyMemory<byte> file, ElfHeader header, RawSection[] raw)
    {
        uint index = header.SectionNameTableIndex;
        if (index == ElfSectionIndex.Extended)
        {
            // Extended numbering: the real index is kept in section 0's sh_link.
            index = raw[0].Link;
        }

        if (index == ElfSectionIndex.Undefined)
        {
            return null;
        }

        if (index >= (uint)raw.Length)
        {
            throw new ElfFormatException(
                $"ELF section name string table index {index} is out of range (the file has {raw.Length} sections)");
        }

        var table = raw[index];
        if (table.Type != (uint)ElfSectionType.StrTab)
        {
            throw new ElfFormatException(
                $"ELF section name string table [{index}] has type {ElfNames.Section((ElfSectionType)table.Type)}, expected SHT_STRTAB");
        }

        var data = SectionData(file, (int)index, $"ELF section name string table [{index}]", table);
        return new ElfStringTable(data, $"the section name string table [{index}]");
    }

    private static ReadOnlyMemory<byte> SectionData(ReadOnlyMemory<byte> file, int index, string what, RawSection r)
    {
        // SHT_NULL and SHT_NOBITS occupy no file space whatever sh_offset/sh_size say.
        if (r.Type is (uint)ElfSectionType.Null or (uint)ElfSectionType.NoBits)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        ElfBounds.CheckRange(what, r.Offset, r.Size, file.Length);
        return file.Slice((int)r.Offset, (int)r.Size);
    }

    private static RawSection ReadRaw(ReadOnlySpan<byte> e, bool is64) => is64
        ? new RawSection(U32(e, 0), U32(e, 4), U64(e, 8), U64(e, 16), U64(e, 24), U64(e, 32), U32(e, 40), U32(e, 44), U64(e, 48), U64(e, 56))
        : new RawSection(U32(e, 0), U32(e, 4), U32(e, 8), U32(e, 12), U32(e, 16), U32(e, 20), U32(e, 24), U32(e, 28), U32(e, 32), U32(e, 36));
}
