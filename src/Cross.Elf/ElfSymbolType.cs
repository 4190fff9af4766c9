namespace Cross.Elf;

/// <summary>ST_TYPE(st_info). Other values are preserved.</summary>
public enum ElfSymbolType : byte
{
    NoType = 0,
    Object = 1,
    Func = 2,
    Section = 3,
    File = 4,
    Common = 5,
    Tls = 6,
    GnuIFunc = 10,
}
