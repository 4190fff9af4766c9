namespace Cross.Elf;

/// <summary>RISC-V meanings of e_flags (see the RISC-V ELF psABI).</summary>
[Flags]
public enum ElfRiscVFlags : uint
{
    None = 0,
    /// <summary>EF_RISCV_RVC: the file uses compressed instructions.</summary>
    Rvc = 0x1,
    /// <summary>EF_RISCV_FLOAT_ABI mask; compare the masked value with the FloatAbi* members.</summary>
    FloatAbiMask = 0x6,
    FloatAbiSoft = 0x0,
    FloatAbiSingle = 0x2,
    FloatAbiDouble = 0x4,
    FloatAbiQuad = 0x6,
    /// <summary>EF_RISCV_RVE: the RV32E/RV64E register subset.</summary>
    Rve = 0x8,
    /// <summary>EF_RISCV_TSO: total store ordering.</summary>
    Tso = 0x10,
}
