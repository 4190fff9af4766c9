using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.PageTableBuilder;
using static Cross.Frontends.RiscV.Tests.TestSupport.PagedMachine;

namespace Cross.Frontends.RiscV.Tests.Mmu;

/// <summary>
/// Misaligned loads and stores: performed (like QEMU 7.2), also across pages that map to unrelated
/// frames, or trapped under <see cref="MisalignedAccessPolicy.Trap"/>; atomics always trap.
/// </summary>
public sealed class MisalignedAccessTests
{
    public static TheoryData<string, int> Modes => BothModes();

    [Theory, AllBackends]
    public void MisalignedAccessesWorkInPhysicalMemory(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                la a2, data
                ld a1, 1(a2)
                li t0, 0x1122334455667788
                sd t0, 9(a2)
                lw a3, 3(a2)
                FINISH
                .align 3
            data:
                .dword 0x0807060504030201, 0x100f0e0d0c0b0a09, 0
            """).RunToFinish();
        var data = m.Symbol("data");
        Assert.Equal(0x0908_0706_0504_0302UL, m.X(Reg.A1));
        Assert.Equal(0x1122_3344_5566_7788UL, m.Read(data + 9, 8));
        Assert.Equal(0x0706_0504UL, m.X(Reg.A3));
    }

    [Theory, MemberData(nameof(Modes))]
    public void AnAccessAcrossPagesSplitsBetweenTheirFrames(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li a2, 0x40000ffc
                li t0, 0x1122334455667788
                sd t0, 0(a2)
                ld a1, 0(a2)
                lh a3, 3(a2)
            """);
        pt.Map(Va, Frame1, V | R | W | A | D);
        pt.Map(Va2, Frame3, V | R | W | A | D);
        m.RunToFinish();
        Assert.Equal(0x5566_7788UL, m.Read(Frame1 + 0xFFC, 4));
        Assert.Equal(0x1122_3344UL, m.Read(Frame3, 4));
        Assert.Equal(0x1122_3344_5566_7788UL, m.X(Reg.A1));
        Assert.Equal(0x4455UL, m.X(Reg.A3));
    }

    [Theory, MemberData(nameof(Modes))]
    public void AFaultOnTheSecondPageWritesNothing(string backend, int levels)
    {
        var (m, pt) = Create(backend, levels, """
                li a2, 0x40000ffc
                li t0, -1
            access:
                sd t0, 0(a2)
            """);
        pt.Map(Va, Frame1, V | R | W | A | D);
        pt.Map(Va2, Frame3, V | R | A);
        m.RunToFinish();
        Assert.Equal((ulong)ExceptionCause.StorePageFault, m.X(Reg.S0));
        Assert.Equal(Va2, m.X(Reg.S1)); // the first byte of the page that faulted
        Assert.Equal(m.Symbol("access"), m.X(Reg.S2));
        Assert.Equal(0UL, m.Read(Frame1 + 0xFFC, 4));
    }

    public static TheoryData<string, string, ExceptionCause> Trapped()
    {
        var data = new TheoryData<string, string, ExceptionCause>();
        foreach (var backend in TestBackends.All)
        {
            data.Add(backend, "ld a1, 1(a2)", ExceptionCause.LoadAddressMisaligned);
            data.Add(backend, "lhu a1, 1(a2)", ExceptionCause.LoadAddressMisaligned);
            data.Add(backend, "sw a1, 1(a2)", ExceptionCause.StoreAddressMisaligned);
        }
        return data;
    }

    [Theory, MemberData(nameof(Trapped))]
    public void TheTrapPolicyRaisesAddressMisaligned(string backend, string access, ExceptionCause cause)
    {
        var m = new SystemMachine(backend, new RiscVHartOptions { MisalignedAccesses = MisalignedAccessPolicy.Trap }).Load($"""
                SET_MTVEC handler
                la a2, data
                ld a3, 0(a2)           # aligned: fine
            access:
                {access}
                .align 2
            handler:
                RECORD_TRAP
                FINISH
                .align 3
            data:
                .dword 0
            """).RunToFinish();
        Assert.Equal((ulong)cause, m.X(Reg.S0));
        Assert.Equal(m.Symbol("data") + 1, m.X(Reg.S1));
        Assert.Equal(m.Symbol("access"), m.X(Reg.S2));
    }

    public static TheoryData<string, string, ExceptionCause> Atomics()
    {
        var data = new TheoryData<string, string, ExceptionCause>();
        foreach (var backend in TestBackends.All)
        {
            data.Add(backend, "amoadd.w a1, a1, (a2)", ExceptionCause.StoreAddressMisaligned);
            data.Add(backend, "amoswap.d a1, a1, (a2)", ExceptionCause.StoreAddressMisaligned);
            data.Add(backend, "sc.d a1, a1, (a2)", ExceptionCause.StoreAddressMisaligned);
            data.Add(backend, "lr.w a1, (a2)", ExceptionCause.LoadAddressMisaligned);
        }
        return data;
    }

    [Theory, MemberData(nameof(Atomics))]
    public void MisalignedAtomicsAlwaysTrap(string backend, string access, ExceptionCause cause)
    {
        var m = new SystemMachine(backend).Load($"""
                SET_MTVEC handler
                la a2, data
                addi a2, a2, 2
            access:
                {access}
                .align 2
            handler:
                RECORD_TRAP
                FINISH
                .align 3
            data:
                .dword 0
            """).RunToFinish();
        Assert.Equal((ulong)cause, m.X(Reg.S0));
        Assert.Equal(m.Symbol("data") + 2, m.X(Reg.S1));
    }
}
