namespace Cross.Elf.Tests.Support;

/// <summary>A section for <see cref="ElfImageBuilder"/>; Link names the linked section.</summary>
public sealed record SectionSpec(
    string Name,
    ElfSectionType Type,
    byte[] Data,
    ElfSectionFlags Flags = ElfSectionFlags.None,
    ulong Address = 0,
    ulong Alignment = 1,
    ulong EntrySize = 0,
    string? Link = null,
    uint Info = 0);
