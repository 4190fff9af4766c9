using Cross.Core.Devices;
using Cross.Core.Memory;
using Cross.Frontends.RiscV.Csr;
using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.SystemMode;
using Cross.Frontends.RiscV.Tests.TestSupport;

namespace Cross.Frontends.RiscV.Tests.Privileged;

/// <summary>Interrupts: pins, priority, enables per privilege, delegation, vectoring, WFI and the Sstc timer.</summary>
public sealed class InterruptTests
{
    private const ulong InterruptBit = 1UL << 63;

    [Theory, AllBackends]
    public void VectoredMtvecSendsInterruptsToTheirSlotAndExceptionsToTheBase(string backend)
    {
        const string program = """
                la t0, vectors
                ori t0, t0, 1
                csrw mtvec, t0
                li t0, 1 << 7          # MTIE
                csrw mie, t0
                beqz a5, interrupts
            exception:
                ecall
            interrupts:
                csrsi mstatus, 8       # MIE: the pending timer interrupt is taken after this
            after:
                j after
                .align 2
                .option push
                .option norvc
            vectors:
                j base
                j bad
                j bad
                j bad
                j bad
                j bad
                j bad
                j timer
                .option pop
            bad:
                li s4, 99
                FINISH
            base:
                RECORD_TRAP
                FINISH
            timer:
                RECORD_TRAP
                li s5, 7
                FINISH
            """;
        var m = new SystemMachine(backend).Load(program);
        m.Hart.MachineTimerInterrupt.Set(true);
        m.RunToFinish();
        Assert.Equal(InterruptBit | 7, m.X(Reg.S0));
        Assert.Equal(7UL, m.X(Reg.S5));
        Assert.Equal(m.Symbol("after"), m.X(Reg.S2));
        Assert.Equal(0UL, m.X(Reg.S1));

        var e = new SystemMachine(backend).Load(program).SetX(Reg.A5, 1);
        e.RunToFinish();
        Assert.Equal((ulong)ExceptionCause.EcallFromMachine, e.X(Reg.S0));
        Assert.Equal(e.Symbol("exception"), e.X(Reg.S2));
    }

    [Fact]
    public void PriorityIsMeiMsiMtiSeiSsiStiAndMachineLevelFirst()
    {
        var hart = new RiscVHart(new PhysicalBus());
        hart.WriteCsr(CsrFile.Mie, InterruptBits.All);
        hart.WriteCsr(CsrFile.Mstatus, 1 << 3); // MIE
        hart.WriteCsr(CsrFile.Mip, InterruptBits.Supervisor);
        hart.MachineSoftwareInterrupt.Set(true);
        hart.MachineTimerInterrupt.Set(true);
        hart.MachineExternalInterrupt.Set(true);

        var order = new List<InterruptCause>();
        while (hart.PendingInterrupt() is { } interrupt)
        {
            var cause = (InterruptCause)interrupt.Code;
            order.Add(cause);
            switch (cause)
            {
                case InterruptCause.MachineExternal: hart.MachineExternalInterrupt.Set(false); break;
                case InterruptCause.MachineSoftware: hart.MachineSoftwareInterrupt.Set(false); break;
                case InterruptCause.MachineTimer: hart.MachineTimerInterrupt.Set(false); break;
                default: hart.WriteCsr(CsrFile.Mip, hart.ReadCsr(CsrFile.Mip) & ~(1UL << (int)cause)); break;
            }
        }
        Assert.Equal([InterruptCause.MachineExternal, InterruptCause.MachineSoftware, InterruptCause.MachineTimer,
            InterruptCause.SupervisorExternal, InterruptCause.SupervisorSoftware, InterruptCause.SupervisorTimer], order);
    }

    [Fact]
    public void EnablesDependOnPrivilegeAndDelegation()
    {
        var hart = new RiscVHart(new PhysicalBus());
        hart.WriteCsr(CsrFile.Mie, InterruptBits.All);
        hart.WriteCsr(CsrFile.Mideleg, InterruptBits.Stip);
        hart.WriteCsr(CsrFile.Mip, InterruptBits.Stip);
        // M-mode: a delegated interrupt is never taken in M, whatever MIE says.
        hart.WriteCsr(CsrFile.Mstatus, 1 << 3);
        Assert.Null(hart.PendingInterrupt());
        // An M-level one is, when MIE is set.
        hart.MachineTimerInterrupt.Set(true);
        Assert.Equal(RiscVTrap.Interrupt(InterruptCause.MachineTimer), hart.PendingInterrupt());
        hart.WriteCsr(CsrFile.Mstatus, 0);
        Assert.Null(hart.PendingInterrupt());
        // Masked in mie: nothing, and WFI would not wake.
        hart.WriteCsr(CsrFile.Mie, 0);
        Assert.False(hart.WakeUpPending);
        hart.WriteCsr(CsrFile.Mie, InterruptBits.Mtip);
        Assert.True(hart.WakeUpPending);
    }

