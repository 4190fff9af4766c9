namespace Cross.Elf.Tests.Support;

/// <summary>Asserts that our parse of a file agrees with readelf's, field by field.</summary>
public static class ReadElfComparison
{
    public static void AssertMatches(ElfFile file, ReadElfReport report)
    {
        AssertHeader(file, report);
        AssertSegments(file, report);
        AssertSections(file, report);
        AssertSymbols(file, report);
        AssertNotes(file, report);
    }

    private static void AssertHeader(ElfFile file, ReadElfReport report)
    {
        var h = file.Header;
        Assert.Equal(file.Is64Bit ? "ELF64" : "ELF32", report.Header["Class"]);
        Assert.Equal(file.Type switch
        {
            ElfType.Executable => "EXEC",
            ElfType.SharedObject => "DYN",
            ElfType.Relocatable => "REL",
            ElfType.Core => "CORE",
            _ => "?",
        }, report.Header["Type"].Split(' ')[0]);
        Assert.Equal(h.Entry, report.HeaderNumber("Entry point address"));
        Assert.Equal(h.ProgramHeaderOffset, report.HeaderNumber("Start of program headers"));
        Assert.Equal(h.SectionHeaderOffset, report.HeaderNumber("Start of section headers"));
        Assert.Equal(h.Flags, report.HeaderNumber("Flags"));
        Assert.Equal(h.HeaderSize, report.HeaderNumber("Size of this header"));
        Assert.Equal(h.ProgramHeaderEntrySize, report.HeaderNumber("Size of program headers"));
        Assert.Equal(h.ProgramHeaderCount, report.HeaderNumber("Number of program headers"));
        Assert.Equal(h.SectionHeaderEntrySize, report.HeaderNumber("Size of section headers"));
        Assert.Equal((ulong)file.Sections.Count, report.HeaderNumber("Number of section headers"));
        Assert.Equal(h.SectionNameTableIndex, report.HeaderNumber("Section header string table index"));
    }

    private static void AssertSegments(ElfFile file, ReadElfReport report)
    {
        Assert.Equal(report.Segments.Count, file.ProgramHeaders.Count);
        for (var i = 0; i < report.Segments.Count; i++)
        {
            var theirs = report.Segments[i];
            var ours = file.ProgramHeaders[i];
            if (SegmentTypeName(ours.Type) is { } name)
            {
                Assert.Equal(theirs.Type, name);
            }

            Assert.Equal(theirs.Offset, ours.Offset);
            Assert.Equal(theirs.VirtualAddress, ours.VirtualAddress);
            Assert.Equal(theirs.PhysicalAddress, ours.PhysicalAddress);
            Assert.Equal(theirs.FileSize, ours.FileSize);
            Assert.Equal(theirs.MemorySize, ours.MemorySize);
            Assert.Equal(theirs.Alignment, ours.Alignment);
            var flags = $"{(ours.IsReadable ? "R" : " ")}{(ours.IsWritable ? "W" : " ")}{(ours.IsExecutable ? "E" : " ")}".Trim();
            Assert.Equal(theirs.Flags, flags);
            Assert.Equal((int)ours.FileSize, ours.Data.Length);
        }

        Assert.Equal(report.Interpreter, file.Interpreter);
    }

    private static void AssertSections(ElfFile file, ReadElfReport report)
    {
        Assert.Equal(report.Sections.Count, file.Sections.Count);
        foreach (var theirs in report.Sections)
        {
            var ours = file.Sections[theirs.Index];
            Assert.Equal(theirs.Name, ours.Name);
            if (SectionTypeName(ours.Type) is { } name)
            {
                Assert.Equal(theirs.Type, name);
            }

            Assert.Equal(theirs.Address, ours.Address);
            Assert.Equal(theirs.Offset, ours.Offset);
            Assert.Equal(theirs.Size, ours.Size);
            Assert.Equal(theirs.EntrySize, ours.EntrySize);
            Assert.Equal(theirs.Link, ours.Link);
            Assert.Equal(theirs.Info, ours.Info);
            Assert.Equal(theirs.Alignment, ours.Alignment);
            // readelf prints SHF_GNU_RETAIN as 'R' or, for some OS ABIs, as generic 'o'.
            Assert.Equal(Sorted(theirs.Flags.Replace('o', 'R')), Sorted(SectionFlagLetters(ours.Flags)));
            Assert.Equal(ours.HasFileData ? (int)ours.Size : 0, ours.Data.Length);
        }
    }

