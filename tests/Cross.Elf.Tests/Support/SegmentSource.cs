namespace Cross.Elf.Tests.Support;

/// <summary>Where a built segment's file bytes come from.</summary>
public enum SegmentSource
{
    /// <summary>Its own <see cref="SegmentSpec.Data"/> blob.</summary>
    Data,
    /// <summary>The file range of the section named <see cref="SegmentSpec.Section"/>.</summary>
    Section,
    /// <summary>The program header table (for PT_PHDR).</summary>
    ProgramHeaders,
    /// <summary>The whole file from offset 0 (a typical first PT_LOAD).</summary>
    WholeFile,
}
