namespace Cross.Elf;

/// <summary>EI_CLASS: the width of addresses and offsets in the file.</summary>
public enum ElfClass : byte
{
    Elf32 = 1,
    Elf64 = 2,
}
