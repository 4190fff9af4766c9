namespace Cross.Elf;

/// <summary>ST_BIND(st_info). Other values are preserved.</summary>
public enum ElfSymbolBinding : byte
{
    Local = 0,
    Global = 1,
    Weak = 2,
    GnuUnique = 10,
}
