namespace Cross.Frontends.RiscV.Privileged;

/// <summary>What loads and stores do with addresses that are not naturally aligned.</summary>
public enum MisalignedAccessPolicy : byte
{
    /// <summary>
    /// Perform them, also across page boundaries (both pages are translated before anything is
    /// written). This is what QEMU 7.2's virt machine does; atomics and LR/SC still trap.
    /// </summary>
    Emulate,
    /// <summary>Raise load/store address-misaligned exceptions, for M-mode firmware to emulate.</summary>
    Trap,
}

/// <summary>Construction-time choices for one system-mode hart.</summary>
public sealed record RiscVHartOptions
{
    /// <summary>QEMU virt's reset vector (the MROM).</summary>
    public const ulong DefaultResetVector = 0x1000;

    /// <summary>mhartid, and a0 at reset.</summary>
    public ulong HartId { get; init; }

    /// <summary>Where the hart starts after <see cref="RiscVHart.Reset"/>.</summary>
    public ulong ResetPc { get; init; } = DefaultResetVector;

    /// <summary>
    /// The time CSR: mtime, in timebase ticks (10 MHz on QEMU virt). The board passes its CLINT's
    /// counter; null means a host monotonic clock at 10 MHz.
    /// </summary>
    public Func<ulong>? TimeSource { get; init; }

    public MisalignedAccessPolicy MisalignedAccesses { get; init; } = MisalignedAccessPolicy.Emulate;

    /// <summary>Whether satp accepts Sv48 (Sv39 and Bare always work).</summary>
    public bool Sv48 { get; init; } = true;
}
