using Cross.Frontends.RiscV.Csr;
using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.Tests.TestSupport;

namespace Cross.Frontends.RiscV.Tests.Privileged;

/// <summary>Machine and supervisor CSRs read and written by guest code: WARL masks, views, static and run-time access rules.</summary>
public sealed class CsrTests
{
    private const ulong AllOnes = ulong.MaxValue;

    [Theory, AllBackends]
    public void ResetState(string backend)
    {
        var m = new SystemMachine(backend, new RiscVHartOptions { HartId = 3 });
        m.Cpu.Reset(0x1000, a0: 3, a1: 0x8220_0000, a2: 0x1028);
        Assert.Equal(0x1000UL, m.Cpu.Pc);
        Assert.Equal(PrivilegeLevel.Machine, m.Cpu.Privilege);
        Assert.Equal([3UL, 0x8220_0000UL, 0x1028UL], [m.X(Reg.A0), m.X(Reg.A1), m.X(Reg.A2)]);
        Assert.Equal(0xA_0000_0000UL, m.Csr(CsrFile.Mstatus)); // UXL = SXL = 64 bits, FS off, MIE = MPRV = 0
        Assert.Equal(0x8000_0000_0014_112DUL, m.Csr(CsrFile.Misa)); // RV64 ACDFIMSU
        Assert.Equal(3UL, m.Csr(CsrFile.Mhartid));
        Assert.Equal(0UL, m.Csr(CsrFile.Satp));
        Assert.Equal(0UL, m.Csr(CsrFile.Mie));
        Assert.Equal(0UL, m.Csr(CsrFile.Minstret));
        Assert.False(m.Cpu.WaitingForInterrupt);
    }

