using System.Buffers.Binary;
using Cross.Elf.Tests.Support;

namespace Cross.Elf.Tests;

public sealed class ElfNoteTests
{
    [Theory]
    [InlineData(ElfClass.Elf32)]
    [InlineData(ElfClass.Elf64)]
    public void ReportsEachNoteOnceAlthoughSegmentAndSectionOverlap(ElfClass elfClass)
    {
        var image = SampleImages.Executable(elfClass);
        var file = ElfFile.Parse(image.Bytes);

        var notes = file.Notes;

        Assert.Equal(2, notes.Count);
        var buildId = notes[0];
        Assert.Equal(ElfNoteTypes.GnuOwner, buildId.Name);
        Assert.Equal(ElfNoteTypes.GnuBuildId, buildId.Type);
        Assert.Equal(SampleImages.BuildId, buildId.Descriptor.ToArray());
        Assert.Equal((ulong)image.SectionOffsets[".note.gnu.build-id"], buildId.Offset);

        var abiTag = notes[1];
        Assert.Equal(ElfNoteTypes.GnuAbiTag, abiTag.Type);
        Assert.Equal(16, abiTag.Descriptor.Length);
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(abiTag.Descriptor.Span[4..]));
        Assert.Equal(buildId.Offset + 12 + 4 + 8, abiTag.Offset);
    }

    [Fact]
    public void ReadsNotesPerSegmentAndPerSection()
    {
        var file = ElfFile.Parse(SampleImages.Executable(ElfClass.Elf64).Bytes);
        var segment = file.ProgramHeaders.Single(p => p.Type == ElfSegmentType.Note);
        var section = file.FindSection(".note.gnu.build-id")!;

        var fromSegment = file.GetNotes(segment);
        var fromSection = file.GetNotes(section);

        Assert.Equal(fromSegment.Select(n => (n.Name, n.Type, n.Offset)), fromSection.Select(n => (n.Name, n.Type, n.Offset)));
        Assert.Equal(2, fromSection.Count);
    }

    [Fact]
    public void CollectsNotesFromSectionsWhenThereAreNoSegments()
    {
        var builder = new ElfImageBuilder(ElfClass.Elf64) { Type = ElfType.Relocatable };
        builder.AddSection(new SectionSpec(".note.a", ElfSectionType.Note, NoteBuilder.Build(4, ("A", 1, [1])), Alignment: 4));
        builder.AddSection(new SectionSpec(".note.b", ElfSectionType.Note, NoteBuilder.Build(4, ("B", 2, [2, 2])), Alignment: 4));

        var notes = ElfFile.Parse(builder.Build().Bytes).Notes;

        Assert.Equal([("A", 1u, 1), ("B", 2u, 2)], notes.Select(n => (n.Name, n.Type, n.Descriptor.Length)));
    }

    [Fact]
    public void CollectsNotesFromSegmentsWhenThereAreNoSections()
    {
        var builder = new ElfImageBuilder(ElfClass.Elf32) { WriteSectionHeaders = false };
        builder.AddSegment(new SegmentSpec(ElfSegmentType.Note, ElfSegmentFlags.Read, 0,
            Data: NoteBuilder.Build(4, (ElfNoteTypes.CoreOwner, ElfNoteTypes.CorePrStatus, new byte[20])), Alignment: 4));

        var note = Assert.Single(ElfFile.Parse(builder.Build().Bytes).Notes);

        Assert.Equal("CORE", note.Name);
        Assert.Equal(ElfNoteTypes.CorePrStatus, note.Type);
        Assert.Equal(20, note.Descriptor.Length);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void FollowsTheContainerAlignment(int alignment)
    {
        // "LINUX\0" makes 12 + 6 = 18 bytes: the descriptor starts at 20 with 4-byte
        // alignment and at 24 with 8-byte alignment, so a wrong choice garbles every field.
        var data = NoteBuilder.Build(alignment, ("LINUX", 0x100, [1, 2, 3, 4]), ("GNU", 5, [5, 6, 7, 8, 9, 10, 11, 12]));
        var builder = new ElfImageBuilder(ElfClass.Elf64);
        builder.AddSection(new SectionSpec(".note.test", ElfSectionType.Note, data, Alignment: (ulong)alignment));

        var notes = ElfFile.Parse(builder.Build().Bytes).Notes;

        Assert.Equal(2, notes.Count);
        Assert.Equal("LINUX", notes[0].Name);
        Assert.Equal(0x100u, notes[0].Type);
        Assert.Equal([1, 2, 3, 4], notes[0].Descriptor.ToArray());
        Assert.Equal("GNU", notes[1].Name);
        Assert.Equal([5, 6, 7, 8, 9, 10, 11, 12], notes[1].Descriptor.ToArray());
    }

    [Fact]
    public void AcceptsAMissingFinalPadding()
    {
        var data = NoteBuilder.Build(4, ("GNU", 1, [1, 2, 3]))[..^1];
        var builder = new ElfImageBuilder(ElfClass.Elf64);
        builder.AddSection(new SectionSpec(".note", ElfSectionType.Note, data, Alignment: 4));

        var note = Assert.Single(ElfFile.Parse(builder.Build().Bytes).Notes);

        Assert.Equal([1, 2, 3], note.Descriptor.ToArray());
    }

    [Fact]
    public void AcceptsEmptyNamesAndDescriptors()
    {
        byte[] data = [0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0];
        var builder = new ElfImageBuilder(ElfClass.Elf32);
        builder.AddSection(new SectionSpec(".note", ElfSectionType.Note, data, Alignment: 4));

        var note = Assert.Single(ElfFile.Parse(builder.Build().Bytes).Notes);

        Assert.Equal("", note.Name);
        Assert.Equal(7u, note.Type);
        Assert.True(note.Descriptor.IsEmpty);
    }

    [Fact]
    public void AcceptsANameWithoutTerminator()
    {
        // namesz 4 holding "Go\0\0" is usual; "GoGo" without NUL is still bounded by namesz.
        byte[] data = [4, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, (byte)'G', (byte)'o', (byte)'G', (byte)'o'];
        var builder = new ElfImageBuilder(ElfClass.Elf64);
        builder.AddSection(new SectionSpec(".note.go", ElfSectionType.Note, data, Alignment: 4));

        Assert.Equal("GoGo", Assert.Single(ElfFile.Parse(builder.Build().Bytes).Notes).Name);
    }
}
