namespace Cross.Elf;

/// <summary>e_machine. Values not listed are preserved as their numeric value.</summary>
public enum ElfMachine : ushort
{
    None = 0,
    M32 = 1,
    Sparc = 2,
    I386 = 3,
    M68K = 4,
    M88K = 5,
    I860 = 7,
    Mips = 8,
    MipsRs3Le = 10,
    Parisc = 15,
    Sparc32Plus = 18,
    PowerPC = 20,
    PowerPC64 = 21,
    S390 = 22,
    Arm = 40,
    SuperH = 42,
    SparcV9 = 43,
    IA64 = 50,
    X86_64 = 62,
    Vax = 75,
    Avr = 83,
    Xtensa = 94,
    Msp430 = 105,
    Blackfin = 106,
    AArch64 = 183,
    RiscV = 243,
    Bpf = 247,
    LoongArch = 258,
}
