namespace Cross.Elf;

/// <summary>Common note types. A note type is only meaningful together with its owner name.</summary>
public static class ElfNoteTypes
{
    /// <summary>Owner name of GNU notes.</summary>
    public const string GnuOwner = "GNU";
    public const uint GnuAbiTag = 1;
    public const uint GnuHwCap = 2;
    public const uint GnuBuildId = 3;
    public const uint GnuGoldVersion = 4;
    public const uint GnuPropertyType0 = 5;

    /// <summary>Owner name of Linux core-file notes.</summary>
    public const string CoreOwner = "CORE";
    public const uint CorePrStatus = 1;
    public const uint CorePrPsInfo = 3;
    public const uint CoreAuxv = 6;
    public const uint CoreFile = 0x46494c45;
}
