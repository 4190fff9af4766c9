using Cross.Frontends.RiscV.Csr;
using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.Tests.TestSupport;

namespace Cross.Frontends.RiscV.Tests.Privileged;

/// <summary>Synchronous exceptions: causes, epc/tval, M and S entry with delegation, xRET, and the TSR/TW/TVM traps.</summary>
public sealed class TrapTests
{
    private const ulong Spp = 1 << 8, Spie = 1 << 5, Mpie = 1 << 7, Mie = 1 << 3, Sie = 1 << 1, Mprv = 1 << 17;

    private static ulong Mpp(ulong mstatus) => (mstatus >> 11) & 3;

    [Theory, AllBackends]
    public void EcallFromUserTrapsToMachineMode(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                li t0, 1 << 7          # MPIE: the mret below sets MIE from it
                csrs mstatus, t0
                ENTER_U user
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            user:
                li a1, 5
            call:
                ecall
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.EcallFromUser, m.X(Reg.S0));
        Assert.Equal(0UL, m.X(Reg.S1));
        Assert.Equal(m.Symbol("call"), m.X(Reg.S2));
        Assert.Equal(0UL, Mpp(m.X(Reg.S3)));
        Assert.Equal(Mpie, m.X(Reg.S3) & (Mpie | Mie)); // MIE moved to MPIE, MIE cleared
        Assert.Equal(5UL, m.X(Reg.A1));
        Assert.Equal(PrivilegeLevel.Machine, m.Cpu.Privilege);
    }

    [Theory, AllBackends]
    public void EcallFromUserDelegatedToSupervisorThenEcallFromSupervisor(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC mhandler
                li t0, 1 << 8          # delegate ecall from U
                csrw medeleg, t0
                ENTER_S kernel
                .align 2
            mhandler:
                RECORD_TRAP
                FINISH
                .align 2
            shandler:
                csrr s4, scause
                csrr s5, sepc
                csrr s6, sstatus
                csrr s7, stval
            kcall:
                ecall                  # not delegated: to M
            kernel:
                SET_STVEC shandler
                li t0, 1 << 5          # SPIE: the sret below sets SIE from it
                csrs sstatus, t0
                SENTER_U user
            user:
            ucall:
                ecall
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.EcallFromUser, m.X(Reg.S4));
        Assert.Equal(m.Symbol("ucall"), m.X(Reg.S5));
        Assert.Equal(0UL, m.X(Reg.S6) & Spp);
        Assert.Equal(Spie, m.X(Reg.S6) & (Spie | Sie)); // SIE moved to SPIE
        Assert.Equal((ulong)ExceptionCause.EcallFromSupervisor, m.X(Reg.S0));
        Assert.Equal(m.Symbol("kcall"), m.X(Reg.S2));
        Assert.Equal(1UL, Mpp(m.X(Reg.S3)));
    }

    [Theory, AllBackends]
    public void MachineModeTrapsAreNeverDelegated(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                SET_STVEC shandler
                li t0, -1
                csrw medeleg, t0
            bad:
                .word 0xffffffff       # illegal
                .align 2
            shandler:
                li s0, 99
                FINISH
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.X(Reg.S0));
        Assert.Equal(0xFFFF_FFFFUL, m.X(Reg.S1));
        Assert.Equal(m.Symbol("bad"), m.X(Reg.S2));
    }

    [Theory, AllBackends]
    public void MretRestoresTheModeAndInterruptEnableAndClearsMprv(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                li t0, (1 << 17) | (1 << 7)   # MPRV, MPIE; MIE = 0
                csrs mstatus, t0
                ENTER_S kernel                # MPP = S
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            kernel:
                ecall
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.EcallFromSupervisor, m.X(Reg.S0));
        var status = m.X(Reg.S3);
        Assert.Equal(1UL, Mpp(status));
        Assert.Equal(Mpie, status & (Mpie | Mie)); // mret set MIE from MPIE; the trap moved it back
        Assert.Equal(0UL, status & Mprv);
    }

    [Theory, AllBackends]
    public void SretReturnsToTheSavedModeAndIsIllegalUnderTsr(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                ENTER_S kernel
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            kernel:
                li t0, 1 << 5          # SPIE
                csrs sstatus, t0
                SENTER_U user          # fine: TSR is clear
            user:
                li a1, 1
                ecall                  # to M: MPP = U
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.EcallFromUser, m.X(Reg.S0));
        Assert.Equal(Sie | Spie, m.X(Reg.S3) & (Sie | Spie)); // sret: SIE = SPIE, SPIE = 1

        var tsr = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                li t0, 1 << 22         # TSR
                csrs mstatus, t0
                ENTER_S kernel
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            kernel:
                la t0, kernel
                csrw sepc, t0
            ret:
                sret
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, tsr.X(Reg.S0));
        Assert.Equal(0x1020_0073UL, tsr.X(Reg.S1));
        Assert.Equal(tsr.Symbol("ret"), tsr.X(Reg.S2));
    }

    public static TheoryData<string, string, string, string> PrivilegedInstructionRules()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var backend in TestBackends.All)
        {
            data.Add(backend, "U", "", "mret");
            data.Add(backend, "S", "", "mret");
            data.Add(backend, "U", "", "sret");
            data.Add(backend, "U", "", "wfi");
            data.Add(backend, "S", "1 << 21", "wfi");               // TW
            data.Add(backend, "U", "", "sfence.vma");
            data.Add(backend, "S", "1 << 20", "sfence.vma a0, a1"); // TVM
        }
        return data;
    }

    [Theory, MemberData(nameof(PrivilegedInstructionRules))]
    public void PrivilegedInstructionsAreIllegalWhereTheSpecSaysSo(string backend, string mode, string mstatusBits, string instruction)
    {
        var setBits = mstatusBits.Length == 0 ? "" : $"li t0, {mstatusBits}\n    csrs mstatus, t0";
        var m = new SystemMachine(backend).Load($"""
                SET_MTVEC handler
                {setBits}
                ENTER_{mode} test
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            test:
                {instruction}
                li s0, 99
                FINISH
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.X(Reg.S0));
        Assert.Equal(m.Symbol("test"), m.X(Reg.S2));
        Assert.Equal(m.Read(m.Symbol("test"), 4), m.X(Reg.S1));
    }

    [Theory, AllBackends]
    public void SupervisorMayUseSfenceAndWfiWithoutTheTrapBits(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                li t0, 1 << 1          # SSIP pending and enabled in mie, delegated, masked by SIE = 0:
                csrw mideleg, t0       # WFI does not wait, and nothing is taken
                csrw mie, t0
                csrw mip, t0
                ENTER_S test
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            test:
                sfence.vma
                sfence.vma a0, a1
                wfi
                li a1, 7
                ecall
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.EcallFromSupervisor, m.X(Reg.S0));
        Assert.Equal(7UL, m.X(Reg.A1));
    }

    [Theory, AllBackends]
    public void BreakpointsReportTheirAddress(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                nop
            brk:
                c.ebreak
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.Breakpoint, m.X(Reg.S0));
        Assert.Equal(m.Symbol("brk"), m.X(Reg.S1));
        Assert.Equal(m.Symbol("brk"), m.X(Reg.S2));
    }

    [Theory, AllBackends]
    public void IllegalCompressedInstructionsReportTheirSixteenBits(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
            bad:
                .half 0x0004           # c.addi4spn with a zero immediate: reserved
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.X(Reg.S0));
        Assert.Equal(4UL, m.X(Reg.S1));
    }

    public static TheoryData<string, string, ExceptionCause> AccessFaults()
    {
        var data = new TheoryData<string, string, ExceptionCause>();
        foreach (var backend in TestBackends.All)
        {
            data.Add(backend, "ld a1, 0(a2)", ExceptionCause.LoadAccessFault);
            data.Add(backend, "sw a1, 0(a2)", ExceptionCause.StoreAccessFault);
            data.Add(backend, "amoadd.d a1, a1, (a2)", ExceptionCause.StoreAccessFault);
            data.Add(backend, "jr a2", ExceptionCause.InstructionAccessFault);
        }
        return data;
    }

    [Theory, MemberData(nameof(AccessFaults))]
    public void NothingOnTheBusIsAnAccessFault(string backend, string access, ExceptionCause cause)
    {
        var m = new SystemMachine(backend).Load($"""
                SET_MTVEC handler
                li a2, 0x40000008
            access:
                {access}
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            """).RunToFinish();
        Assert.Equal((ulong)cause, m.X(Reg.S0));
        Assert.Equal(0x4000_0008UL, m.X(Reg.S1));
        Assert.Equal(cause == ExceptionCause.InstructionAccessFault ? 0x4000_0008UL : m.Symbol("access"), m.X(Reg.S2));
    }

    [Theory, AllBackends]
    public void TrapsClearTheReservation(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                la a2, data
                lr.d a1, (a2)
                ecall                  # the handler returns here + 4
                sc.d a3, a1, (a2)      # fails: the trap dropped the reservation
                FINISH
                .align 2
            handler:
                csrr t0, mepc
                addi t0, t0, 4
                csrw mepc, t0
                mret
                .align 3
            data:
                .dword 5
            """).RunToFinish();
        Assert.Equal(1UL, m.X(Reg.A3));
    }

    [Fact]
    public void EngineStopsMapToRiscVCauses()
    {
        var hart = new RiscVHart(new Core.Memory.PhysicalBus());
        static RiscVTrap Fault(Core.Memory.MemoryAccessType access, Core.Memory.MemoryFaultReason reason) =>
            RiscVHart.TrapFor(new Core.Memory.GuestMemoryFaultException(0x1234, access, reason));
        Assert.Equal(RiscVTrap.Exception(ExceptionCause.LoadPageFault, 0x1234), Fault(Core.Memory.MemoryAccessType.Read, Core.Memory.MemoryFaultReason.Permission));
        Assert.Equal(RiscVTrap.Exception(ExceptionCause.StorePageFault, 0x1234), Fault(Core.Memory.MemoryAccessType.Write, Core.Memory.MemoryFaultReason.Permission));
        Assert.Equal(RiscVTrap.Exception(ExceptionCause.InstructionPageFault, 0x1234), Fault(Core.Memory.MemoryAccessType.Execute, Core.Memory.MemoryFaultReason.Permission));
        Assert.Equal(RiscVTrap.Exception(ExceptionCause.LoadAddressMisaligned, 0x1234), Fault(Core.Memory.MemoryAccessType.Read, Core.Memory.MemoryFaultReason.Misaligned));
        Assert.Equal(RiscVTrap.Exception(ExceptionCause.StoreAddressMisaligned, 0x1234), Fault(Core.Memory.MemoryAccessType.Write, Core.Memory.MemoryFaultReason.Misaligned));
        Assert.Equal(RiscVTrap.Exception(ExceptionCause.StoreAccessFault, 0x1234), Fault(Core.Memory.MemoryAccessType.Write, Core.Memory.MemoryFaultReason.Unmapped));
        var ecall = hart.TrapFor(new Core.Engine.StopReason(Core.Engine.StopKind.Trap, Core.Ir.TrapKind.SystemCall, 0x80));
        Assert.Equal(RiscVTrap.Exception(ExceptionCause.EcallFromMachine), ecall);
        Assert.Equal(11UL, ecall.Cause);
        Assert.Equal(1UL << 63 | 7, RiscVTrap.Interrupt(InterruptCause.MachineTimer).Cause);
        Assert.Equal(0x80UL, hart.ReadCsr(CsrFile.Mepc) + 0x80);
    }
}
