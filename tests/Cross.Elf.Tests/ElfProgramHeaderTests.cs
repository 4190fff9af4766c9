using System.Text;
using Cross.Elf.Tests.Support;

namespace Cross.Elf.Tests;

public sealed class ElfProgramHeaderTests
{
    [Theory]
    [InlineData(ElfClass.Elf32)]
    [InlineData(ElfClass.Elf64)]
    public void ParsesAllSegments(ElfClass elfClass)
    {
        var image = SampleImages.Executable(elfClass);
        var is64 = elfClass == ElfClass.Elf64;

        var file = ElfFile.Parse(image.Bytes);
        var segments = file.ProgramHeaders;

        Assert.Equal(
            [ElfSegmentType.Phdr, ElfSegmentType.Interp, ElfSegmentType.Load, ElfSegmentType.Load, ElfSegmentType.Note,
             ElfSegmentType.Tls, ElfSegmentType.GnuStack, ElfSegmentType.GnuRelro],
            segments.Select(s => s.Type));
        Assert.Equal(Enumerable.Range(0, 8), segments.Select(s => s.Index));

        var phdr = segments[0];
        Assert.Equal((ulong)ElfLayout.HeaderSize(is64), phdr.Offset);
        Assert.Equal((ulong)(8 * ElfLayout.ProgramHeaderSize(is64)), phdr.FileSize);

        var text = segments[2];
        Assert.Equal(ElfSegmentFlags.Read | ElfSegmentFlags.Execute, text.Flags);
        Assert.True(text.IsReadable);
        Assert.False(text.IsWritable);
        Assert.True(text.IsExecutable);
        Assert.Equal(0UL, text.Offset);
        Assert.Equal(SampleImages.Base, text.VirtualAddress);
        Assert.Equal(SampleImages.Base, text.PhysicalAddress);
        Assert.Equal((ulong)image.Bytes.Length, text.FileSize);
        Assert.Equal(text.FileSize, text.MemorySize);
        Assert.Equal(0x1000UL, text.Alignment);
        Assert.True(text.Data.Span.SequenceEqual(image.Bytes));

        var data = segments[3];
        Assert.Equal(ElfSegmentFlags.Read | ElfSegmentFlags.Write, data.Flags);
        Assert.Equal((ulong)image.SectionOffsets[".data"], data.Offset);
        Assert.Equal(SampleImages.Base + 0x2004, data.VirtualAddress);
        Assert.Equal(0x80002004UL, data.PhysicalAddress);
        Assert.Equal(9UL, data.FileSize);
        Assert.Equal(9UL + 0x10c, data.MemorySize);
        Assert.Equal("data!data", Encoding.ASCII.GetString(data.Data.Span));

        var tls = segments[5];
        Assert.Equal(4UL, tls.FileSize);
        Assert.Equal(8UL, tls.MemorySize);
        Assert.Equal([1, 2, 3, 4], tls.Data.ToArray());

        var stack = segments[6];
        Assert.Equal(ElfSegmentFlags.Read | ElfSegmentFlags.Write, stack.Flags);
        Assert.Equal(0UL, stack.FileSize);
        Assert.True(stack.Data.IsEmpty);

        Assert.Equal([text, data], file.LoadSegments);
    }

    [Theory]
    [InlineData(ElfClass.Elf32)]
    [InlineData(ElfClass.Elf64)]
    public void ReadsTheInterpreter(ElfClass elfClass)
    {
        var file = ElfFile.Parse(SampleImages.Executable(elfClass).Bytes);

        Assert.Equal(SampleImages.InterpreterPath, file.Interpreter);
    }

    [Fact]
    public void StaticExecutablesHaveNoInterpreter()
    {
        Assert.Null(ElfFile.Parse(SampleImages.Minimal(ElfClass.Elf64).Bytes).Interpreter);
    }

    [Theory]
    [InlineData(ElfClass.Elf32)]
    [InlineData(ElfClass.Elf64)]
    public void ExposesWhatAnAuxiliaryVectorNeeds(ElfClass elfClass)
    {
        var is64 = elfClass == ElfClass.Elf64;
        var file = ElfFile.Parse(SampleImages.Executable(elfClass).Bytes);

        Assert.Equal((ulong)ElfLayout.HeaderSize(is64), file.Header.ProgramHeaderOffset);
        Assert.Equal(ElfLayout.ProgramHeaderSize(is64), file.Header.ProgramHeaderEntrySize);
        Assert.Equal(8, file.Header.ProgramHeaderCount);
        Assert.Equal(SampleImages.Base + (ulong)ElfLayout.HeaderSize(is64), file.ProgramHeaderVirtualAddress);
    }

