using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.PageTableBuilder;
using static Cross.Frontends.RiscV.Tests.TestSupport.PagedMachine;

namespace Cross.Frontends.RiscV.Tests.Mmu;

/// <summary>The soft TLB: stale until sfence.vma or a satp write, and block translations that never outlive their mapping.</summary>
public sealed class TlbTests
{
    public static TheoryData<string, int> Modes => BothModes();

    [Theory, MemberData(nameof(Modes))]
    public void SfenceVmaMakesPageTableChangesVisible(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li a2, 0x40000000
                ld a1, 0(a2)           # Frame1, now cached
                sd a4, 0(a3)           # the PTE now points at Frame2 (written through the identity map)
                ld s4, 0(a2)           # stale: still Frame1
                sfence.vma a2, zero    # this page only
                ld s5, 0(a2)           # Frame2
                sd a5, 0(a3)           # back to Frame1
                sfence.vma             # everything
                ld s6, 0(a2)
            """);
        var pte = pt.Map(Va, Frame1, V | R | A);
        m.Poke(Frame1, 8, 1).Poke(Frame2, 8, 2);
        m.SetX(Reg.A3, pte).SetX(Reg.A4, (Frame2 >> 12) << 10 | V | R | A).SetX(Reg.A5, m.Read(pte, 8));
        m.RunToFinish();
        Assert.Equal([1UL, 1UL, 2UL, 1UL], [m.X(Reg.A1), m.X(Reg.S4), m.X(Reg.S5), m.X(Reg.S6)]);
    }

    [Theory, MemberData(nameof(Modes))]
    public void RaisedPermissionsNeedNoSfence(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li a2, 0x40000000
                ld a1, 0(a2)           # cached read-only
                sd a4, 0(a3)           # the PTE becomes writable
                sd a1, 8(a2)           # no spurious store page fault
            """);
        var pte = pt.Map(Va, Frame1, V | R | A);
        m.Poke(Frame1, 8, 0x66);
        m.SetX(Reg.A3, pte).SetX(Reg.A4, (Frame1 >> 12) << 10 | V | R | W | A);
        m.RunToFinish();
        Assert.Equal(0UL, m.X(Reg.S0));
        Assert.Equal(0x66UL, m.Read(Frame1 + 8, 8));
        Assert.Equal(D, m.Read(pte, 8) & D);
    }

    [Theory, MemberData(nameof(Modes))]
    public void SfenceOfOneAddressDropsAWholeSuperpage(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li a2, 0x40000000
                ld a1, 0(a2)           # first 4 KiB of the megapage
                li t0, 0x40005000
                ld a6, 0(t0)           # another piece of it
                sd a4, 0(a3)           # the megapage moves by 2 MiB
                sfence.vma t0, zero    # flush by an address in the other piece
                ld s5, 0(a2)
            """);
        var pte = pt.Map(Va, 0x8000_0000, V | R | A, level: 1);
        m.Poke(0x8020_0000, 8, 0xBEEF);
        m.SetX(Reg.A3, pte).SetX(Reg.A4, (0x8020_0000UL >> 12) << 10 | V | R | A);
        m.RunToFinish();
        Assert.Equal(m.Read(0x8000_0000, 8), m.X(Reg.A1));
        Assert.Equal(0xBEEFUL, m.X(Reg.S5));
    }

    [Theory, MemberData(nameof(Modes))]
    public void TheSameVirtualAddressRunsTheCodeOfTheCurrentAddressSpace(string backend, int levels)
    {
        var (m, first) = Create(backend, levels, """
                li t0, 0x40000000
                jalr t0                # address space 1: a3 = 1
                mv s4, a3
                csrw satp, a1
                sfence.vma
                jalr t0                # address space 2: a3 = 2
                mv s5, a3
                csrw satp, a0
                sfence.vma
                jalr t0                # 1 again
                mv s6, a3
            """, """
                .option push
                .option norvc
                .align 12
            code1:
                li a3, 1
                ret
                .align 12
            code2:
                li a3, 2
                ret
                .option pop
            """);
        var second = new PageTableBuilder(m.Bus, levels, SystemMachine.TablePool + 0x8_0000);
        MapBase(second);
        first.Map(Va, m.Symbol("code1"), V | R | X | A);
        second.Map(Va, m.Symbol("code2"), V | R | X | A);
        m.SetX(Reg.A1, second.Satp(asid: 2));
        m.RunToFinish();
        Assert.Equal([1UL, 2UL, 1UL], [m.X(Reg.S4), m.X(Reg.S5), m.X(Reg.S6)]);
    }

    [Theory, MemberData(nameof(Modes))]
    public void CodeWrittenThroughAnAliasIsRetranslated(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li t0, 0x40000000
                jalr t0                # a3 = 1
                mv s4, a3
                li t1, 0x40001000      # a writable alias of the same frame
                li t2, 0x00700693      # addi a3, zero, 7
                sw t2, 0(t1)
                fence.i
                jalr t0
                mv s5, a3
            """, """
                .option push
                .option norvc
                .align 12
            code:
                li a3, 1
                ret
                .option pop
            """);
        pt.Map(Va, m.Symbol("code"), V | R | X | A);
        pt.Map(Va2, m.Symbol("code"), V | R | W | A | D);
        m.RunToFinish();
        Assert.Equal([1UL, 7UL], [m.X(Reg.S4), m.X(Reg.S5)]);
    }

    [Theory, MemberData(nameof(Modes))]
    public void RemappingCodeTakesEffectAfterSfence(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li t0, 0x40000000
                jalr t0                # code1: a3 = 1
                mv s4, a3
                sd a4, 0(a5)           # remap the page to code2
                sfence.vma t0, zero
                jalr t0                # a3 = 2
                mv s5, a3
            """, """
                .option push
                .option norvc
                .align 12
            code1:
                li a3, 1
                ret
                .align 12
            code2:
                li a3, 2
                ret
                .option pop
            """);
        var pte = pt.Map(Va, m.Symbol("code1"), V | R | X | A);
        m.SetX(Reg.A5, pte).SetX(Reg.A4, (m.Symbol("code2") >> 12) << 10 | V | R | X | A);
        m.RunToFinish();
        Assert.Equal([1UL, 2UL], [m.X(Reg.S4), m.X(Reg.S5)]);
    }
}
