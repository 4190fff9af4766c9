namespace Cross.Frontends.RiscV.Privileged;

// Interrupt pins, selection by priority and privilege, WFI wake-up and the Sstc comparator.
public sealed partial class RiscVHart
{
    /// <summary>MSIP, driven by the CLINT/ACLINT MSWI.</summary>
    public Core.Devices.IInterruptLine MachineSoftwareInterrupt { get; }

    /// <summary>MTIP, driven by the CLINT/ACLINT MTIMER (mtime ≥ mtimecmp).</summary>
    public Core.Devices.IInterruptLine MachineTimerInterrupt { get; }

    /// <summary>MEIP, driven by the PLIC's M-mode context of this hart.</summary>
    public Core.Devices.IInterruptLine MachineExternalInterrupt { get; }

    /// <summary>SEIP, driven by the PLIC's S-mode context of this hart (ORed with the software-written bit).</summary>
    public Core.Devices.IInterruptLine SupervisorExternalInterrupt { get; }

    /// <summary>True when an interrupt is pending and enabled in mie: what ends a WFI, whatever the global enables say.</summary>
    public bool WakeUpPending => (InterruptsPending & _mie) != 0;

    /// <summary>
    /// The interrupt the hart would take now, or null. M-level interrupts (those not delegated)
    /// are enabled in M-mode by mstatus.MIE and always below M; delegated ones are enabled in
    /// S-mode by mstatus.SIE, always in U-mode and never in M-mode. M-level ones go first; within
    /// a level the order is MEI, MSI, MTI, SEI, SSI, STI.
    /// </summary>
    public RiscVTrap? PendingInterrupt()
    {
        var pending = InterruptsPending & _mie;
        if (pending == 0) return null;
        var machineEnabled = Privilege != PrivilegeLevel.Machine || (_mstatus & MStatus.Mie) != 0;
        var machine = pending & ~_mideleg;
        if (machineEnabled && machine != 0) return Highest(machine);
        var supervisorEnabled = Privilege == PrivilegeLevel.User
            || (Privilege == PrivilegeLevel.Supervisor && (_mstatus & MStatus.Sie) != 0);
        var supervisor = pending & _mideleg;
        if (supervisorEnabled && supervisor != 0) return Highest(supervisor);
        return null;
    }

    private static RiscVTrap Highest(ulong bits)
    {
        foreach (var cause in InterruptBits.Priority)
            if ((bits >> cause & 1) != 0) return RiscVTrap.Interrupt((InterruptCause)cause);
        throw new InvalidOperationException($"no standard interrupt in 0x{bits:x}");
    }

    /// <summary>Takes the pending interrupt, if any, at the current PC. Returns whether one was taken.</summary>
    public bool TryTakeInterrupt()
    {
        if (PendingInterrupt() is not { } interrupt) return false;
        TakeTrap(interrupt, Context.Pc);
        return true;
    }

    /// <summary>
    /// Called when something that decides whether an interrupt can be taken changed on the hart's
    /// thread (a CSR write, xRET): asks the engine to stop before the next block if one can.
    /// </summary>
    internal void InterruptStateChanged()
    {
        if (PendingInterrupt() is not null) Context.ExitRequested = true;
    }

    private void SetPin(ulong bit, bool asserted)
    {
        if (asserted)
        {
            var before = Interlocked.Or(ref _pins, (long)bit);
            if ((before & (long)bit) != 0) return;
            Context.ExitRequested = true;
            _wake.Set();
        }
        else
        {
            Interlocked.And(ref _pins, ~(long)bit);
        }
    }

    /// <summary>
    /// Sstc: recomputes STIP from time ≥ stimecmp while menvcfg.STCE is set. The runner calls this
    /// (through RiscVSystemCpu.Step) whenever time may have moved; CSR writes call it too.
    /// </summary>
    public void UpdateSupervisorTimer()
    {
        var pending = SstcEnabled && TimeSource() >= _stimecmp;
        if (pending == _sstcPending) return;
        _sstcPending = pending;
        if (pending) InterruptStateChanged();
    }

    /// <summary>The mtime value at which the Sstc comparator will raise STIP, or null when it is off or already pending.</summary>
    public ulong? SupervisorTimerDeadline => SstcEnabled && !_sstcPending ? _stimecmp : null;

    /// <summary>Wakes a thread blocked in <see cref="WaitForWakeUp"/> (any thread may call this).</summary>
    public void RequestWake() => _wake.Set();

    /// <summary>
    /// Blocks the calling thread until an enabled interrupt is pending, <see cref="RequestWake"/>
    /// is called, or <paramref name="timeout"/> passes. Returns whether an interrupt is pending.
    /// For runners that idle on host time while the hart waits in WFI.
    /// </summary>
    public bool WaitForWakeUp(TimeSpan timeout)
    {
        _wake.Reset();
        UpdateSupervisorTimer();
        if (WakeUpPending) return true;
        _wake.Wait(timeout);
        UpdateSupervisorTimer();
        return WakeUpPending;
    }
}