    [Theory, AllBackends]
    public void MstatusWritableFieldsAndTheSstatusView(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                li t0, -1
                csrw mstatus, t0
                csrr a1, mstatus
                csrr a2, sstatus
                csrw mstatus, zero
                csrr a3, mstatus
                csrw sstatus, t0       # only the S fields
                csrr a4, mstatus
                csrw mstatus, zero
                li t0, 0x1800
                csrw mstatus, t0       # MPP = M
                li t0, 0x1000
                csrw mstatus, t0       # MPP = 2 is reserved: MPP stays M
                csrr a5, mstatus
                FINISH
            """).RunToFinish();
        Assert.Equal(0x8000_000A_007E_79AAUL, m.X(Reg.A1)); // SD, SXL/UXL, TSR..MPRV, FS, MPP, SPP, MPIE, SPIE, MIE, SIE
        Assert.Equal(0x8000_0002_000C_6122UL, m.X(Reg.A2)); // SD, UXL, MXR, SUM, FS, SPP, SPIE, SIE
        Assert.Equal(0xA_0000_0000UL, m.X(Reg.A3));
        Assert.Equal(0x8000_000A_000C_6122UL, m.X(Reg.A4));
        Assert.Equal(0xA_0000_1800UL, m.X(Reg.A5));
    }

    [Theory, AllBackends]
    public void DelegationAndInterruptEnableMasks(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                li t0, -1
                csrw misa, t0          # WARL with one legal value
                csrr a1, misa
                csrw medeleg, t0
                csrr a2, medeleg
                csrw mideleg, t0
                csrr a3, mideleg
                csrw mie, t0
                csrr a4, mie
                csrr a5, sie           # mie & mideleg
                li t1, 0x20
                csrw mideleg, t1       # only STIP delegated
                csrr a6, sie
                csrw sie, zero         # clears only STIE
                csrr a7, mie
                FINISH
            """).RunToFinish();
        Assert.Equal(RiscVHart.MisaValue, m.X(Reg.A1));
        Assert.Equal(0xB3FFUL, m.X(Reg.A2)); // no ecall-from-M (11), no reserved 10/14
        Assert.Equal(0x222UL, m.X(Reg.A3));
        Assert.Equal(0xAAAUL, m.X(Reg.A4));
        Assert.Equal(0x222UL, m.X(Reg.A5));
        Assert.Equal(0x20UL, m.X(Reg.A6));
        Assert.Equal(0xA8AUL, m.X(Reg.A7));
    }

    [Theory, AllBackends]
    public void MipSoftwareBitsAndTheSipAlias(string backend)
    {
        var m = new SystemMachine(backend);
        m.Load("""
                li t0, -1
                csrw mip, t0           # SSIP, STIP, SEIP are writable; MSIP/MTIP/MEIP come from pins
                csrr a1, mip
                csrr a2, sip           # nothing delegated: sip shows nothing
                li t1, 0x222
                csrw mideleg, t1
                csrr a3, sip
                csrw sip, zero         # only SSIP is writable through sip
                csrr a4, mip
                csrw mip, zero
                csrr a5, mip           # SEIP from the PLIC pin stays visible
                csrci mip, 2           # read-modify-write uses only the software SEIP bit
                csrr a6, mip
                FINISH
            """);
        m.Hart.MachineTimerInterrupt.Set(true); // MTIE is off: pending but never taken
        m.Hart.SupervisorExternalInterrupt.Set(true);
        m.RunToFinish();
        Assert.Equal(0x2A2UL, m.X(Reg.A1));
        Assert.Equal(0UL, m.X(Reg.A2));
        Assert.Equal(0x222UL, m.X(Reg.A3));
        Assert.Equal(0x2A0UL, m.X(Reg.A4));
        Assert.Equal(0x280UL, m.X(Reg.A5));
        Assert.Equal(0x280UL, m.X(Reg.A6));
        Assert.Equal(0UL, m.Hart.ReadCsr(CsrFile.Mip) & 0x222 & ~0x200UL);
    }

    [Theory, AllBackends]
    public void TrapVectorsEpcsAndSatpWarl(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                li t0, 0x80000101
                csrw mtvec, t0         # vectored
                csrr a1, mtvec
                li t1, 0x80000202
                csrw mtvec, t1         # mode 2 is reserved: ignored
                csrr a2, mtvec
                li t1, -1
                csrw stvec, t1         # mode 3: ignored
                csrr a3, stvec
                csrw mepc, t1
                csrr a4, mepc          # bit 0 is always zero
                csrw sepc, t1
                csrr a5, sepc
                csrw mcause, t1
                csrr a6, mcause
                li t2, 0x8000ffff00012345  # Sv39, ASID 0xffff
                csrw satp, t2
                csrr a7, satp
                li t2, 0xa000000000012345  # Sv57 is not supported: ignored
                csrw satp, t2
                csrr s4, satp
                li t2, 0x9000000000054321  # Sv48
                csrw satp, t2
                csrr s5, satp
                csrw satp, zero
                csrw mcounteren, t1
                csrr s6, mcounteren    # 32 bits
                csrw CSR_MENVCFG, t1
                csrr s7, CSR_MENVCFG   # STCE and FIOM
                csrw CSR_SENVCFG, t1
                csrr s8, CSR_SENVCFG
                csrr s9, mhartid
                csrr s10, mvendorid
                csrr s11, CSR_MCONFIGPTR
                FINISH
            """).RunToFinish();
        Assert.Equal(0x8000_0101UL, m.X(Reg.A1));
        Assert.Equal(0x8000_0101UL, m.X(Reg.A2));
        Assert.Equal(0UL, m.X(Reg.A3));
        Assert.Equal(AllOnes - 1, m.X(Reg.A4));
        Assert.Equal(AllOnes - 1, m.X(Reg.A5));
        Assert.Equal(AllOnes, m.X(Reg.A6));
        Assert.Equal(0x8000_FFFF_0001_2345UL, m.X(Reg.A7));
        Assert.Equal(0x8000_FFFF_0001_2345UL, m.X(Reg.S4));
        Assert.Equal(0x9000_0000_0005_4321UL, m.X(Reg.S5));
        Assert.Equal(0xFFFF_FFFFUL, m.X(Reg.S6));
        Assert.Equal(0x8000_0000_0000_0001UL, m.X(Reg.S7));
        Assert.Equal(1UL, m.X(Reg.S8));
        Assert.Equal([0UL, 0UL, 0UL], [m.X(Reg.S9), m.X(Reg.S10), m.X(Reg.S11)]);
    }

    [Theory, AllBackends]
    public void Sv48CanBeTurnedOff(string backend)
    {
        var m = new SystemMachine(backend, new RiscVHartOptions { Sv48 = false }).Load("""
                li t2, 0x9000000000054321
                csrw satp, t2
                csrr a1, satp
                FINISH
            """).RunToFinish();
        Assert.Equal(0UL, m.X(Reg.A1));
    }

    [Theory, AllBackends]
    public void PmpRegistersReadBackPerWarlRules(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                li t0, 0x000000000000026f  # entry 0: R W X TOR + reserved bits 6:5; entry 1: W without R
                csrw pmpcfg0, t0
                csrr a1, pmpcfg0
                li t1, -1
                csrw pmpaddr5, t1
                csrr a2, pmpaddr5          # 54 bits
                li t0, 0x0000000000890000  # entry 2: locked TOR, R
                csrs pmpcfg0, t0
                csrw pmpaddr2, t1          # locked: ignored
                csrw pmpaddr1, t1          # top of a locked TOR region: ignored
                csrr a3, pmpaddr2
                csrr a4, pmpaddr1
                csrw pmpcfg0, zero         # entry 2 stays locked
                csrr a5, pmpcfg0
                csrw pmpaddr63, t1
                csrr a6, pmpaddr63
                li t0, 0x1f
                csrw pmpcfg14, t0
                csrr a7, pmpcfg14
                FINISH
            """).RunToFinish();
        Assert.Equal(0x0FUL, m.X(Reg.A1));
        Assert.Equal((1UL << 54) - 1, m.X(Reg.A2));
        Assert.Equal(0UL, m.X(Reg.A3));
        Assert.Equal(0UL, m.X(Reg.A4));
        Assert.Equal(0x89_0000UL, m.X(Reg.A5));
        Assert.Equal((1UL << 54) - 1, m.X(Reg.A6));
        Assert.Equal(0x1FUL, m.X(Reg.A7));
        Assert.True(m.Hart.Pmp.IsLocked(2));
    }

    public static TheoryData<string, string, string> IllegalAccesses()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var backend in TestBackends.All)
        {
            data.Add(backend, "M", "csrr a1, 0x7c0");          // not implemented
            data.Add(backend, "M", "csrw mhartid, t0");       // read-only number
            data.Add(backend, "M", "csrrs a1, cycle, t0");     // a set with a non-zero source writes
            data.Add(backend, "M", "csrr a1, pmpcfg1");        // odd pmpcfg: RV32 only
            data.Add(backend, "M", "csrr a1, 0x7a0");          // tselect: no debug triggers
            data.Add(backend, "S", "csrr a1, mstatus");        // M-level CSR from S
            data.Add(backend, "S", "csrr a1, mscratch");
            data.Add(backend, "U", "csrr a1, sstatus");        // S-level CSR from U
            data.Add(backend, "U", "csrw sscratch, t0");
            data.Add(backend, "U", "csrr a1, satp");
        }
        return data;
    }

    [Theory, MemberData(nameof(IllegalAccesses))]
    public void IllegalCsrAccessesTrapWithTheInstructionBits(string backend, string mode, string access)
    {
        var enter = mode switch { "S" => "ENTER_S test", "U" => "ENTER_U test", _ => "j test" };
        var m = new SystemMachine(backend).Load($"""
                SET_MTVEC handler
                li t0, 1
                {enter}
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            test:
                li a1, 77
            access:
                {access}
                j handler
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.X(Reg.S0));
        Assert.Equal(m.Symbol("access"), m.X(Reg.S2));
        Assert.Equal(m.Read(m.Symbol("access"), 4), m.X(Reg.S1));
        Assert.Equal(77UL, m.X(Reg.A1));
    }

    [Theory, AllBackends]
    public void SatpIsIllegalInSupervisorModeUnderTvm(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                li t0, 1 << 20         # TVM
                csrs mstatus, t0
                ENTER_S test
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            test:
                csrr a1, sscratch      # fine
            access:
                csrr a1, satp
                j handler
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.X(Reg.S0));
        Assert.Equal(m.Symbol("access"), m.X(Reg.S2));
    }

    [Theory, AllBackends]
    public void InstretCountsRetiredInstructionsAndCanBeWritten(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                li t0, 100
                csrw minstret, t0
                csrr a1, minstret      # the write takes effect after it retires
                nop
                csrr a2, minstret
                csrr a3, instret
                li t0, 4
                csrw mcountinhibit, t0 # stop instret
                nop
                nop
                csrr a4, minstret
                csrr a5, minstret
                csrr a6, mcycle        # cycle keeps counting
                csrr a7, mhpmcounter3
                csrr s4, mhpmevent3
                FINISH
            """).RunToFinish();
        Assert.Equal(100UL, m.X(Reg.A1));
        Assert.Equal(102UL, m.X(Reg.A2));
        Assert.Equal(103UL, m.X(Reg.A3));
        Assert.Equal(m.X(Reg.A4), m.X(Reg.A5));
        Assert.Equal(106UL, m.X(Reg.A4)); // frozen once the mcountinhibit write itself retired
        Assert.True(m.X(Reg.A6) > 0);
        Assert.Equal(0UL, m.X(Reg.A7));
        Assert.Equal(0UL, m.X(Reg.S4));
    }

    [Theory, AllBackends]
    public void CountersInLowerModesNeedTheirEnableBits(string backend)
    {
        var m = new SystemMachine(backend) { Time = 12345 };
        m.Load("""
                SET_MTVEC handler
                rdtime a3              # M-mode: always
                li t0, 5               # CY and IR for S
                csrw mcounteren, t0
                li t0, 1               # CY for U
                csrw scounteren, t0
                ENTER_U test
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            test:
                rdcycle a1
                rdinstret a2           # IR enabled for S, not for U
                j handler
            """).RunToFinish();
        Assert.Equal(12345UL, m.X(Reg.A3));
        Assert.True(m.X(Reg.A1) > 0);
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.X(Reg.S0));
        Assert.Equal(m.Symbol("test") + 4, m.X(Reg.S2));
    }

    [Fact]
    public void HostSideCsrAccessAppliesWarlRules()
    {
        var bus = new Core.Memory.PhysicalBus();
        var hart = new RiscVHart(bus);
        hart.WriteCsr(CsrFile.Medeleg, AllOnes);
        Assert.Equal(RiscVHart.DelegableExceptions, hart.ReadCsr(CsrFile.Medeleg));
        hart.WriteCsr(CsrFile.Mhartid, 5); // read-only: ignored
        Assert.Equal(0UL, hart.ReadCsr(CsrFile.Mhartid));
        Assert.Throws<ArgumentOutOfRangeException>(() => hart.ReadCsr(0x7C0));
        Assert.True(RiscVHart.IsImplemented(CsrFile.Pmpcfg14));
        Assert.False(RiscVHart.IsImplemented(CsrFile.Pmpcfg0 + 1));
        hart.WriteCsr(CsrFile.Minstret, 500);
        Assert.Equal(500UL, hart.ReadCsr(CsrFile.Minstret));
        hart.Context.InstructionsRetired += 10;
        Assert.Equal(510UL, hart.ReadCsr(CsrFile.Instret));
        hart.WriteCsr(CsrFile.Mcountinhibit, 5);
        hart.Context.InstructionsRetired += 10;
        Assert.Equal(510UL, hart.ReadCsr(CsrFile.Minstret));
        Assert.Equal(0x5UL, hart.ReadCsr(CsrFile.Mcountinhibit));
        hart.WriteCsr(CsrFile.Fcsr, 0xE3);
        Assert.Equal(FloatingPointState.Dirty, hart.FloatingPoint);
        Assert.Equal(7UL, hart.ReadCsr(CsrFile.Frm));
        Assert.Equal(3UL, hart.ReadCsr(CsrFile.Fflags));
    }
}
