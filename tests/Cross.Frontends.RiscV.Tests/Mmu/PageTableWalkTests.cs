using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.PageTableBuilder;
using static Cross.Frontends.RiscV.Tests.TestSupport.PagedMachine;

namespace Cross.Frontends.RiscV.Tests.Mmu;

/// <summary>Sv39 and Sv48 walks: pages and superpages, hardware A/D updates, and every page-fault rule.</summary>
public sealed class PageTableWalkTests
{
    public static TheoryData<string, int> Modes => BothModes();

    [Theory, MemberData(nameof(Modes))]
    public void PagesTranslateAndGetAccessedAndDirtyBits(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li a2, 0x40000000
                ld a1, 0(a2)
                li a3, 0x40001000
                ld a4, 8(a3)
                li t0, 0x3333
                sd t0, 16(a3)
            """);
        var pte1 = pt.Map(Va, Frame1, V | R | W);
        var pte2 = pt.Map(Va2, Frame2, V | R | W);
        m.Poke(Frame1, 8, 0x1111).Poke(Frame2 + 8, 8, 0x2222);
        m.RunToFinish();
        Assert.Equal(0x1111UL, m.X(Reg.A1));
        Assert.Equal(0x2222UL, m.X(Reg.A4));
        Assert.Equal(0x3333UL, m.Read(Frame2 + 16, 8));
        Assert.Equal(V | R | W | A, m.Read(pte1, 8) & 0xFF);
        Assert.Equal(V | R | W | A | D, m.Read(pte2, 8) & 0xFF);
        Assert.Equal(Frame1 >> 12, m.Read(pte1, 8) >> 10);
    }

    [Theory, MemberData(nameof(Modes))]
    public void SuperpagesTranslateEveryOffsetInside(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li a2, 0x40201238      # 2 MiB page
                ld a1, 0(a2)
                li a3, 0x100123450     # 1 GiB page
                ld a4, 0(a3)
                beqz a5, 1f
                li a3, 0x8080280008    # Sv48: 512 GiB page over all low physical memory
                ld a6, 0(a3)
            1:
            """);
        var mega = pt.Map(0x4020_0000, 0x8020_0000, V | R | W, level: 1);
        var giga = pt.Map(0x1_0000_0000, 0x8000_0000, V | R, level: 2);
        if (levels == 4)
        {
            pt.Map(0x80_0000_0000, 0, V | R, level: 3);
            m.SetX(Reg.A5, 1);
        }
        m.Poke(0x8020_1238, 8, 0xAAAA).Poke(0x8012_3450, 8, 0xBBBB).Poke(0x8028_0008, 8, 0xCCCC);
        m.RunToFinish();
        Assert.Equal(0xAAAAUL, m.X(Reg.A1));
        Assert.Equal(0xBBBBUL, m.X(Reg.A4));
        Assert.Equal(levels == 4 ? 0xCCCCUL : 0, m.X(Reg.A6));
        Assert.Equal(A, m.Read(mega, 8) & (A | D));
        Assert.Equal(A, m.Read(giga, 8) & (A | D));
    }

    public enum Fault
    {
        NotMapped, WriteWithoutRead, StoreToReadOnly, ExecuteNonExecutable, LoadExecuteOnly, ReservedBits,
        MisalignedSuperpage, PointerWithAccessedBit, NonCanonical, UserPageFromSupervisor, TableOutsideMemory,
        StoreToNotMapped, FetchNotMapped,
    }

    public static TheoryData<string, int, Fault> Faults()
    {
        var data = new TheoryData<string, int, Fault>();
        foreach (var backend in TestBackends.All)
            foreach (var levels in new[] { 3, 4 })
                foreach (var fault in Enum.GetValues<Fault>())
                    data.Add(backend, levels, fault);
        return data;
    }

    [Theory, MemberData(nameof(Faults))]
    public void FaultsReportTheirCauseAndTheVirtualAddress(string backend, int levels, Fault fault)
    {
        var address = fault == Fault.NonCanonical ? (levels == 3 ? 0x40_0000_0000UL : 0x8000_0000_0000UL) : Va + 0x18;
        var access = fault switch
        {
            Fault.StoreToReadOnly or Fault.StoreToNotMapped => "sd a1, 0(a2)",
            Fault.ExecuteNonExecutable or Fault.FetchNotMapped => "jr a2",
            _ => "ld a1, 0(a2)",
        };
        var (m, pt) = Create(backend, levels, $"""
                li a2, {address}
            access:
                {access}
            """);
        switch (fault)
        {
            case Fault.NotMapped or Fault.StoreToNotMapped or Fault.FetchNotMapped or Fault.NonCanonical:
                break;
            case Fault.WriteWithoutRead: pt.Map(Va, Frame1, V | W | A | D); break;
            case Fault.StoreToReadOnly: pt.Map(Va, Frame1, V | R | A | D); break;
            case Fault.ExecuteNonExecutable: pt.Map(Va, Frame1, V | R | W | A | D); break;
            case Fault.LoadExecuteOnly: pt.Map(Va, Frame1, V | X | A); break;
            case Fault.ReservedBits: pt.Map(Va, Frame1, V | R | A | 1UL << 61); break;
            case Fault.MisalignedSuperpage: pt.Map(Va, Frame2, V | R | A, level: 1); break;
            case Fault.PointerWithAccessedBit:
                pt.Map(Va, Frame1, V | R | A);
                pt.SetEntry(Va, 1, pt.Read(Va, 1) | A);
                break;
            case Fault.UserPageFromSupervisor: pt.Map(Va, Frame1, V | R | U | A); break;
            case Fault.TableOutsideMemory: pt.SetEntry(Va, 2, (0x1000_0000UL >> 12) << 10 | V); break;
        }
        m.RunToFinish();
        var cause = fault switch
        {
            Fault.TableOutsideMemory => ExceptionCause.LoadAccessFault,
            Fault.StoreToReadOnly or Fault.StoreToNotMapped => ExceptionCause.StorePageFault,
            Fault.ExecuteNonExecutable or Fault.FetchNotMapped => ExceptionCause.InstructionPageFault,
            _ => ExceptionCause.LoadPageFault,
        };
        Assert.Equal((ulong)cause, m.X(Reg.S0));
        Assert.Equal(address, m.X(Reg.S1));
        var fetch = cause == ExceptionCause.InstructionPageFault;
        Assert.Equal(fetch ? address : m.Symbol("access"), m.X(Reg.S2));
        Assert.Equal(1UL, (m.X(Reg.S3) >> 11) & 3); // from S-mode
    }

    [Theory, MemberData(nameof(Modes))]
    public void AStoreAfterALoadSetsTheDirtyBit(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li a2, 0x40000000
                ld a1, 0(a2)           # cached without D
                sd a1, 8(a2)           # must walk again to set D
                ld a3, 8(a2)
            """);
        var pte = pt.Map(Va, Frame1, V | R | W);
        m.Poke(Frame1, 8, 0x55);
        m.RunToFinish();
        Assert.Equal(A | D, m.Read(pte, 8) & (A | D));
        Assert.Equal(0x55UL, m.Read(Frame1 + 8, 8));
        Assert.Equal(0x55UL, m.X(Reg.A3));
    }

    [Theory, MemberData(nameof(Modes))]
    public void AFaultingAccessLeavesAccessedAndDirtyAlone(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li a2, 0x40000000
                sd a1, 0(a2)
            """);
        var pte = pt.Map(Va, Frame1, V | R);
        m.RunToFinish();
        Assert.Equal((ulong)ExceptionCause.StorePageFault, m.X(Reg.S0));
        Assert.Equal(V | R, m.Read(pte, 8) & 0xFF);
    }
}
