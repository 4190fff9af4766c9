namespace Cross.Elf;

/// <summary>EI_OSABI. Values not listed are preserved as their numeric value.</summary>
public enum ElfOsAbi : byte
{
    SystemV = 0,
    HpUx = 1,
    NetBsd = 2,
    /// <summary>ELFOSABI_GNU (also called ELFOSABI_LINUX).</summary>
    Gnu = 3,
    Solaris = 6,
    Aix = 7,
    Irix = 8,
    FreeBsd = 9,
    Tru64 = 10,
    Modesto = 11,
    OpenBsd = 12,
    ArmAeabi = 64,
    Arm = 97,
    Standalone = 255,
}
