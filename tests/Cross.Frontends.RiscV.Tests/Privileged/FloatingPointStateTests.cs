using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.Tests.TestSupport;

namespace Cross.Frontends.RiscV.Tests.Privileged;

/// <summary>mstatus.FS: FP instructions and CSRs are illegal while Off, and anything that writes FP state makes it Dirty.</summary>
public sealed class FloatingPointStateTests
{
    private const ulong Fs = 3 << 13, Sd = 1UL << 63;

    public static TheoryData<string, string> FloatingPointInstructions()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in TestBackends.All)
        {
            data.Add(backend, "fadd.d fa0, fa1, fa2");
            data.Add(backend, "fld fa0, 0(sp)");
            data.Add(backend, "fsw fa0, 0(sp)");
            data.Add(backend, "c.fsdsp fa0, 0(sp)");
            data.Add(backend, "fmv.x.d a1, fa0");
            data.Add(backend, "fmv.w.x fa0, a1");
            data.Add(backend, "fcvt.w.s a1, fa0");
            data.Add(backend, "frflags a1");
            data.Add(backend, "fsrm a1");
            data.Add(backend, "csrr a1, fcsr");
        }
        return data;
    }

    [Theory, MemberData(nameof(FloatingPointInstructions))]
    public void FloatingPointIsIllegalWhileFsIsOff(string backend, string instruction)
    {
        var m = new SystemMachine(backend).Load($"""
                SET_MTVEC handler
                la sp, scratch
            fp:
                {instruction}
                li s0, 99
                FINISH
                .align 2
            handler:
                RECORD_TRAP
                FINISH
                .align 3
            scratch:
                .dword 0
            """).RunToFinish();
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.X(Reg.S0));
        Assert.Equal(m.Symbol("fp"), m.X(Reg.S2));
        var length = (m.Read(m.Symbol("fp"), 2) & 3) == 3 ? 4 : 2;
        Assert.Equal(m.Read(m.Symbol("fp"), length), m.X(Reg.S1));
    }

    [Theory, AllBackends]
    public void LazyEnableRetriesTheInstructionAndMarksFsDirty(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                la t0, value
                fld fa0, 0(t0)         # traps once: the handler turns FP on and returns here
                fadd.d fa1, fa0, fa0
                fmv.x.d a1, fa1
                csrr s4, mstatus
                FINISH
                .align 2
            handler:
                csrr s0, mcause
                addi s5, s5, 1
                li t6, 1 << 13         # FS = Initial
                csrs mstatus, t6
                mret
                .align 3
            value:
                .double 1.5
            """).RunToFinish();
        Assert.Equal(1UL, m.X(Reg.S5));
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.X(Reg.S0));
        Assert.Equal(BitConverter.DoubleToUInt64Bits(3.0), m.X(Reg.A1));
        Assert.Equal(Fs | Sd, m.X(Reg.S4) & (Fs | Sd));
        Assert.Equal(FloatingPointState.Dirty, m.Hart.FloatingPoint);
    }

    [Theory, AllBackends]
    public void ReadingFpStateKeepsItCleanAndWritingMakesItDirty(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                li t0, 2 << 13         # FS = Clean
                csrs mstatus, t0
                la sp, scratch
                fsd fa0, 0(sp)
                fmv.x.d a1, fa0
                fclass.d a2, fa0
                frcsr a3
                csrr s4, mstatus       # still Clean
                fmv.d.x fa1, a1
                csrr s5, mstatus       # Dirty
                li t0, 3 << 13
                csrc mstatus, t0
                li t0, 2 << 13
                csrs mstatus, t0       # Clean again
                fsflags zero           # writing fflags dirties too
                csrr s6, mstatus
                FINISH
                .align 3
            scratch:
                .dword 0
            """).RunToFinish();
        Assert.Equal(2UL << 13, m.X(Reg.S4) & Fs);
        Assert.Equal(0UL, m.X(Reg.S4) & Sd);
        Assert.Equal(Fs | Sd, m.X(Reg.S5) & (Fs | Sd));
        Assert.Equal(Fs | Sd, m.X(Reg.S6) & (Fs | Sd));
    }

    [Theory, AllBackends]
    public void SupervisorSeesFsThroughSstatus(string backend)
    {
        var m = new SystemMachine(backend).Load("""
                SET_MTVEC handler
                ENTER_S kernel
                .align 2
            handler:
                RECORD_TRAP
                FINISH
            kernel:
                li t0, 1 << 13
                csrs sstatus, t0       # the kernel enables FP for itself
                fmv.d.x fa0, zero
                csrr s4, sstatus
                li t0, 3 << 13
                csrc sstatus, t0       # off again
            fp:
                fmv.d.x fa0, zero      # illegal
            """).RunToFinish();
        Assert.Equal(Fs | Sd, m.X(Reg.S4) & (Fs | Sd));
        Assert.Equal((ulong)ExceptionCause.IllegalInstruction, m.X(Reg.S0));
        Assert.Equal(m.Symbol("fp"), m.X(Reg.S2));
    }
}
