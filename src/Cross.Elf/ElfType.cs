namespace Cross.Elf;

/// <summary>e_type. OS- and processor-specific values are preserved as their numeric value.</summary>
public enum ElfType : ushort
{
    /// <summary>ET_NONE.</summary>
    None = 0,
    /// <summary>ET_REL: relocatable object file.</summary>
    Relocatable = 1,
    /// <summary>ET_EXEC: executable loaded at fixed addresses.</summary>
    Executable = 2,
    /// <summary>ET_DYN: shared object or position-independent executable.</summary>
    SharedObject = 3,
    /// <summary>ET_CORE: core dump.</summary>
    Core = 4,
}
