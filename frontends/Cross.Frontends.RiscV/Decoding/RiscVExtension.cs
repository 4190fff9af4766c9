namespace Cross.Frontends.RiscV.Decoding;

/// <summary>The ISA extension an encoding belongs to.</summary>
public enum RiscVExtension : byte
{
    I,
    M,
    A,
    F,
    D,
    C,
    Zicsr,
    Zifencei,
    Zba,
    Zbb,
    Zbs,
    /// <summary>mret, sret, wfi, sfence.vma: system mode only (not in <see cref="RiscVEncodings.All"/>).</summary>
    Privileged,
}