    [Theory, AllBackends]
    public void MachineInterruptsPreemptSupervisorModeWhateverMie(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                li t0, 1 << 11         # MEIE; MIE stays 0
                csrw mie, t0
                ENTER_S kernel
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            kernel:
                j kernel
            """);
        m.Hart.MachineExternalInterrupt.Set(true);
        m.RunToFinish();
        Assert.Equal(InterruptBit | 11, m.X(Reg.S0));
        Assert.Equal(m.Symbol("kernel"), m.X(Reg.S2));
        Assert.Equal(1UL, (m.X(Reg.S3) >> 11) & 3); // MPP = S
    }

    [Theory, AllBackends]
    public void DelegatedInterruptsWaitForSupervisorSie(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC mhandler
                li t0, 1 << 5          # STIP: delegated, enabled, pending (software-set by M)
                csrw mideleg, t0
                csrw mie, t0
                csrw mip, t0
                csrsi mstatus, 8       # MIE: still not taken in M-mode
                li s4, 1
                ENTER_S kernel
                .align 2
            mhandler:
                li s6, 99
                FINISH
                .align 2
            shandler:
                SRECORD_TRAP
                FINISH
            kernel:
                SET_STVEC shandler
                li s4, 2               # SIE = 0: masked
                csrsi sstatus, 2       # now taken, after this instruction
            enabled:
                li s4, 3
                j enabled
            """).RunToFinish();
        Assert.Equal(InterruptBit | 5, m.X(Reg.S0));
        Assert.Equal(m.Symbol("enabled"), m.X(Reg.S2));
        Assert.Equal(2UL, m.X(Reg.S4));
        Assert.Equal(0UL, m.X(Reg.S6));
        Assert.Equal(PrivilegeLevel.Supervisor, m.Cpu.Privilege);
    }

    [Theory, AllBackends]
    public void SoftwareSetInterruptsAreTakenInPriorityOrder(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                la s4, log
                li t0, 0x222           # SEIP, SSIP, STIP: M-level (not delegated)
                csrw mie, t0
                csrw mip, t0
                csrsi mstatus, 8
                nop
                li s5, 1
                FINISH
                .align 2
            handler:
                csrr t0, mcause
                sd t0, 0(s4)
                addi s4, s4, 8
                li t1, 1
                sll t1, t1, t0         # the shift uses the low bits of the cause
                csrc mip, t1
                mret
                .align 3
            log:
                .dword 0, 0, 0, 0
            """).RunToFinish();
        var log = m.Symbol("log");
        Assert.Equal([InterruptBit | 9, InterruptBit | 1, InterruptBit | 5, 0UL],
            [m.Read(log, 8), m.Read(log + 8, 8), m.Read(log + 16, 8), m.Read(log + 24, 8)]);
        Assert.Equal(1UL, m.X(Reg.S5));
    }

    [Theory, AllBackends]
    public void WfiWaitsUntilAnEnabledInterruptIsPending(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                li t0, 1 << 7          # MTIE, but MIE = 0: WFI wakes up and continues
                csrw mie, t0
                li a1, 1
            sleep:
                wfi
                li a1, 2
                FINISH
            """);
        var first = m.Run();
        Assert.Equal(RiscVStepStop.WaitingForInterrupt, first.Stop);
        Assert.True(m.Cpu.WaitingForInterrupt);
        Assert.Equal(m.Symbol("sleep") + 4, m.Cpu.Pc);
        Assert.Equal(1UL, m.X(Reg.A1));

        var idle = m.Cpu.Step(1000);
        Assert.Equal(new RiscVStepResult(0, 0, RiscVStepStop.WaitingForInterrupt), idle);

        m.Hart.MachineSoftwareInterrupt.Set(true); // not enabled in mie: still asleep
        Assert.Equal(RiscVStepStop.WaitingForInterrupt, m.Cpu.Step(1000).Stop);

        m.Hart.MachineTimerInterrupt.Set(true);
        m.RunToFinish();
        Assert.False(m.Cpu.WaitingForInterrupt);
        Assert.Equal(2UL, m.X(Reg.A1));
    }

    [Theory, AllBackends]
    public void AnInterruptWakingWfiIsTakenAfterIt(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                li t0, 1 << 11
                csrw mie, t0
                csrsi mstatus, 8
                wfi
            after:
                j after
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            """);
        Assert.Equal(RiscVStepStop.WaitingForInterrupt, m.Run().Stop);
        m.Hart.MachineExternalInterrupt.Set(true);
        m.RunToFinish();
        Assert.Equal(InterruptBit | 11, m.X(Reg.S0));
        Assert.Equal(m.Symbol("after"), m.X(Reg.S2));
    }

    [Fact]
    public async Task WaitForInterruptBlocksUntilAPinIsRaised()
    {
        var m = new SystemMachine(TestBackends.All[0]);
        m.Hart.WriteCsr(CsrFile.Mie, InterruptBits.Meip);
        Assert.False(m.Cpu.WaitForInterrupt(TimeSpan.FromMilliseconds(1)));
        var raise = Task.Run(async () =>
        {
            await Task.Delay(20);
            m.Hart.MachineExternalInterrupt.Set(true);
        });
        Assert.True(m.Cpu.WaitForInterrupt(TimeSpan.FromSeconds(10)));
        await raise;
    }

    [Theory, AllBackends]
    public void AnInterruptRaisedByAnMmioWriteIsTakenAtTheNextBlock(string backend)
    {
        var m = new SystemMachine(backend);
        var line = new InterruptLine(level => m.Hart.MachineExternalInterrupt.Set(level));
        m.Bus.AddMmio("irq", 0x20_0000, 0x1000, new LineDevice(line));
        m.Load("""
                SET_MTVEC handler
                li t0, 1 << 11
                csrw mie, t0
                csrsi mstatus, 8
                li t1, 0x200000
                li t2, 1
                sw t2, 0(t1)           # raises MEIP
            spin:
                addi a1, a1, 1
                j spin
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            """);
        var result = m.Cpu.Step(100_000);
        Assert.True(m.Finisher.Finished);
        Assert.Equal(InterruptBit | 11, m.X(Reg.S0));
        Assert.True(result.InstructionsRetired < 100, $"taken after {result.InstructionsRetired} instructions");
    }

    [Theory, AllBackends]
    public void SstcComparatorRaisesStip(string backend)
    {
        var m = new SystemMachine(backend) { Time = 500 };
        m.Load("""
                SET_MTVEC mhandler
                li t0, 1 << 63         # STCE
                csrw CSR_MENVCFG, t0
                li t0, 2               # TM for S-mode
                csrw mcounteren, t0
                li t0, 1000
                csrw CSR_STIMECMP, t0
                csrr s4, mip           # 500 < 1000: not pending
                li t0, 1 << 5
                csrw mideleg, t0
                csrw mie, t0
                csrs mip, t0           # STIP is read-only while STCE is set
                csrr s5, mip
                ENTER_S kernel
                .align 2
            mhandler:
                li s6, 99
                FINISH
                .align 2
            shandler:
                SRECORD_TRAP
                csrr s7, CSR_STIMECMP
                li t0, -1
                csrw CSR_STIMECMP, t0  # far future: STIP drops
                csrr s8, sip
                FINISH
            kernel:
                SET_STVEC shandler
                csrsi sstatus, 2
            wait:
                wfi
                j wait
            """);
        Assert.Equal(RiscVStepStop.WaitingForInterrupt, m.Run().Stop);
        Assert.Equal(1000UL, m.Cpu.SupervisorTimerDeadline);
        m.Time = 1000;
        m.RunToFinish();
        Assert.Equal(0UL, m.X(Reg.S4) & InterruptBits.Stip);
        Assert.Equal(0UL, m.X(Reg.S5) & InterruptBits.Stip);
        Assert.Equal(InterruptBit | 5, m.X(Reg.S0));
        Assert.Equal(1000UL, m.X(Reg.S7));
        Assert.Equal(0UL, m.X(Reg.S8));
        Assert.Equal(0UL, m.X(Reg.S6));
    }

    [Theory, AllBackends]
    public void StimecmpFromSupervisorNeedsStceAndTm(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                li t0, 2               # TM, but STCE is off
                csrw mcounteren, t0
                ENTER_S kernel
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            kernel:
                csrr a1, CSR_STIMECMP
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.X(Reg.S0));
        Assert.Equal(m.Symbol("kernel"), m.X(Reg.S2));
    }

    private sealed class LineDevice(IInterruptLine line) : IMmioDevice
    {
        public ulong Read(ulong offset, int size) => 0;

        public void Write(ulong offset, int size, ulong value) => line.Set(value != 0);
    }
}
