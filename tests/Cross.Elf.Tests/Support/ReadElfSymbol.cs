namespace Cross.Elf.Tests.Support;

/// <summary>One row of a readelf symbol table listing; Name has any "@VERSION (n)" suffix removed.</summary>
public sealed record ReadElfSymbol(
    int Index, ulong Value, ulong Size, string Type, string Binding, string Visibility, string SectionIndex, string Name);
