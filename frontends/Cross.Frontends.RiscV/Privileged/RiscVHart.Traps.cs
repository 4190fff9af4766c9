using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Frontends.RiscV.Privileged;

// Trap entry, xRET, WFI and SFENCE.VMA: the rules of priv spec chapters 3 and 4.
public sealed partial class RiscVHart
{
    /// <summary>
    /// The RISC-V trap for an engine stop: an ecall (by privilege), a breakpoint, an illegal
    /// instruction (tval = its bits), or a memory fault (tval = the virtual address). Memory
    /// faults map by reason: <see cref="MemoryFaultReason.Misaligned"/> to address-misaligned,
    /// <see cref="MemoryFaultReason.Permission"/> to a page fault (the MMU is the only source of
    /// permission faults: the bus has none and PMP is not enforced), anything else (nothing on the
    /// bus, a page-table walk that hit nothing) to an access fault.
    /// </summary>
    public RiscVTrap TrapFor(StopReason stop) => stop.Kind switch
    {
        StopKind.Trap => stop.Trap switch
        {
            TrapKind.SystemCall => RiscVTrap.Exception(Privilege switch
            {
                PrivilegeLevel.User => ExceptionCause.EcallFromUser,
                PrivilegeLevel.Supervisor => ExceptionCause.EcallFromSupervisor,
                _ => ExceptionCause.EcallFromMachine,
            }),
            TrapKind.Breakpoint => RiscVTrap.Exception(ExceptionCause.Breakpoint, stop.TrapPc),
            TrapKind.IllegalInstruction => RiscVTrap.Exception(ExceptionCause.IllegalInstruction, stop.Detail),
            _ => throw new ArgumentException($"{stop.Trap} is not a RISC-V exception", nameof(stop)),
        },
        StopKind.MemoryFault => TrapFor(stop.Fault ?? throw new ArgumentException("memory fault without its exception", nameof(stop))),
        _ => throw new ArgumentException($"{stop.Kind} is not a trap", nameof(stop)),
    };

    public static RiscVTrap TrapFor(GuestMemoryFaultException fault)
    {
        var cause = (fault.Reason, fault.Access) switch
        {
            (MemoryFaultReason.Misaligned, MemoryAccessType.Read) => ExceptionCause.LoadAddressMisaligned,
            (MemoryFaultReason.Misaligned, MemoryAccessType.Write) => ExceptionCause.StoreAddressMisaligned,
            (MemoryFaultReason.Misaligned, _) => ExceptionCause.InstructionAddressMisaligned,
            (MemoryFaultReason.Permission, MemoryAccessType.Read) => ExceptionCause.LoadPageFault,
            (MemoryFaultReason.Permission, MemoryAccessType.Write) => ExceptionCause.StorePageFault,
            (MemoryFaultReason.Permission, _) => ExceptionCause.InstructionPageFault,
            (_, MemoryAccessType.Read) => ExceptionCause.LoadAccessFault,
            (_, MemoryAccessType.Write) => ExceptionCause.StoreAccessFault,
            _ => ExceptionCause.InstructionAccessFault,
        };
        return RiscVTrap.Exception(cause, fault.Address);
    }

