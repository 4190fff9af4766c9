using Cross.Core.Devices;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.Frontends.RiscV.Lowering;
using Cross.Frontends.RiscV.Privileged;

namespace Cross.Frontends.RiscV.SystemMode;

/// <summary>
/// One RISC-V hart in system mode, ready for a board to drive: the system-mode frontend and an
/// engine on a backend, over a <see cref="RiscVHart"/> whose MMU sits on the board's physical
/// bus. <see cref="Step"/> runs a time slice, taking traps and interrupts itself; the board wires
/// its CLINT and PLIC to the four interrupt pins and passes the CLINT's mtime as the time source.
/// <code>
/// var cpu = new RiscVSystemCpu(bus, backend, new RiscVHartOptions { HartId = 0, ResetPc = 0x1000, TimeSource = () => clint.Mtime });
/// clint.Connect(0, cpu.MachineSoftwareInterrupt, cpu.MachineTimerInterrupt);
/// plic.Connect(2 * 0, cpu.MachineExternalInterrupt); plic.Connect(2 * 0 + 1, cpu.SupervisorExternalInterrupt);
/// cpu.Reset(0x1000, a0: 0, a1: fdtAddress);
/// while (running) { var slice = cpu.Step(10_000); if (slice.Stop == RiscVStepStop.WaitingForInterrupt) IdleUntilNextTimer(); }
/// </code>
/// Run each hart on one thread; the pins, <see cref="RequestStop"/> and <see cref="RiscVHart.RequestWake"/>
/// may be used from any thread.
/// </summary>
public sealed class RiscVSystemCpu
{
    /// <summary>Budgets are capped here so the engine's instruction clock cannot overflow.</summary>
    public const long MaxBudget = long.MaxValue / 4;

    private volatile bool _stopRequested;

    public RiscVSystemCpu(IGuestMemory physicalMemory, IBackend backend, RiscVHartOptions? options = null, EngineOptions? engineOptions = null)
    {
        Hart = new RiscVHart(physicalMemory, options);
        Frontend = RiscVFrontend.CreateSystem();
        Engine = new ExecutionEngine(Frontend, backend, engineOptions);
        Engine.Watch(Hart.Mmu);
    }

    public RiscVHart Hart { get; }

    public RiscVFrontend Frontend { get; }

    public ExecutionEngine Engine { get; }

    public GuestContext Context => Hart.Context;

    public ulong HartId => Hart.HartId;

    public IInterruptLine MachineSoftwareInterrupt => Hart.MachineSoftwareInterrupt;

    public IInterruptLine MachineTimerInterrupt => Hart.MachineTimerInterrupt;

    public IInterruptLine MachineExternalInterrupt => Hart.MachineExternalInterrupt;

    public IInterruptLine SupervisorExternalInterrupt => Hart.SupervisorExternalInterrupt;

    /// <summary>True after a WFI until an interrupt enabled in mie is pending; <see cref="Step"/> returns at once meanwhile.</summary>
    public bool WaitingForInterrupt => Hart.WaitingForInterrupt;

    /// <summary>mtime ticks for the time CSR and Sstc.</summary>
    public Func<ulong> TimeSource
    {
        get => Hart.TimeSource;
        set => Hart.TimeSource = value;
    }

    /// <summary>The mtime value at which Sstc's stimecmp raises STIP, for runners that skip idle time (null: none armed).</summary>
    public ulong? SupervisorTimerDeadline => Hart.SupervisorTimerDeadline;

    public ulong Pc
    {
        get => Hart.Pc;
        set => Hart.Pc = value;
    }

    public PrivilegeLevel Privilege => Hart.Privilege;

    public long InstructionsRetired => Context.InstructionsRetired;

    public ulong X(int register) => Hart.X(register);

    public void SetX(int register, ulong value) => Hart.SetX(register, value);

    /// <summary>Resets the hart (see <see cref="RiscVHart.Reset"/>): M-mode at <paramref name="pc"/>, a0-a2 as given.</summary>
    public void Reset(ulong pc, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0)
    {
        Hart.Reset(pc, a0, a1, a2);
        _stopRequested = false;
    }

    /// <summary>Makes the current or next <see cref="Step"/> return at the next block boundary (any thread).</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        Context.ExitRequested = true;
        Hart.RequestWake();
    }

    /// <summary>Blocks until an interrupt wakes the hart from WFI, or <paramref name="timeout"/> passes (see <see cref="RiscVHart.WaitForWakeUp"/>).</summary>
    public bool WaitForInterrupt(TimeSpan timeout) => Hart.WaitForWakeUp(timeout);

    /// <summary>
    /// Runs about <paramref name="budget"/> instructions: takes pending interrupts at block
    /// boundaries, turns engine traps and faults into RISC-V exceptions (each one counts one
    /// against the budget), and returns early when the hart waits for an interrupt or a stop is
    /// requested. While waiting, it returns at once unless an interrupt enabled in mie is pending.
    /// </summary>
    public RiscVStepResult Step(long budget)
    {
        budget = Math.Clamp(budget, 0, MaxBudget);
        var context = Context;
        var startRetired = context.InstructionsRetired;
        long traps = 0;
        RiscVStepResult Result(RiscVStepStop stop)
        {
            var retired = context.InstructionsRetired - startRetired;
            return new RiscVStepResult(retired, retired + traps, stop);
        }

        Hart.UpdateSupervisorTimer();
        if (Hart.WaitingForInterrupt)
        {
            if (!Hart.WakeUpPending) return Result(_stopRequested ? TakeStop() : RiscVStepStop.WaitingForInterrupt);
            Hart.WaitingForInterrupt = false;
        }

        while (true)
        {
            if (_stopRequested) return Result(TakeStop());
            // Clear first, then look: a pin raised after the look requests another exit.
            context.ExitRequested = false;
            if (Hart.TryTakeInterrupt()) traps++;
            var remaining = budget - (context.InstructionsRetired - startRetired) - traps;
            if (remaining <= 0) return Result(RiscVStepStop.BudgetExhausted);

            var stop = Engine.Run(context, remaining);
            switch (stop.Kind)
            {
                case StopKind.BudgetExhausted:
                    return Result(RiscVStepStop.BudgetExhausted);
                case StopKind.ExitRequested:
                    continue;
                case StopKind.Trap when stop.Trap == TrapKind.Halt && stop.Detail == RiscVEmitter.HaltForWfi:
                    if (Hart.WakeUpPending) continue;
                    Hart.WaitingForInterrupt = true;
                    return Result(RiscVStepStop.WaitingForInterrupt);
                default:
                    Hart.TakeTrap(Hart.TrapFor(stop), stop.TrapPc);
                    traps++;
                    continue;
            }
        }
    }

    private RiscVStepStop TakeStop()
    {
        _stopRequested = false;
        return RiscVStepStop.StopRequested;
    }
}
