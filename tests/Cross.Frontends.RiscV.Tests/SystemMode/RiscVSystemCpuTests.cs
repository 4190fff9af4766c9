using Cross.Core.Memory;
using Cross.Frontends.RiscV.Csr;
using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.SystemMode;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.PageTableBuilder;
using static Cross.Frontends.RiscV.Tests.TestSupport.PagedMachine;

namespace Cross.Frontends.RiscV.Tests.SystemMode;

/// <summary>The CPU as a board drives it: a small OS-shaped program, time slices, stop requests, reset.</summary>
public sealed class RiscVSystemCpuTests
{
    public static TheoryData<string, int> Modes => BothModes();

    [Theory, MemberData(nameof(Modes))]
    public void AUserProgramUnderSupervisorPagingMakesASystemCall(string backend, int levels)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC mtrap
                li t0, 1 << 8          # ecall from U goes to the kernel
                csrw medeleg, t0
                csrw satp, a0
                sfence.vma
                ENTER_S kernel
                .align 2
            mtrap:
                RECORD_TRAP
                li s11, 1
                FINISH
                .align 2
            strap:
                SRECORD_TRAP
                mv s4, a7              # the system call number
                li t0, 0x401000
                ld s5, 0(t0)           # what the program stored (SUM is set)
                FINISH
            kernel:
                SET_STVEC strap
                li t0, 1 << 18         # SUM
                csrs sstatus, t0
                li t0, 0x100           # SPP = U
                csrc sstatus, t0
                li t0, 0x400000
                csrw sepc, t0
                sret
                .align 12
            program:
                li a1, 0x401000
                li a2, 0x1234
                sd a2, 0(a1)
                li a7, 93
            syscall:
                ecall
            """);
        var tables = m.PageTables(levels);
        MapBase(tables);
        tables.Map(0x40_0000, m.Symbol("program"), V | R | X | U | A);
        var data = tables.Map(0x40_1000, Frame1, V | R | W | U);
        m.SetX(Reg.A0, tables.Satp(asid: 1));
        m.RunToFinish();

        Assert.Equal(0UL, m.X(Reg.S11));
        Assert.Equal((ulong)ExceptionCause.EcallFromUser, m.X(Reg.S0));
        Assert.Equal(m.Symbol("syscall") - m.Symbol("program") + 0x40_0000, m.X(Reg.S2));
        Assert.Equal(0UL, m.X(Reg.S3) & (1 << 8)); // SPP = U
        Assert.Equal(93UL, m.X(Reg.S4));
        Assert.Equal(0x1234UL, m.X(Reg.S5));
        Assert.Equal(0x1234UL, m.Read(Frame1, 8));
        Assert.Equal(A | D, m.Read(data, 8) & (A | D));
        Assert.Equal(PrivilegeLevel.Supervisor, m.Cpu.Privilege);
    }

    [Theory, AllBackends]
    public void StepStopsAtTheBudget(string backend)
    {
        var m = new SystemMachine(backend).Load("""
            loop:
                addi a1, a1, 1
                j loop
            """);
        var result = m.Cpu.Step(1000);
        Assert.Equal(RiscVStepStop.BudgetExhausted, result.Stop);
        Assert.InRange(result.InstructionsRetired, 1000, 1100);
        Assert.Equal(result.InstructionsRetired, result.BudgetUsed);
        Assert.Equal((ulong)result.InstructionsRetired, m.Csr(CsrFile.Minstret));
    }

    [Theory, AllBackends]
    public void ATrapStormStillEndsTheSlice(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                li t0, 0x40000000      # nothing there: every fetch of the handler faults again
                csrw mtvec, t0
                ecall
            """);
        var result = m.Cpu.Step(500);
        Assert.Equal(RiscVStepStop.BudgetExhausted, result.Stop);
        Assert.True(result.BudgetUsed >= 500);
        Assert.Equal((ulong)ExceptionCause.InstructionAccessFault, m.Csr(CsrFile.Mcause));
        Assert.Equal(0x4000_0000UL, m.Csr(CsrFile.Mtval));
    }

    [Theory, AllBackends]
    public async Task RequestStopEndsARunningSlice(string backend)
    {
        var m = new SystemMachine(backend).Load("""
            loop:
                j loop
            """);
        var stopper = Task.Run(async () =>
        {
            await Task.Delay(20);
            m.Cpu.RequestStop();
        });
        var result = m.Cpu.Step(long.MaxValue);
        await stopper;
        Assert.Equal(RiscVStepStop.StopRequested, result.Stop);
        Assert.Equal(RiscVStepStop.BudgetExhausted, m.Cpu.Step(10).Stop); // the request was consumed
    }

    [Theory, AllBackends]
    public void ResetReturnsToMachineModeButKeepsPinLevels(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                li t0, -1
                csrw mie, t0
                csrw mscratch, t0
                ENTER_U user
            user:
                j user
            """);
        m.Hart.MachineExternalInterrupt.Set(true);
        m.Cpu.Step(100);
        m.Cpu.Reset(0x8000_0000, a0: 7);
        Assert.Equal(PrivilegeLevel.Machine, m.Cpu.Privilege);
        Assert.Equal(0UL, m.Csr(CsrFile.Mscratch));
        Assert.Equal(0UL, m.Csr(CsrFile.Mie));
        Assert.Equal(InterruptBits.Meip, m.Csr(CsrFile.Mip));
        Assert.Equal(7UL, m.X(Reg.A0));
        Assert.Equal(0x8000_0000UL, m.Cpu.Pc);
    }

    [Fact]
    public void TheDefaultResetVectorIsQemuVirtsRom()
    {
        var bus = new PhysicalBus();
        var cpu = new RiscVSystemCpu(bus, TestBackends.Create(TestBackends.All[0]), new RiscVHartOptions { HartId = 2 });
        Assert.Equal(RiscVHartOptions.DefaultResetVector, cpu.Pc);
        Assert.Equal(2UL, cpu.X(Reg.A0));
        Assert.Equal(2UL, cpu.HartId);
        Assert.True(cpu.TimeSource() > 0); // host clock by default
        Assert.Same(cpu.Hart, cpu.Context.FrontendData);
        Assert.True(cpu.Frontend.IsSystemMode);
    }
}
