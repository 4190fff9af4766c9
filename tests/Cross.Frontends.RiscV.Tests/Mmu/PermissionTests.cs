using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.PageTableBuilder;
using static Cross.Frontends.RiscV.Tests.TestSupport.PagedMachine;

namespace Cross.Frontends.RiscV.Tests.Mmu;

/// <summary>The effective privilege and mstatus bits that change what a page allows: SUM, MXR, MPRV/MPP, and U pages.</summary>
public sealed class PermissionTests
{
    public static TheoryData<string, int> Modes => BothModes();

    [Theory, MemberData(nameof(Modes))]
    public void MxrMakesExecuteOnlyPagesReadable(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li t0, 1 << 19         # MXR
                csrs sstatus, t0
                li a2, 0x40000000
                ld a1, 0(a2)
            """);
        pt.Map(Va, Frame1, V | X | A);
        m.Poke(Frame1, 8, 0x77);
        m.RunToFinish();
        Assert.Equal(0x77UL, m.X(Reg.A1));
    }

    [Theory, MemberData(nameof(Modes))]
    public void SumLetsSupervisorUseUserDataButNeverRunUserCode(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li t0, 1 << 18         # SUM
                csrs sstatus, t0
                li a2, 0x40000000
                ld a1, 0(a2)
                sd a1, 8(a2)
            run:
                jr a2
            """);
        pt.Map(Va, Frame1, V | R | W | X | U | A | D);
        m.Poke(Frame1, 8, 0x99);
        m.RunToFinish();
        Assert.Equal(0x99UL, m.X(Reg.A1));
        Assert.Equal(0x99UL, m.Read(Frame1 + 8, 8));
        Assert.Equal((ulong)ExceptionCause.InstructionPageFault, m.X(Reg.S0));
        Assert.Equal(Va, m.X(Reg.S1));
    }

    [Theory, MemberData(nameof(Modes))]
    public void UserModeOnlyReachesUserPages(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                SENTER_U 0x400000
            """, """
                .align 12
            user:
                li a2, 0x40001000
                ld a1, 0(a2)           # a user page: fine
                li a2, 0x40000000
            access:
                ld a1, 0(a2)           # a supervisor page: load page fault to M
            """);
        var user = m.Symbol("user");
        pt.Map(0x40_0000, user, V | R | X | U | A);
        pt.Map(Va, Frame1, V | R | W | A | D);
        pt.Map(Va2, Frame2, V | R | U | A);
        m.Poke(Frame2, 8, 0x42);
        m.RunToFinish();
        Assert.Equal(0x42UL, m.X(Reg.A1));
        Assert.Equal((ulong)ExceptionCause.LoadPageFault, m.X(Reg.S0));
        Assert.Equal(Va, m.X(Reg.S1));
        Assert.Equal(m.Symbol("access") - user + 0x40_0000, m.X(Reg.S2));
        Assert.Equal(0UL, (m.X(Reg.S3) >> 11) & 3); // from U-mode
    }

    [Theory, MemberData(nameof(Modes))]
    public void MprvTranslatesMachineModeLoadsAndStoresAsMpp(string backend, int levels)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                csrw satp, a0
                sfence.vma
                li t0, (1 << 17) | (1 << 11)   # MPRV, MPP = S
                csrs mstatus, t0
                li a2, 0x40000000
                ld a1, 0(a2)           # translated: M-mode code keeps fetching physically
                li t0, 0x99
                sd t0, 8(a2)
                li t0, 1 << 11
                csrc mstatus, t0       # MPP = U: the page is not a user page
            access:
                ld a3, 0(a2)
                .align 2
            handler:
                li t0, 1 << 17
                csrc mstatus, t0
                RECORD_TRAP
                FINISH
            """);
        var pt = m.PageTables(levels);
        MapBase(pt);
        var pte = pt.Map(Va, Frame1, V | R | W | A);
        m.SetX(Reg.A0, pt.Satp());
        m.Poke(Frame1, 8, 0x1234);
        m.RunToFinish();
        Assert.Equal(0x1234UL, m.X(Reg.A1));
        Assert.Equal(0x99UL, m.Read(Frame1 + 8, 8));
        Assert.Equal(D, m.Read(pte, 8) & D);
        Assert.Equal((ulong)ExceptionCause.LoadPageFault, m.X(Reg.S0));
        Assert.Equal(m.Symbol("access"), m.X(Reg.S2));
        Assert.Equal(Va, m.X(Reg.S1));
        Assert.Equal(3UL, (m.X(Reg.S3) >> 11) & 3); // the trap came from M-mode
    }

    [Theory, AllBackends]
    public void MachineModeIgnoresSatp(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                li t0, 0x8000000000000001   # Sv39 with a root at physical page 1 (nothing there)
                csrw satp, t0
                la a2, data
                ld a1, 0(a2)
                FINISH
                .align 3
            data:
                .dword 0x5a5a
            """).RunToFinish();
        Assert.Equal(0x5A5AUL, m.X(Reg.A1));
    }
}
