namespace Cross.Elf;

/// <summary>ST_VISIBILITY(st_other).</summary>
public enum ElfSymbolVisibility : byte
{
    Default = 0,
    Internal = 1,
    Hidden = 2,
    Protected = 3,
}
