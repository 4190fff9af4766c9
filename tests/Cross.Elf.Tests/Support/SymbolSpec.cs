namespace Cross.Elf.Tests.Support;

/// <summary>A symbol for <see cref="ElfImageBuilder"/>; Section names the defining section, else SectionIndex is used raw.</summary>
public sealed record SymbolSpec(
    string Name,
    ulong Value,
    ulong Size = 0,
    ElfSymbolBinding Binding = ElfSymbolBinding.Global,
    ElfSymbolType Type = ElfSymbolType.Func,
    ElfSymbolVisibility Visibility = ElfSymbolVisibility.Default,
    string? Section = null,
    ushort SectionIndex = 0);
