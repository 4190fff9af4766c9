namespace Cross.Elf.Tests.Support;

/// <summary>A program header for <see cref="ElfImageBuilder"/>.</summary>
public sealed record SegmentSpec(
    ElfSegmentType Type,
    ElfSegmentFlags Flags,
    ulong VirtualAddress,
    SegmentSource Source = SegmentSource.Data,
    byte[]? Data = null,
    string? Section = null,
    ulong ExtraMemory = 0,
    ulong Alignment = 8,
    ulong? PhysicalAddress = null);
