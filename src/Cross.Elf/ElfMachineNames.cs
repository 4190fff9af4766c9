namespace Cross.Elf;

/// <summary>Human-readable names for <see cref="ElfMachine"/> values, for error messages.</summary>
public static class ElfMachineNames
{
    /// <summary>The EM_* constant name, or null when the value is not one we know.</summary>
    public static string? GetConstantName(ElfMachine machine) => machine switch
    {
        ElfMachine.None => "EM_NONE",
        ElfMachine.M32 => "EM_M32",
        ElfMachine.Sparc => "EM_SPARC",
        ElfMachine.I386 => "EM_386",
        ElfMachine.M68K => "EM_68K",
        ElfMachine.M88K => "EM_88K",
        ElfMachine.I860 => "EM_860",
        ElfMachine.Mips => "EM_MIPS",
        ElfMachine.MipsRs3Le => "EM_MIPS_RS3_LE",
        ElfMachine.Parisc => "EM_PARISC",
        ElfMachine.Sparc32Plus => "EM_SPARC32PLUS",
        ElfMachine.PowerPC => "EM_PPC",
        ElfMachine.PowerPC64 => "EM_PPC64",
        ElfMachine.S390 => "EM_S390",
        ElfMachine.Arm => "EM_ARM",
        ElfMachine.SuperH => "EM_SH",
        ElfMachine.SparcV9 => "EM_SPARCV9",
        ElfMachine.IA64 => "EM_IA_64",
        ElfMachine.X86_64 => "EM_X86_64",
        ElfMachine.Vax => "EM_VAX",
        ElfMachine.Avr => "EM_AVR",
        ElfMachine.Xtensa => "EM_XTENSA",
        ElfMachine.Msp430 => "EM_MSP430",
        ElfMachine.Blackfin => "EM_BLACKFIN",
        ElfMachine.AArch64 => "EM_AARCH64",
        ElfMachine.RiscV => "EM_RISCV",
        ElfMachine.Bpf => "EM_BPF",
        ElfMachine.LoongArch => "EM_LOONGARCH",
        _ => null,
    };

    /// <summary>
    /// "EM_386 (3)" for known machines, "unknown (1234)" otherwise; reads naturally in
    /// messages such as "unsupported machine type EM_386 (3)".
    /// </summary>
    public static string Describe(ElfMachine machine)
    {
        var number = (ushort)machine;
        return GetConstantName(machine) is { } name ? $"{name} ({number})" : $"unknown ({number})";
    }
}