    [Fact]
    public void ComputesTheProgramHeaderAddressFromTheLoadSegmentWithoutPtPhdr()
    {
        var builder = new ElfImageBuilder(ElfClass.Elf64) { WriteSectionHeaders = false };
        builder.AddSegment(new SegmentSpec(ElfSegmentType.Note, ElfSegmentFlags.Read, 0, Data: [], Alignment: 4));
        builder.AddSegment(new SegmentSpec(ElfSegmentType.Load, ElfSegmentFlags.Read, 0x400000, SegmentSource.WholeFile, Alignment: 0x1000));

        var file = ElfFile.Parse(builder.Build().Bytes);

        Assert.Equal(0x400000UL + 64, file.ProgramHeaderVirtualAddress);
    }

    [Fact]
    public void ProgramHeaderAddressIsNullWhenTheTableIsNotMapped()
    {
        Assert.Null(ElfFile.Parse(SampleImages.Minimal(ElfClass.Elf32).Bytes).ProgramHeaderVirtualAddress);
    }

    [Fact]
    public void FilesWithoutProgramHeadersHaveNone()
    {
        var builder = new ElfImageBuilder(ElfClass.Elf64) { Type = ElfType.Relocatable, Entry = 0 };
        builder.AddSection(new SectionSpec(".text", ElfSectionType.ProgBits, [1, 2, 3]));

        var file = ElfFile.Parse(builder.Build().Bytes);

        Assert.Empty(file.ProgramHeaders);
        Assert.Empty(file.LoadSegments);
        Assert.Null(file.Interpreter);
        Assert.Null(file.ProgramHeaderVirtualAddress);
        Assert.Equal(0, file.Header.ProgramHeaderCount);
    }

    [Fact]
    public void IgnoresTheRangeOfPtNullEntries()
    {
        // PT_NULL slots are unused; their other fields may hold anything.
        var image = SampleImages.Minimal(ElfClass.Elf64);
        var entry = image.ProgramHeaderEntry(0);
        var bytes = image.Bytes
            .With32(entry + ElfLayout.PType, 0)
            .With64(entry + ElfLayout.POffset(true), ulong.MaxValue)
            .With64(entry + ElfLayout.PFileSz(true), ulong.MaxValue);

        var segment = Assert.Single(ElfFile.Parse(bytes).ProgramHeaders);

        Assert.Equal(ElfSegmentType.Null, segment.Type);
        Assert.True(segment.Data.IsEmpty);
    }

    [Fact]
    public void PreservesUnknownSegmentTypesAndFlags()
    {
        var image = SampleImages.Minimal(ElfClass.Elf32);
        var entry = image.ProgramHeaderEntry(0);
        var bytes = image.Bytes
            .With32(entry + ElfLayout.PType, 0x70000003)
            .With32(entry + ElfLayout.PFlags(false), 0x0ff00007);

        var segment = Assert.Single(ElfFile.Parse(bytes).ProgramHeaders);

        Assert.Equal((ElfSegmentType)0x70000003, segment.Type);
        Assert.Equal((ElfSegmentFlags)0x0ff00007, segment.Flags);
        Assert.Contains("0x70000003", segment.ToString());
    }

    [Fact]
    public void HonoursALargerEntrySize()
    {
        // e_phentsize larger than the structure is legal: entries are e_phentsize apart.
        var builder = new ElfImageBuilder(ElfClass.Elf32) { WriteSectionHeaders = false };
        builder.AddSegment(new SegmentSpec(ElfSegmentType.Load, ElfSegmentFlags.Read, 0x1000, Data: [9, 9], Alignment: 0x1000));
        builder.AddSegment(new SegmentSpec(ElfSegmentType.GnuStack, ElfSegmentFlags.Read | ElfSegmentFlags.Write, 0, Data: []));
        var bytes = builder.Build().Bytes;

        // Re-lay the two 32-byte entries 40 bytes apart, shifting everything after them by 16.
        var stretched = new byte[bytes.Length + 16];
        bytes.AsSpan(0, 52 + 32).CopyTo(stretched);
        bytes.AsSpan(52 + 32, 32).CopyTo(stretched.AsSpan(52 + 40));
        bytes.AsSpan(52 + 64).CopyTo(stretched.AsSpan(52 + 80));
        stretched = stretched.With16(ElfLayout.EPhEntSize(false), 40);
        var loadEntry = 52 + ElfLayout.POffset(false);
        stretched = stretched.With32(loadEntry, stretched.Read32(loadEntry) + 16);

        var file = ElfFile.Parse(stretched);

        Assert.Equal([ElfSegmentType.Load, ElfSegmentType.GnuStack], file.ProgramHeaders.Select(p => p.Type));
        Assert.Equal([9, 9], file.ProgramHeaders[0].Data.ToArray());
    }
}
