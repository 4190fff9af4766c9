namespace Cross.Frontends.RiscV.Privileged;

/// <summary>Synchronous exception codes of mcause/scause (interrupt bit clear).</summary>
public enum ExceptionCause : byte
{
    InstructionAddressMisaligned = 0,
    InstructionAccessFault = 1,
    IllegalInstruction = 2,
    Breakpoint = 3,
    LoadAddressMisaligned = 4,
    LoadAccessFault = 5,
    StoreAddressMisaligned = 6,
    StoreAccessFault = 7,
    EcallFromUser = 8,
    EcallFromSupervisor = 9,
    EcallFromMachine = 11,
    InstructionPageFault = 12,
    LoadPageFault = 13,
    StorePageFault = 15,
}

/// <summary>Interrupt codes of mcause/scause (interrupt bit set); also the bit numbers in mip/mie.</summary>
public enum InterruptCause : byte
{
    SupervisorSoftware = 1,
    MachineSoftware = 3,
    SupervisorTimer = 5,
    MachineTimer = 7,
    SupervisorExternal = 9,
    MachineExternal = 11,
}

/// <summary>The mip/mie bits of the six standard interrupts.</summary>
public static class InterruptBits
{
    public const ulong Ssip = 1UL << 1, Msip = 1UL << 3, Stip = 1UL << 5, Mtip = 1UL << 7, Seip = 1UL << 9, Meip = 1UL << 11;

    /// <summary>The supervisor-level interrupts: the only ones mideleg can delegate.</summary>
    public const ulong Supervisor = Ssip | Stip | Seip;

    /// <summary>All six.</summary>
    public const ulong All = Supervisor | Msip | Mtip | Meip;

    /// <summary>Priority order for interrupts pending at the same level (priv spec 3.1.9).</summary>
    public static ReadOnlySpan<byte> Priority =>
    [
        (byte)InterruptCause.MachineExternal, (byte)InterruptCause.MachineSoftware, (byte)InterruptCause.MachineTimer,
        (byte)InterruptCause.SupervisorExternal, (byte)InterruptCause.SupervisorSoftware, (byte)InterruptCause.SupervisorTimer,
    ];
}

/// <summary>A trap to take: an exception or interrupt code and the value for mtval/stval.</summary>
public readonly record struct RiscVTrap(ulong Code, bool IsInterrupt, ulong Value = 0)
{
    public static RiscVTrap Exception(ExceptionCause cause, ulong value = 0) => new((ulong)cause, false, value);

    public static RiscVTrap Interrupt(InterruptCause cause) => new((ulong)cause, true);

    /// <summary>The mcause/scause value: the code with bit 63 set for interrupts.</summary>
    public ulong Cause => IsInterrupt ? Code | 1UL << 63 : Code;

    public override string ToString() =>
        IsInterrupt ? $"interrupt {(InterruptCause)Code}" : $"exception {(ExceptionCause)Code} (tval 0x{Value:x})";
}