    private static void AssertSymbols(ElfFile file, ReadElfReport report)
    {
        Assert.Equal(report.SymbolTables.ContainsKey(".symtab"), file.Symbols.Count > 0);
        Assert.Equal(report.SymbolTables.ContainsKey(".dynsym"), file.DynamicSymbols.Count > 0);
        foreach (var (table, theirsList) in report.SymbolTables)
        {
            var oursList = table == ".dynsym" ? file.DynamicSymbols : file.Symbols;
            Assert.Equal(theirsList.Count, oursList.Count);
            foreach (var theirs in theirsList)
            {
                var ours = oursList[theirs.Index];
                var context = $"{table}[{theirs.Index}] {theirs.Name}";
                // readelf shows a section symbol (st_name 0) under its section's name.
                var expectedName = ours.Type == ElfSymbolType.Section && ours.Name.Length == 0 && ours.SectionIndex < file.Sections.Count
                    ? file.Sections[ours.SectionIndex].Name
                    : ours.Name;
                Assert.True(expectedName == theirs.Name || expectedName.StartsWith(theirs.Name + "@", StringComparison.Ordinal), $"{context}: ours '{expectedName}'");
                Assert.True(theirs.Value == ours.Value, context);
                Assert.True(theirs.Size == ours.Size, context);
                Assert.Equal(theirs.Type, SymbolTypeName(ours.Type));
                Assert.Equal(theirs.Binding, ours.Binding switch
                {
                    ElfSymbolBinding.Local => "LOCAL",
                    ElfSymbolBinding.Global => "GLOBAL",
                    ElfSymbolBinding.Weak => "WEAK",
                    ElfSymbolBinding.GnuUnique => "UNIQUE",
                    _ => "?",
                });
                Assert.Equal(theirs.Visibility, ours.Visibility.ToString().ToUpperInvariant());
                Assert.Equal(theirs.SectionIndex, ours.SectionIndex switch
                {
                    ElfSectionIndex.Undefined => "UND",
                    ElfSectionIndex.Absolute => "ABS",
                    ElfSectionIndex.Common => "COM",
                    var n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }
    }

    private static void AssertNotes(ElfFile file, ReadElfReport report)
    {
        // readelf lists notes per SHT_NOTE section; a parsing slip on its side must not pass silently.
        Assert.Equal(file.Sections.Where(s => s.Type == ElfSectionType.Note).Sum(s => file.GetNotes(s).Count), report.Notes.Count);
        foreach (var group in report.Notes.GroupBy(n => n.Container))
        {
            var section = file.FindSection(group.Key);
            Assert.NotNull(section);
            var ours = file.GetNotes(section);
            Assert.Equal(group.Select(n => (n.Owner, n.DataSize)), ours.Select(n => (n.Name, (ulong)n.Descriptor.Length)));
            foreach (var (theirs, note) in group.Zip(ours))
            {
                if (theirs.BuildId is not null)
                {
                    Assert.Equal(ElfNoteTypes.GnuBuildId, note.Type);
                    Assert.Equal(theirs.BuildId, Convert.ToHexString(note.Descriptor.Span).ToLowerInvariant());
                }
            }

            // The merged list holds each note once, whether a segment or a section supplied it.
            Assert.All(ours, n => Assert.Single(file.Notes, m => m.Offset == n.Offset));
        }
    }

    private static string? SegmentTypeName(ElfSegmentType type) => type switch
    {
        ElfSegmentType.Null => "NULL",
        ElfSegmentType.Load => "LOAD",
        ElfSegmentType.Dynamic => "DYNAMIC",
        ElfSegmentType.Interp => "INTERP",
        ElfSegmentType.Note => "NOTE",
        ElfSegmentType.Phdr => "PHDR",
        ElfSegmentType.Tls => "TLS",
        ElfSegmentType.GnuEhFrame => "GNU_EH_FRAME",
        ElfSegmentType.GnuStack => "GNU_STACK",
        ElfSegmentType.GnuRelro => "GNU_RELRO",
        ElfSegmentType.GnuProperty => "GNU_PROPERTY",
        ElfSegmentType.GnuSFrame => "GNU_SFRAME",
        _ => null,
    };

    private static string? SectionTypeName(ElfSectionType type) => type switch
    {
        ElfSectionType.Null => "NULL",
        ElfSectionType.ProgBits => "PROGBITS",
        ElfSectionType.SymTab => "SYMTAB",
        ElfSectionType.StrTab => "STRTAB",
        ElfSectionType.Rela => "RELA",
        ElfSectionType.Hash => "HASH",
        ElfSectionType.Dynamic => "DYNAMIC",
        ElfSectionType.Note => "NOTE",
        ElfSectionType.NoBits => "NOBITS",
        ElfSectionType.Rel => "REL",
        ElfSectionType.DynSym => "DYNSYM",
        ElfSectionType.InitArray => "INIT_ARRAY",
        ElfSectionType.FiniArray => "FINI_ARRAY",
        ElfSectionType.PreinitArray => "PREINIT_ARRAY",
        ElfSectionType.Group => "GROUP",
        ElfSectionType.GnuHash => "GNU_HASH",
        ElfSectionType.GnuVerDef => "VERDEF",
        ElfSectionType.GnuVerNeed => "VERNEED",
        ElfSectionType.GnuVerSym => "VERSYM",
        _ => null,
    };

    private static string SymbolTypeName(ElfSymbolType type) => type switch
    {
        ElfSymbolType.NoType => "NOTYPE",
        ElfSymbolType.Object => "OBJECT",
        ElfSymbolType.Func => "FUNC",
        ElfSymbolType.Section => "SECTION",
        ElfSymbolType.File => "FILE",
        ElfSymbolType.Common => "COMMON",
        ElfSymbolType.Tls => "TLS",
        ElfSymbolType.GnuIFunc => "IFUNC",
        _ => "?",
    };

    private static string SectionFlagLetters(ElfSectionFlags flags)
    {
        (ulong Bit, char Letter)[] letters =
        [
            (0x1, 'W'), (0x2, 'A'), (0x4, 'X'), (0x10, 'M'), (0x20, 'S'), (0x40, 'I'), (0x80, 'L'),
            (0x100, 'O'), (0x200, 'G'), (0x400, 'T'), (0x800, 'C'), (0x200000, 'R'), (0x80000000, 'E'),
        ];
        return new string(letters.Where(l => ((ulong)flags & l.Bit) != 0).Select(l => l.Letter).ToArray());
    }

    private static string Sorted(string text) => new(text.Order().ToArray());
}
