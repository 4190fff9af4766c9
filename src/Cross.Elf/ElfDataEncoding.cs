namespace Cross.Elf;

/// <summary>EI_DATA: byte order of the file. Only little-endian files are parsed.</summary>
public enum ElfDataEncoding : byte
{
    LittleEndian = 1,
    BigEndian = 2,
}
