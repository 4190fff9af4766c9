namespace Cross.Elf;

/// <summary>One entry of .symtab or .dynsym.</summary>
public sealed class ElfSymbol
{
    public const int Elf32EntrySize = 16;
    public const int Elf64EntrySize = 24;

    /// <summary>Position in its symbol table (entry 0 is the reserved null symbol).</summary>
    public int Index { get; internal init; }
    public string Name { get; internal init; } = "";
    public ulong Value { get; internal init; }
    public ulong Size { get; internal init; }
    /// <summary>Raw st_info (binding in the high nibble, type in the low one).</summary>
    public byte Info { get; internal init; }
    /// <summary>Raw st_other (visibility in the low two bits).</summary>
    public byte Other { get; internal init; }
    /// <summary>st_shndx: a section index or one of the <see cref="ElfSectionIndex"/> constants.</summary>
    public ushort SectionIndex { get; internal init; }
    /// <summary>True for entries of .dynsym, false for .symtab.</summary>
    public bool IsDynamic { get; internal init; }

    public ElfSymbolBinding Binding => (ElfSymbolBinding)(Info >> 4);
    public ElfSymbolType Type => (ElfSymbolType)(Info & 0xf);
    public ElfSymbolVisibility Visibility => (ElfSymbolVisibility)(Other & 0x3);
    public bool IsDefined => SectionIndex != ElfSectionIndex.Undefined;

    public override string ToString() =>
        $"{Name} = 0x{Value:x} size {Size} {Type} {Binding} shndx {SectionIndex}";
}
