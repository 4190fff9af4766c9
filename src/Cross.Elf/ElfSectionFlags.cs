namespace Cross.Elf;

/// <summary>sh_flags. Other bits are preserved.</summary>
[Flags]
public enum ElfSectionFlags : ulong
{
    None = 0,
    Write = 0x1,
    Alloc = 0x2,
    ExecInstr = 0x4,
    Merge = 0x10,
    Strings = 0x20,
    InfoLink = 0x40,
    LinkOrder = 0x80,
    OsNonConforming = 0x100,
    Group = 0x200,
    Tls = 0x400,
    Compressed = 0x800,
    /// <summary>SHF_GNU_RETAIN: keep the section through linker garbage collection.</summary>
    GnuRetain = 0x200000,
    /// <summary>SHF_EXCLUDE: omit the section from the linked output.</summary>
    Exclude = 0x80000000,
}
