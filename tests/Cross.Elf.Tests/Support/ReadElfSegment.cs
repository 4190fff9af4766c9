namespace Cross.Elf.Tests.Support;

/// <summary>One row of readelf's "Program Headers" table.</summary>
public sealed record ReadElfSegment(
    string Type, ulong Offset, ulong VirtualAddress, ulong PhysicalAddress, ulong FileSize, ulong MemorySize,
    string Flags, ulong Alignment);