    /// <summary>
    /// Takes <paramref name="trap"/> with <paramref name="epc"/> as the interrupted PC: to S-mode when
    /// the hart is below M and medeleg/mideleg delegate it, else to M-mode. Saves the interrupt enable
    /// and the previous privilege, writes cause/epc/tval and jumps to the (possibly vectored) handler.
    /// </summary>
    public void TakeTrap(RiscVTrap trap, ulong epc)
    {
        var delegation = trap.IsInterrupt ? _mideleg : _medeleg;
        var delegated = Privilege != PrivilegeLevel.Machine && trap.Code < 64 && (delegation >> (int)trap.Code & 1) != 0;
        var status = _mstatus;
        ulong vector;
        if (delegated)
        {
            _scause = trap.Cause;
            _sepc = epc & ~1UL;
            _stval = trap.Value;
            status &= ~(MStatus.Spie | MStatus.Sie | MStatus.Spp);
            if ((_mstatus & MStatus.Sie) != 0) status |= MStatus.Spie;
            if (Privilege == PrivilegeLevel.Supervisor) status |= MStatus.Spp;
            Privilege = PrivilegeLevel.Supervisor;
            vector = _stvec;
        }
        else
        {
            _mcause = trap.Cause;
            _mepc = epc & ~1UL;
            _mtval = trap.Value;
            status &= ~(MStatus.Mpie | MStatus.Mie | MStatus.Mpp);
            if ((_mstatus & MStatus.Mie) != 0) status |= MStatus.Mpie;
            status |= (ulong)Privilege << MStatus.MppShift;
            Privilege = PrivilegeLevel.Machine;
            vector = _mtvec;
        }
        _mstatus = status;
        var handler = vector & ~3UL;
        if ((vector & 3) == 1 && trap.IsInterrupt) handler += 4 * trap.Code;
        Context.Pc = handler;
        ClearReservation();
        WaitingForInterrupt = false;
    }

    /// <summary>mret: back to mstatus.MPP with MIE = MPIE; MPIE = 1, MPP = U, MPRV cleared unless returning to M. Returns mepc.</summary>
    internal ulong ReturnFromMachine()
    {
        var status = _mstatus;
        var target = MStatus.MppOf(status);
        status &= ~(MStatus.Mie | MStatus.Mpp);
        if ((_mstatus & MStatus.Mpie) != 0) status |= MStatus.Mie;
        status |= MStatus.Mpie;
        if (target != PrivilegeLevel.Machine) status &= ~MStatus.Mprv;
        _mstatus = status;
        Privilege = target;
        ClearReservation();
        InterruptStateChanged();
        return _mepc;
    }

    /// <summary>sret (S or M mode; illegal in S-mode when mstatus.TSR): back to SPP with SIE = SPIE. Returns sepc.</summary>
    internal ulong ReturnFromSupervisor(ulong instructionBits)
    {
        if (Privilege == PrivilegeLevel.Supervisor && (_mstatus & MStatus.Tsr) != 0)
            throw new GuestTrapException(TrapKind.IllegalInstruction, instructionBits);
        var status = _mstatus;
        var target = (status & MStatus.Spp) != 0 ? PrivilegeLevel.Supervisor : PrivilegeLevel.User;
        status &= ~(MStatus.Sie | MStatus.Spp | MStatus.Mprv);
        if ((_mstatus & MStatus.Spie) != 0) status |= MStatus.Sie;
        status |= MStatus.Spie;
        _mstatus = status;
        Privilege = target;
        ClearReservation();
        InterruptStateChanged();
        return _sepc;
    }

    /// <summary>wfi in S-mode is illegal when mstatus.TW is set (U-mode was rejected at translation).</summary>
    internal void CheckWaitForInterrupt(ulong instructionBits)
    {
        if (Privilege == PrivilegeLevel.Supervisor && (_mstatus & MStatus.Tw) != 0)
            throw new GuestTrapException(TrapKind.IllegalInstruction, instructionBits);
    }

    /// <summary>
    /// sfence.vma (illegal in S-mode when mstatus.TVM): flushes the TLB entries of one page, or all
    /// of them when rs1 is x0. The ASID is not looked at: flushing more is always allowed.
    /// </summary>
    internal void FenceVirtualMemory(ulong instructionBits, bool hasAddress, ulong address)
    {
        if (Privilege == PrivilegeLevel.Supervisor && (_mstatus & MStatus.Tvm) != 0)
            throw new GuestTrapException(TrapKind.IllegalInstruction, instructionBits);
        if (hasAddress) Mmu.Flush(address);
        else Mmu.FlushAll();
    }
}
