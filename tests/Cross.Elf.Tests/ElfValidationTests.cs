using Cross.Elf.Tests.Support;

namespace Cross.Elf.Tests;

/// <summary>Each kind of malformed input yields an <see cref="ElfFormatException"/> naming the defect.</summary>
public sealed class ElfValidationTests
{
    // Built per test (xunit makes one instance per test); cheap, and nothing is shared.
    private readonly ElfImage _image64 = SampleImages.Executable(ElfClass.Elf64);
    private readonly ElfImage _image32 = SampleImages.Executable(ElfClass.Elf32);

    private ElfImage ImageFor(bool is64) => is64 ? _image64 : _image32;

    /// <summary>Parses and walks everything, returning the single-line rejection message.</summary>
    private static string Reject(byte[] bytes)
    {
        var e = Assert.Throws<ElfFormatException>(() => ElfExerciser.TouchEverything(ElfFile.Parse(bytes)));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    /// <summary>Checks the defect is found lazily: parsing succeeds, the given access throws.</summary>
    private static string RejectOnAccess(byte[] bytes, Func<ElfFile, object?> access)
    {
        var file = ElfFile.Parse(bytes);
        var e = Assert.Throws<ElfFormatException>(() => access(file));

        // A second access reports the same problem rather than a half-built result.
        Assert.Equal(e.Message, Assert.Throws<ElfFormatException>(() => access(file)).Message);
        return e.Message;
    }

    [Fact]
    public void RejectsEmptyInput()
    {
        Assert.Equal("ELF identification truncated: file is 0 bytes, e_ident needs 16", Reject([]));
    }

    [Fact]
    public void RejectsWrongMagic()
    {
        Assert.Equal("not an ELF file: bad magic 7f454c47 (expected 7f454c46)", Reject(_image64.Bytes.WithByte(3, (byte)'G')));
        Assert.Equal("not an ELF file: bad magic 2321 (expected 7f454c46)", Reject("#!"u8.ToArray()));
    }

    [Fact]
    public void RejectsTruncatedIdentification()
    {
        Assert.Equal("ELF identification truncated: file is 10 bytes, e_ident needs 16", Reject(_image64.Bytes[..10]));
    }

    [Theory]
    [InlineData((byte)0)]
    [InlineData((byte)3)]
    [InlineData((byte)0xff)]
    public void RejectsInvalidClass(byte value)
    {
        Assert.Equal($"invalid ELF class {value} (expected 1 for ELF32 or 2 for ELF64)", Reject(_image64.Bytes.WithByte(4, value)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RejectsBigEndian(bool is64)
    {
        Assert.Equal("big-endian ELF is not supported", Reject(ImageFor(is64).Bytes.WithByte(5, 2)));
    }

    [Theory]
    [InlineData((byte)0)]
    [InlineData((byte)3)]
    public void RejectsInvalidDataEncoding(byte value)
    {
        Assert.Equal($"invalid ELF data encoding {value} (expected 1 for little-endian)", Reject(_image64.Bytes.WithByte(5, value)));
    }

    [Fact]
    public void RejectsWrongIdentificationVersion()
    {
        Assert.Equal("unsupported ELF identification version 0 (expected 1)", Reject(_image64.Bytes.WithByte(6, 0)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RejectsWrongVersion(bool is64)
    {
        Assert.Equal("unsupported ELF version 2 (expected 1)", Reject(ImageFor(is64).Bytes.With32(ElfLayout.EVersion, 2)));
    }

    [Theory]
    [InlineData(true, "ELF64", 64)]
    [InlineData(false, "ELF32", 52)]
    public void RejectsTruncatedHeader(bool is64, string name, int size)
    {
        Assert.Equal($"ELF header truncated: file is 40 bytes, {name} header needs {size}", Reject(ImageFor(is64).Bytes[..40]));
    }

    [Theory]
    [InlineData(true, 55, "ELF64", 56)]
    [InlineData(false, 31, "ELF32", 32)]
    [InlineData(true, 0, "ELF64", 56)]
    public void RejectsTooSmallProgramHeaderEntries(bool is64, ushort entrySize, string name, int minimum)
    {
        var bytes = ImageFor(is64).Bytes.With16(ElfLayout.EPhEntSize(is64), entrySize);

        Assert.Equal($"ELF program header entry size {entrySize} is too small for {name} (need at least {minimum})", Reject(bytes));
    }

    [Fact]
    public void RejectsAbsurdProgramHeaderCount()
    {
        var bytes = _image64.Bytes.With16(ElfLayout.EPhNum(true), 9000);

        Assert.Equal(
            $"ELF program header table (offset 0x40, 56 x 9000 entries) extends past end of file (size {bytes.Length})",
            Reject(bytes));
    }

    [Fact]
    public void RejectsAbsurdProgramHeaderEntrySize()
    {
        var bytes = _image32.Bytes.With16(ElfLayout.EPhEntSize(false), 0xffff);

        Assert.Contains("ELF program header table (offset 0x34, 65535 x 8 entries) extends past end of file", Reject(bytes));
    }

    [Theory]
    [InlineData(true, ulong.MaxValue - 8, "overflows the 64-bit offset range")]
    [InlineData(true, 0x7fff_ffff_ffff_0000, "extends past end of file")]
    [InlineData(false, 0xffff_fff0, "extends past end of file")]
    public void RejectsProgramHeaderTableOutsideTheFile(bool is64, ulong offset, string expected)
    {
        var bytes = ImageFor(is64).Bytes.WithWord(ElfLayout.EPhOff(is64), offset, is64);

        var message = Reject(bytes);

        Assert.StartsWith($"ELF program header table (offset 0x{offset:x},", message);
        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RejectsSegmentPastEndOfFile(bool is64)
    {
        var image = ImageFor(is64);
        var entry = image.ProgramHeaderEntry(3);
        var bytes = image.Bytes.WithWord(entry + ElfLayout.POffset(is64), (ulong)image.Bytes.Length - 4, is64);

        Assert.Equal(
            $"ELF program header [3] (PT_LOAD) (offset 0x{image.Bytes.Length - 4:x}, size 0x9) extends past end of file (size {image.Bytes.Length})",
            Reject(bytes));
    }

    [Fact]
    public void RejectsSegmentWhoseOffsetPlusSizeOverflows()
    {
        var entry = _image64.ProgramHeaderEntry(4);
        var bytes = _image64.Bytes
            .With64(entry + ElfLayout.POffset(true), 0x10)
            .With64(entry + ElfLayout.PFileSz(true), ulong.MaxValue - 8);

        Assert.Equal(
            "ELF program header [4] (PT_NOTE) (offset 0x10, size 0xfffffffffffffff7) overflows the 64-bit offset range",
            Reject(bytes));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RejectsLoadSegmentWithFileSizeAboveMemorySize(bool is64)
    {
        var image = ImageFor(is64);
        var bytes = image.Bytes.WithWord(image.ProgramHeaderEntry(3) + ElfLayout.PMemSz(is64), 4, is64);

        Assert.Equal("ELF program header [3] (PT_LOAD) file size 0x9 is larger than its memory size 0x4", Reject(bytes));
    }

    [Theory]
    [InlineData(true, ulong.MaxValue - 0x10, "64")]
    [InlineData(false, 0xffff_fff0UL, "32")]
    public void RejectsLoadSegmentBeyondTheAddressSpace(bool is64, ulong vaddr, string bits)
    {
        var image = ImageFor(is64);
        var bytes = image.Bytes.WithWord(image.ProgramHeaderEntry(3) + ElfLayout.PVAddr(is64), vaddr, is64);

        Assert.Equal(
            $"ELF program header [3] (PT_LOAD) memory range (vaddr 0x{vaddr:x}, size 0x115) overflows the {bits}-bit address space",
            Reject(bytes));
    }

    [Fact]
    public void RejectsUnterminatedInterpreter()
    {
        var at = _image64.SectionOffsets[".interp"] + SampleImages.InterpreterPath.Length;

        Assert.Equal(
            $"ELF interpreter path (PT_INTERP, program header [1], {SampleImages.InterpreterPath.Length + 1} bytes) is not NUL-terminated",
            Reject(_image64.Bytes.WithByte(at, (byte)'x')));
    }

    [Fact]
    public void RejectsEmptyInterpreter()
    {
        var at = _image32.SectionOffsets[".interp"];

        Assert.Equal("ELF interpreter path (PT_INTERP, program header [1]) is empty", Reject(_image32.Bytes.WithByte(at, 0)));
    }

    [Fact]
    public void RejectsZeroLengthInterpreter()
    {
        var bytes = _image32.Bytes.With32(_image32.ProgramHeaderEntry(1) + ElfLayout.PFileSz(false), 0);

        Assert.Contains("is not NUL-terminated", Reject(bytes));
    }

    [Theory]
    [InlineData(true, 63, "ELF64", 64)]
    [InlineData(false, 39, "ELF32", 40)]
    public void RejectsTooSmallSectionHeaderEntriesOnAccess(bool is64, ushort entrySize, string name, int minimum)
    {
        var bytes = ImageFor(is64).Bytes.With16(ElfLayout.EShEntSize(is64), entrySize);

        Assert.Equal(
            $"ELF section header entry size {entrySize} is too small for {name} (need at least {minimum})",
            RejectOnAccess(bytes, f => f.Sections));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RejectsAbsurdSectionCount(bool is64)
    {
        var image = ImageFor(is64);
        var bytes = image.Bytes.With16(ElfLayout.EShNum(is64), 65000);

        Assert.Equal(
            $"ELF section header table (offset 0x{image.SectionHeaderOffset:x}, {ElfLayout.SectionHeaderSize(is64)} x 65000 entries) extends past end of file (size {bytes.Length})",
            RejectOnAccess(bytes, f => f.Sections));
    }

    [Fact]
    public void RejectsAbsurdExtendedSectionCount()
    {
        var bytes = _image64.Bytes
            .With16(ElfLayout.EShNum(true), 0)
            .With64(_image64.SectionHeaderEntry(0) + ElfLayout.ShSize(true), ulong.MaxValue);

        Assert.Equal(
            $"ELF section header table (offset 0x{_image64.SectionHeaderOffset:x}, 64 x 18446744073709551615 entries) overflows the 64-bit offset range",
            RejectOnAccess(bytes, f => f.Sections));
    }

    [Fact]
    public void RejectsExtendedNumberingWithSectionZeroOutsideTheFile()
    {
        var bytes = _image64.Bytes.With16(ElfLayout.EShNum(true), 0).With64(ElfLayout.EShOff(true), (ulong)_image64.Bytes.Length - 8);

        Assert.Contains("ELF section header table", RejectOnAccess(bytes, f => f.Sections));
    }

    [Fact]
    public void RejectsSectionHeaderTableOffsetOverflow()
    {
        var bytes = _image64.Bytes.With64(ElfLayout.EShOff(true), ulong.MaxValue - 63);

        Assert.Contains("overflows the 64-bit offset range", RejectOnAccess(bytes, f => f.Sections));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RejectsNameTableIndexOutOfRange(bool is64)
    {
        var image = ImageFor(is64);
        var bytes = image.Bytes.With16(ElfLayout.EShStrNdx(is64), 200);

        Assert.Equal(
            $"ELF section name string table index 200 is out of range (the file has {image.SectionCount} sections)",
            RejectOnAccess(bytes, f => f.Sections));
    }

    [Fact]
    public void RejectsNameTableThatIsNotAStringTable()
    {
        var text = _image64.SectionIndices[".text"];
        var bytes = _image64.Bytes.With16(ElfLayout.EShStrNdx(true), (ushort)text);

        Assert.Equal(
            $"ELF section name string table [{text}] has type SHT_PROGBITS, expected SHT_STRTAB",
            RejectOnAccess(bytes, f => f.Sections));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RejectsSectionPastEndOfFile(bool is64)
    {
        var image = ImageFor(is64);
        var entry = image.SectionHeaderEntry(".text");
        var bytes = image.Bytes.WithWord(entry + ElfLayout.ShSize(is64), 0x100000, is64);

        Assert.Equal(
            $"ELF section [3] '.text' (offset 0x{image.SectionOffsets[".text"]:x}, size 0x100000) extends past end of file (size {bytes.Length})",
            RejectOnAccess(bytes, f => f.Sections));
    }

    [Fact]
    public void RejectsSectionWhoseOffsetPlusSizeOverflows()
    {
        var entry = _image64.SectionHeaderEntry(".data");
        var bytes = _image64.Bytes
            .With64(entry + ElfLayout.ShOffset(true), ulong.MaxValue)
            .With64(entry + ElfLayout.ShSize(true), 2);

        Assert.Equal(
            "ELF section [5] '.data' (offset 0xffffffffffffffff, size 0x2) overflows the 64-bit offset range",
            RejectOnAccess(bytes, f => f.Sections));
    }

    [Fact]
    public void IgnoresTheRangeOfNoBitsSections()
    {
        var entry = _image64.SectionHeaderEntry(".bss");
        var bytes = _image64.Bytes
            .With64(entry + ElfLayout.ShOffset(true), ulong.MaxValue)
            .With64(entry + ElfLayout.ShSize(true), ulong.MaxValue);

        Assert.Equal(ulong.MaxValue, ElfFile.Parse(bytes).FindSection(".bss")!.Size);
    }

    [Fact]
    public void RejectsSectionNameOffsetOutOfRange()
    {
        var names = _image64.SectionIndices[".shstrtab"];
        var bytes = _image64.Bytes.With32(_image64.SectionHeaderEntry(".text") + ElfLayout.ShName, 0x12345);

        Assert.Matches(
            $@"^ELF section \[3\] name offset 0x12345 is outside the section name string table \[{names}\] \(size 0x[0-9a-f]+\)$",
            RejectOnAccess(bytes, f => f.Sections));
    }

    [Fact]
    public void RejectsUnterminatedSectionName()
    {
        // ".shstrtab" is the last string in its own table; overwrite its terminator.
        var names = _image32.SectionIndices[".shstrtab"];
        var table = ElfFile.Parse(_image32.Bytes).FindSection(".shstrtab")!;
        var bytes = _image32.Bytes.WithByte((int)(table.Offset + table.Size - 1), (byte)'x');

        Assert.Equal(
            $"ELF section [{names}] name at offset 0x{table.NameOffset:x} in the section name string table [{names}] is not NUL-terminated",
            RejectOnAccess(bytes, f => f.Sections));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RejectsSymbolNameOffsetOutOfRange(bool is64)
    {
        var image = ImageFor(is64);
        var symbol = image.SectionOffsets[".symtab"] + 3 * ElfLayout.SymbolSize(is64);
        var bytes = image.Bytes.With32(symbol + ElfLayout.StName, 0xffffff);

        Assert.Matches(
            @"^ELF symbol \[3\] name in symbol table \[7\] '\.symtab' offset 0xffffff is outside string table \[8\] '\.strtab' \(size 0x[0-9a-f]+\)$",
            RejectOnAccess(bytes, f => f.Symbols));
        Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes).FindSymbol("main"));
    }

    [Fact]
    public void RejectsUnterminatedSymbolName()
    {
        var strtab = ElfFile.Parse(_image64.Bytes).FindSection(".dynstr")!;
        var bytes = _image64.Bytes.WithByte((int)(strtab.Offset + strtab.Size - 1), (byte)'x');

        Assert.Matches(
            @"^ELF symbol \[2\] name in symbol table \[9\] '\.dynsym' at offset 0x[0-9a-f]+ in string table \[10\] '\.dynstr' is not NUL-terminated$",
            RejectOnAccess(bytes, f => f.DynamicSymbols));
    }

    [Theory]
    [InlineData(true, 8UL, "ELF64", 24)]
    [InlineData(false, 15UL, "ELF32", 16)]
    public void RejectsTooSmallSymbolEntries(bool is64, ulong entrySize, string name, int minimum)
    {
        var image = ImageFor(is64);
        var bytes = image.Bytes.WithWord(image.SectionHeaderEntry(".symtab") + ElfLayout.ShEntSize(is64), entrySize, is64);

        Assert.Equal(
            $"ELF symbol table [7] '.symtab' entry size {entrySize} is too small for {name} (need at least {minimum})",
            RejectOnAccess(bytes, f => f.Symbols));
    }

    [Fact]
    public void RejectsSymbolTableSizeThatIsNotAMultipleOfTheEntrySize()
    {
        var entry = _image64.SectionHeaderEntry(".symtab");
        var size = _image64.Bytes.ReadWord(entry + ElfLayout.ShSize(true), true);
        var bytes = _image64.Bytes.With64(entry + ElfLayout.ShSize(true), size - 1);

        Assert.Equal(
            $"ELF symbol table [7] '.symtab' size 0x{size - 1:x} is not a multiple of its entry size 24",
            RejectOnAccess(bytes, f => f.Symbols));
    }

    [Fact]
    public void RejectsHugeSymbolEntrySize()
    {
        var bytes = _image64.Bytes.With64(_image64.SectionHeaderEntry(".symtab") + ElfLayout.ShEntSize(true), ulong.MaxValue);

        Assert.Contains("is not a multiple of its entry size 18446744073709551615", RejectOnAccess(bytes, f => f.Symbols));
    }

    [Fact]
    public void RejectsSymbolTableLinkOutOfRange()
    {
        var bytes = _image32.Bytes.With32(_image32.SectionHeaderEntry(".symtab") + ElfLayout.ShLink(false), 999);

        Assert.Equal(
            $"ELF symbol table [7] '.symtab' links to string table section 999, but the file has only {_image32.SectionCount} sections",
            RejectOnAccess(bytes, f => f.Symbols));
    }

    [Fact]
    public void RejectsSymbolTableLinkedToANonStringSection()
    {
        var bytes = _image64.Bytes.With32(_image64.SectionHeaderEntry(".dynsym") + ElfLayout.ShLink(true), 3);

        Assert.Equal(
            "ELF symbol table [9] '.dynsym' links to section [3] '.text' of type SHT_PROGBITS, expected SHT_STRTAB",
            RejectOnAccess(bytes, f => f.DynamicSymbols));
    }

    [Fact]
    public void RejectsNoteNamePastTheEnd()
    {
        var bytes = _image64.Bytes.With32(_image64.SectionOffsets[".note.gnu.build-id"], 0x1000);

        Assert.Matches(
            @"^ELF note at offset 0x[0-9a-f]+ in program header \[4\] \(PT_NOTE\) has name size 4096, past the end of the notes \(\d+ bytes left\)$",
            RejectOnAccess(bytes, f => f.Notes));
    }

    [Fact]
    public void RejectsNoteDescriptorPastTheEnd()
    {
        var bytes = _image32.Bytes.With32(_image32.SectionOffsets[".note.gnu.build-id"] + 4, 0xffff_fff0);

        Assert.Contains("has descriptor size 4294967280, past the end of the notes", RejectOnAccess(bytes, f => f.Notes));
    }

    [Fact]
    public void RejectsTruncatedNoteHeader()
    {
        // Shrink the note section so that the second note's header is cut off.
        var builder = new ElfImageBuilder(ElfClass.Elf64);
        var notes = NoteBuilder.Build(4, ("GNU", 1, [1, 2, 3, 4]));
        builder.AddSection(new SectionSpec(".note", ElfSectionType.Note, [.. notes, 4, 0, 0, 0, 0], Alignment: 4));
        var bytes = builder.Build().Bytes;

        Assert.Matches(
            @"^ELF note at offset 0x[0-9a-f]+ in section \[1\] '\.note' is truncated \(5 bytes left, note header needs 12\)$",
            RejectOnAccess(bytes, f => f.Notes));
    }

    [Fact]
    public void SegmentOnlyAccessSurvivesBrokenSectionHeaders()
    {
        // A loader only needs segments; damaged section headers must not stop it.
        var bytes = _image64.Bytes.With16(ElfLayout.EShNum(true), 65000);

        var file = ElfFile.Parse(bytes);

        Assert.Equal(8, file.ProgramHeaders.Count);
        Assert.Equal(SampleImages.InterpreterPath, file.Interpreter);
        Assert.Equal(2, file.GetNotes(file.ProgramHeaders[4]).Count);
        Assert.Throws<ElfFormatException>(() => file.Notes);
        Assert.Throws<ElfFormatException>(() => file.FindSymbol("main"));
        Assert.Throws<ElfFormatException>(() => file.FindSection(".text"));
    }

    [Fact]
    public void EscapesHostileNamesInMessages()
    {
        var builder = new ElfImageBuilder(ElfClass.Elf64);
        builder.AddSection(new SectionSpec(".text", ElfSectionType.ProgBits, [1]));
        builder.AddSection(new SectionSpec("evil\nname\u2028" + new string('x', 100), ElfSectionType.SymTab, new byte[24], Link: ".text"));

        var message = RejectOnAccess(builder.Build().Bytes, f => f.Symbols);

        Assert.StartsWith(@"ELF symbol table [2] 'evil\x0aname\x2028xxx", message);
        Assert.Contains("'... links to section [1] '.text'", message);
    }
}
