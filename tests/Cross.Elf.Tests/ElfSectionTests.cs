using System.Text;
using Cross.Elf.Tests.Support;

namespace Cross.Elf.Tests;

public sealed class ElfSectionTests
{
    private static string[] ExpectedNames =>
        ["", ".interp", ".note.gnu.build-id", ".text", ".tdata", ".data", ".bss", ".symtab", ".strtab", ".dynsym", ".dynstr", ".shstrtab"];

    [Theory]
    [InlineData(ElfClass.Elf32)]
    [InlineData(ElfClass.Elf64)]
    public void ParsesSectionHeadersAndNames(ElfClass elfClass)
    {
        var image = SampleImages.Executable(elfClass);
        var is64 = elfClass == ElfClass.Elf64;

        var file = ElfFile.Parse(image.Bytes);

        Assert.Equal(ExpectedNames, file.Sections.Select(s => s.Name));
        Assert.Equal(Enumerable.Range(0, ExpectedNames.Length), file.Sections.Select(s => s.Index));

        var nullSection = file.Sections[0];
        Assert.Equal(ElfSectionType.Null, nullSection.Type);
        Assert.True(nullSection.Data.IsEmpty);
        Assert.False(nullSection.HasFileData);

        var text = file.FindSection(".text")!;
        Assert.Equal(ElfSectionType.ProgBits, text.Type);
        Assert.Equal(ElfSectionFlags.Alloc | ElfSectionFlags.ExecInstr, text.Flags);
        Assert.Equal(SampleImages.Base + 0x1000, text.Address);
        Assert.Equal((ulong)image.SectionOffsets[".text"], text.Offset);
        Assert.Equal(64UL, text.Size);
        Assert.Equal(16UL, text.Alignment);
        Assert.Equal(0UL, text.EntrySize);
        Assert.Equal(Enumerable.Range(0, 64).Select(i => (byte)i), text.Data.ToArray());
        Assert.True(text.HasFileData);

        var tdata = file.FindSection(".tdata")!;
        Assert.Equal(ElfSectionFlags.Alloc | ElfSectionFlags.Write | ElfSectionFlags.Tls, tdata.Flags);

        var bss = file.FindSection(".bss")!;
        Assert.Equal(ElfSectionType.NoBits, bss.Type);
        Assert.Equal(0x100UL, bss.Size);
        Assert.True(bss.Data.IsEmpty);
        Assert.False(bss.HasFileData);

        var symtab = file.FindSection(".symtab")!;
        Assert.Equal(ElfSectionType.SymTab, symtab.Type);
        Assert.Equal((uint)image.SectionIndices[".strtab"], symtab.Link);
        Assert.Equal(3u, symtab.Info);
        Assert.Equal((ulong)ElfLayout.SymbolSize(is64), symtab.EntrySize);
        Assert.Equal(8UL, symtab.Alignment);

        var interp = file.FindSection(".interp")!;
        Assert.Equal(SampleImages.InterpreterPath + "\0", Encoding.ASCII.GetString(interp.Data.Span));

        Assert.Equal(ElfSectionType.DynSym, file.FindSection(".dynsym")!.Type);
        Assert.Equal(ElfSectionType.StrTab, file.FindSection(".shstrtab")!.Type);
        Assert.Null(file.FindSection(".nonexistent"));
    }

    [Fact]
    public void NameOffsetPointsIntoTheNameTable()
    {
        var file = ElfFile.Parse(SampleImages.Executable(ElfClass.Elf64).Bytes);
        var names = file.FindSection(".shstrtab")!.Data.Span;

        foreach (var section in file.Sections)
        {
            var tail = names[(int)section.NameOffset..];
            Assert.Equal(section.Name, Encoding.ASCII.GetString(tail[..tail.IndexOf((byte)0)]));
        }
    }

    [Fact]
    public void FilesWithoutSectionHeadersHaveNoSections()
    {
        var file = ElfFile.Parse(SampleImages.Minimal(ElfClass.Elf64).Bytes);

        Assert.Empty(file.Sections);
        Assert.Empty(file.Symbols);
        Assert.Empty(file.DynamicSymbols);
        Assert.Empty(file.Notes);
        Assert.Null(file.FindSymbol("main"));
    }

    [Theory]
    [InlineData(ElfClass.Elf32)]
    [InlineData(ElfClass.Elf64)]
    public void SupportsExtendedSectionNumbering(ElfClass elfClass)
    {
        // With >= 0xff00 sections, e_shnum is 0 and e_shstrndx is SHN_XINDEX; the real values
        // move to section 0's sh_size and sh_link.
        var image = SampleImages.Executable(elfClass);
        var is64 = image.Is64;
        var zero = image.SectionHeaderEntry(0);
        var bytes = image.Bytes
            .With16(ElfLayout.EShNum(is64), 0)
            .With16(ElfLayout.EShStrNdx(is64), ElfSectionIndex.Extended)
            .WithWord(zero + ElfLayout.ShSize(is64), (ulong)image.SectionCount, is64)
            .With32(zero + ElfLayout.ShLink(is64), (uint)image.SectionCount - 1);

        var file = ElfFile.Parse(bytes);

        Assert.Equal(ExpectedNames, file.Sections.Select(s => s.Name));
        Assert.Equal((ulong)image.SectionCount, file.Sections[0].Size);
        Assert.NotNull(file.FindSymbol("main"));
    }

    [Fact]
    public void ExtendedNumberingWithZeroCountMeansNoSections()
    {
        var image = SampleImages.Executable(ElfClass.Elf64);
        var bytes = image.Bytes.With16(ElfLayout.EShNum(true), 0);

        Assert.Empty(ElfFile.Parse(bytes).Sections);
    }

    [Fact]
    public void MissingNameTableGivesEmptyNames()
    {
        var image = SampleImages.Executable(ElfClass.Elf32);
        var bytes = image.Bytes.With16(ElfLayout.EShStrNdx(false), 0);

        var file = ElfFile.Parse(bytes);

        Assert.All(file.Sections, s => Assert.Equal("", s.Name));
        Assert.Equal(ExpectedNames.Length, file.Sections.Count);
    }

    [Fact]
    public void StrayOffsetWithoutEntriesMeansNoSections()
    {
        var image = SampleImages.Minimal(ElfClass.Elf64);
        var bytes = image.Bytes.With64(ElfLayout.EShOff(true), 0x12345).With16(ElfLayout.EShEntSize(true), 0);

        Assert.Empty(ElfFile.Parse(bytes).Sections);
    }

    [Fact]
    public void PreservesUnknownTypesAndFlags()
    {
        var builder = new ElfImageBuilder(ElfClass.Elf64);
        builder.AddSection(new SectionSpec(".riscv.attributes", (ElfSectionType)0x70000003, [0x41], (ElfSectionFlags)0x10000000));

        var section = ElfFile.Parse(builder.Build().Bytes).FindSection(".riscv.attributes")!;

        Assert.Equal((ElfSectionType)0x70000003, section.Type);
        Assert.Equal((ElfSectionFlags)0x10000000, section.Flags);
        Assert.Equal([0x41], section.Data.ToArray());
    }
}
