using System.Diagnostics;
using Cross.Core.Devices;
using Cross.Core.Engine;
using Cross.Core.Memory;
using Cross.Frontends.RiscV.Mmu;

namespace Cross.Frontends.RiscV.Privileged;

/// <summary>
/// One RISC-V hart in system mode: the privilege level, the machine and supervisor CSRs, trap and
/// interrupt entry, xRET, and the MMU through which its code and data are accessed. Registers and
/// the PC live in <see cref="Context"/>'s guest state as in user mode; the hart is that context's
/// <see cref="GuestContext.FrontendData"/>, which is how the helpers of system-mode code find it.
/// Everything except the interrupt pins and <see cref="RequestWake"/> belongs to the thread that
/// runs the hart.
/// </summary>
public sealed partial class RiscVHart
{
    /// <summary>RV64 (MXL = 2) with A, C, D, F, I, M, S and U.</summary>
    public const ulong MisaValue = 2UL << 62
        | 1UL << ('A' - 'A') | 1UL << ('C' - 'A') | 1UL << ('D' - 'A') | 1UL << ('F' - 'A')
        | 1UL << ('I' - 'A') | 1UL << ('M' - 'A') | 1UL << ('S' - 'A') | 1UL << ('U' - 'A');

    private readonly ManualResetEventSlim _wake = new(false);

    public RiscVHart(IGuestMemory physicalMemory, RiscVHartOptions? options = null)
    {
        Options = options ?? new RiscVHartOptions();
        HartId = Options.HartId;
        TimeSource = Options.TimeSource ?? HostTime;
        Mmu = new RiscVMmu(this, physicalMemory, Options.MisalignedAccesses);
        Context = new GuestContext(new GuestState(RiscVState.Size), Mmu, RiscVState.Pc) { FrontendData = this };
        MachineSoftwareInterrupt = new InterruptPin(this, InterruptBits.Msip);
        MachineTimerInterrupt = new InterruptPin(this, InterruptBits.Mtip);
        MachineExternalInterrupt = new InterruptPin(this, InterruptBits.Meip);
        SupervisorExternalInterrupt = new InterruptPin(this, InterruptBits.Seip);
        Reset(Options.ResetPc, a0: HartId);
    }

    public RiscVHartOptions Options { get; }

    public ulong HartId { get; }

    /// <summary>Registers, PC and memory view (the MMU) that the engine runs.</summary>
    public GuestContext Context { get; }

    /// <summary>Virtual memory as this hart's code sees it, over the physical bus.</summary>
    public RiscVMmu Mmu { get; }

    public PrivilegeLevel Privilege { get; private set; }

    /// <summary>The time CSR (and the Sstc comparator) read mtime ticks from here.</summary>
    public Func<ulong> TimeSource { get; set; }

    /// <summary>Set when a WFI retired with no enabled interrupt pending; cleared when one is.</summary>
    public bool WaitingForInterrupt { get; internal set; }

    public ulong Pc
    {
        get => Context.Pc;
        set => Context.Pc = value;
    }

    public ulong X(int register) => register == 0 ? 0 : Context.State.Read64(RiscVState.X(register));

    public void SetX(int register, ulong value)
    {
        if (register != 0) Context.State.Write64(RiscVState.X(register), value);
    }

    /// <summary>
    /// Power-on reset: M-mode, every register zero except <paramref name="a0"/>-<paramref name="a2"/>
    /// (QEMU's reset ROM passes the hart id, the FDT address and fw_dynamic_info there), mstatus
    /// with MIE = MPRV = 0 and FS = Off, satp Bare, no delegation, interrupts disabled, PMP clear,
    /// counters zero. The interrupt pins keep their levels: they are wires from devices.
    /// </summary>
    public void Reset(ulong pc, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0)
    {
        Array.Clear(Context.State.Bytes);
        ClearReservation();
        SetX(RiscVState.A0, a0);
        SetX(RiscVState.A1, a1);
        SetX(RiscVState.A2, a2);
        Context.Pc = pc;
        Privilege = PrivilegeLevel.Machine;
        ResetCsrs();
        WaitingForInterrupt = false;
        InterruptStateChanged();
    }

    /// <summary>Drops any LR reservation (traps and xRET do, so an SC cannot pair across them).</summary>
    internal void ClearReservation()
    {
        var state = Context.State;
        state.Write(RiscVState.ReservationValid, 1, 0);
        state.Write64(RiscVState.ReservationAddress, ulong.MaxValue);
    }

    private static ulong HostTime() =>
        (ulong)(long)((Int128)Stopwatch.GetTimestamp() * Lowering.RiscVHelpers.TimeFrequency / Stopwatch.Frequency);

    /// <summary>An interrupt line into one mip bit. Safe to drive from any thread.</summary>
    private sealed class InterruptPin(RiscVHart hart, ulong bit) : IInterruptLine
    {
        public void Set(bool asserted) => hart.SetPin(bit, asserted);
    }
}
