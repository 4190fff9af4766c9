using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.PageTableBuilder;
using static Cross.Frontends.RiscV.Tests.TestSupport.PagedMachine;

namespace Cross.Frontends.RiscV.Tests.Mmu;

/// <summary>Fetches through the MMU: instructions straddling two pages that map to unrelated frames, and their faults.</summary>
public sealed class InstructionFetchTests
{
    public static TheoryData<string, int> Modes => BothModes();

    // addi a3, zero, 5 split over two pages, then ret.
    private static void PlaceStraddlingCode(SystemMachine m)
    {
        m.Poke(Frame1 + 0xFFE, 2, 0x0693);
        m.Poke(Frame3, 2, 0x0050);
        m.Poke(Frame3 + 2, 4, 0x0000_8067);
    }

    [Theory, MemberData(nameof(Modes))]
    public void AnInstructionStraddlingTwoPagesJoinsItsHalves(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li t0, 0x40000ffe
                jalr t0
                mv s4, a3
                sd a4, 0(a5)           # remap the second page to a frame with another upper half
                sfence.vma
                jalr t0
                mv s5, a3
            """);
        pt.Map(Va, Frame1, V | R | X | A);
        var second = pt.Map(Va2, Frame3, V | R | X | A);
        PlaceStraddlingCode(m);
        m.Poke(Frame2, 2, 0x0090).Poke(Frame2 + 2, 4, 0x0000_8067); // addi a3, zero, 9
        m.SetX(Reg.A5, second).SetX(Reg.A4, (Frame2 >> 12) << 10 | V | R | X | A);
        m.RunToFinish();
        Assert.Equal(5UL, m.X(Reg.S4));
        Assert.Equal(9UL, m.X(Reg.S5));
    }

    [Theory, MemberData(nameof(Modes))]
    public void AFaultOnTheSecondHalfReportsItsPage(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li t0, 0x40000ffe
                jalr t0
            """);
        pt.Map(Va, Frame1, V | R | X | A);
        pt.Map(Va2, Frame3, V | R | A); // not executable
        PlaceStraddlingCode(m);
        m.RunToFinish();
        Assert.Equal((ulong)ExceptionCause.InstructionPageFault, m.X(Reg.S0));
        Assert.Equal(Va2, m.X(Reg.S1));
        Assert.Equal(Va + 0xFFE, m.X(Reg.S2));
    }

    [Theory, MemberData(nameof(Modes))]
    public void ACompressedInstructionAtTheEndOfAPageNeedsOnlyThatPage(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li t0, 0x40000ffe
                jalr t0
                mv s4, a3
            """);
        pt.Map(Va, Frame1, V | R | X | A);
        m.Poke(Frame1 + 0xFFE, 2, 0x8082); // c.jr ra; the next page is not mapped
        m.SetX(Reg.A3, 3);
        m.RunToFinish();
        Assert.Equal(3UL, m.X(Reg.S4));
        Assert.Equal(0UL, m.X(Reg.S0));
    }

    [Theory, MemberData(nameof(Modes))]
    public void CodeRunsOnAcrossAPageBoundary(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li t0, 0x40000ff8
                jalr t0
                mv s4, a3
            """);
        pt.Map(Va, Frame1, V | R | X | A);
        pt.Map(Va2, Frame3, V | R | X | A);
        m.Poke(Frame1 + 0xFF8, 4, 0x0010_0693);  // addi a3, zero, 1
        m.Poke(Frame1 + 0xFFC, 4, 0x0016_8693);  // addi a3, a3, 1
        m.Poke(Frame3, 4, 0x0016_8693);          // addi a3, a3, 1 (next page, another frame)
        m.Poke(Frame3 + 4, 4, 0x0000_8067);      // ret
        m.RunToFinish();
        Assert.Equal(3UL, m.X(Reg.S4));
    }
}
