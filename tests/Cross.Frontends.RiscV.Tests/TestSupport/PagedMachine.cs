using Cross.Frontends.RiscV.Privileged;

namespace Cross.Frontends.RiscV.Tests.TestSupport;

/// <summary>
/// Programs that run a body in S-mode under paging: M-mode installs satp from a0, points mtvec
/// at a handler that records the trap (RECORD_TRAP) and finishes, and mrets into the body. The
/// page tables identity-map RAM with one gigapage (RWX, A, D, not U) and the finisher with one
/// page, so the body and FINISH work from S-mode; tests add their own mappings.
/// </summary>
public static class PagedMachine
{
    public const ulong Va = 0x4000_0000, Va2 = 0x4000_1000;

    /// <summary>Physical frames for test data, below the page-table pool.</summary>
    public const ulong Frame1 = 0x8020_0000, Frame2 = 0x8020_1000, Frame3 = 0x8020_2000;

    public static string Program(string supervisorBody, string extra = "") => $"""
            SET_MTVEC mtrap
            csrw satp, a0
            sfence.vma
            ENTER_S stest
            .align 2
        mtrap:
            RECORD_TRAP
            FINISH
        stest:
            {supervisorBody}
            FINISH
        {extra}
        """;

    public static (SystemMachine Machine, PageTableBuilder Tables) Create(string backend, int levels, string supervisorBody,
        string extra = "", RiscVHartOptions? options = null, ulong tablePool = SystemMachine.TablePool)
    {
        var machine = new SystemMachine(backend, options).Load(Program(supervisorBody, extra));
        var tables = new PageTableBuilder(machine.Bus, levels, tablePool);
        MapBase(tables);
        machine.SetX(Reg.A0, tables.Satp());
        return (machine, tables);
    }

    /// <summary>RAM as one identity gigapage and the finisher as one page.</summary>
    public static void MapBase(PageTableBuilder tables)
    {
        tables.Map(SystemMachine.RamBase, SystemMachine.RamBase, PageTableBuilder.Rwx, level: 2);
        tables.Map(SystemMachine.FinisherBase, SystemMachine.FinisherBase, PageTableBuilder.Rwx & ~PageTableBuilder.X);
    }

    public static TheoryData<string, int> BothModes()
    {
        var data = new TheoryData<string, int>();
        foreach (var backend in TestBackends.All)
        {
            data.Add(backend, 3);
            data.Add(backend, 4);
        }
        return data;
    }
}
