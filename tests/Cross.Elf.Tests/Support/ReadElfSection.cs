namespace Cross.Elf.Tests.Support;

/// <summary>One row of readelf's "Section Headers" table.</summary>
public sealed record ReadElfSection(
    int Index, string Name, string Type, ulong Address, ulong Offset, ulong Size, ulong EntrySize,
    string Flags, uint Link, uint Info, ulong Alignment);
