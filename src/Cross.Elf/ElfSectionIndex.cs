namespace Cross.Elf;

/// <summary>Reserved section indices (SHN_*) as they appear in st_shndx and e_shstrndx.</summary>
public static class ElfSectionIndex
{
    public const ushort Undefined = 0;
    public const ushort LoReserve = 0xff00;
    public const ushort Absolute = 0xfff1;
    public const ushort Common = 0xfff2;
    /// <summary>The real index lives elsewhere (section 0's sh_link, or SHT_SYMTAB_SHNDX).</summary>
    public const ushort Extended = 0xffff;
}
