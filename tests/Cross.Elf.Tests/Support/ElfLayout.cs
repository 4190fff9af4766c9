namespace Cross.Elf.Tests.Support;

/// <summary>Byte offsets of ELF fields, so tests can corrupt one precisely.</summary>
public static class ElfLayout
{
    public static int HeaderSize(bool is64) => is64 ? 64 : 52;
    public static int ProgramHeaderSize(bool is64) => is64 ? 56 : 32;
    public static int SectionHeaderSize(bool is64) => is64 ? 64 : 40;
    public static int SymbolSize(bool is64) => is64 ? 24 : 16;

    // File header (e_*).
    public const int EType = 16;
    public const int EMachine = 18;
    public const int EVersion = 20;
    public const int EEntry = 24;
    public static int EPhOff(bool is64) => is64 ? 32 : 28;
    public static int EShOff(bool is64) => is64 ? 40 : 32;
    public static int EFlags(bool is64) => is64 ? 48 : 36;
    public static int EEhSize(bool is64) => is64 ? 52 : 40;
    public static int EPhEntSize(bool is64) => is64 ? 54 : 42;
    public static int EPhNum(bool is64) => is64 ? 56 : 44;
    public static int EShEntSize(bool is64) => is64 ? 58 : 46;
    public static int EShNum(bool is64) => is64 ? 60 : 48;
    public static int EShStrNdx(bool is64) => is64 ? 62 : 50;

    // Program header (p_*), relative to the entry.
    public const int PType = 0;
    public static int PFlags(bool is64) => is64 ? 4 : 24;
    public static int POffset(bool is64) => is64 ? 8 : 4;
    public static int PVAddr(bool is64) => is64 ? 16 : 8;
    public static int PFileSz(bool is64) => is64 ? 32 : 16;
    public static int PMemSz(bool is64) => is64 ? 40 : 20;
    public static int PAlign(bool is64) => is64 ? 48 : 28;

    // Section header (sh_*), relative to the entry.
    public const int ShName = 0;
    public const int ShType = 4;
    public static int ShOffset(bool is64) => is64 ? 24 : 16;
    public static int ShSize(bool is64) => is64 ? 32 : 20;
    public static int ShLink(bool is64) => is64 ? 40 : 24;
    public static int ShInfo(bool is64) => is64 ? 44 : 28;
    public static int ShAddrAlign(bool is64) => is64 ? 48 : 32;
    public static int ShEntSize(bool is64) => is64 ? 56 : 36;

    // Symbol (st_*), relative to the entry.
    public const int StName = 0;
}
