namespace Cross.Elf.Tests.Support;

/// <summary>A built image plus where its pieces landed, for targeted corruption.</summary>
public sealed class ElfImage
{
    public required byte[] Bytes { get; init; }
    public required bool Is64 { get; init; }
    public required int ProgramHeaderOffset { get; init; }
    public required int ProgramHeaderCount { get; init; }
    /// <summary>0 when the image was built without section headers.</summary>
    public required int SectionHeaderOffset { get; init; }
    public required int SectionCount { get; init; }
    public required IReadOnlyDictionary<string, int> SectionIndices { get; init; }
    public required IReadOnlyDictionary<string, int> SectionOffsets { get; init; }

    public int ProgramHeaderEntry(int index) => ProgramHeaderOffset + index * ElfLayout.ProgramHeaderSize(Is64);

    public int SectionHeaderEntry(int index) => SectionHeaderOffset + index * ElfLayout.SectionHeaderSize(Is64);

    public int SectionHeaderEntry(string name) => SectionHeaderEntry(SectionIndices[name]);
}
