using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.Asm;

namespace Cross.Frontends.RiscV.Tests.Extensions;

/// <summary>Single precision: NaN boxing, canonical NaNs, rounding modes, flags, conversions.</summary>
public sealed class RvFTests
{
    private const ulong Boxed = 0xFFFF_FFFF_0000_0000;
    private const ulong CanonicalNaN = Boxed | 0x7FC0_0000;
    private const uint SignalingNaN = 0x7F80_0001;
    private const uint NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;

    private static uint Fp(string mnemonic, int rd = 10, int rs1 = 11, int rs2 = 12, int rs3 = 13, int rm = Rne) =>
        Op(mnemonic, rd: rd, rs1: rs1, rs2: rs2, rs3: rs3, rm: rm);

    [Theory, AllBackends]
    public void AddWritesABoxedResult(string backend)
    {
        var m = new RiscVMachine(backend).SetF32(11, 1.5f).SetF32(12, 2.25f).Load(Fp("fadd.s")).RunToBreak();
        Assert.Equal(Boxed | BitConverter.SingleToUInt32Bits(3.75f), m.F(10));
        Assert.Equal(0u, m.Fflags);
    }

    [Theory, AllBackends]
    public void Arithmetic(string backend)
    {
        var m = new RiscVMachine(backend).SetF32(11, 6f).SetF32(12, 1.5f).Load(
            Fp("fsub.s", rd: 1), Fp("fmul.s", rd: 2), Fp("fdiv.s", rd: 3), Op("fsqrt.s", rd: 4, rs1: 11, rm: Rne)).RunToBreak();
        Assert.Equal(4.5f, m.F32(1));
        Assert.Equal(9f, m.F32(2));
        Assert.Equal(4f, m.F32(3));
        Assert.Equal(MathF.Sqrt(6f), m.F32(4));
        Assert.Equal(NX, m.Fflags); // sqrt(6) is inexact
    }

    [Theory, AllBackends]
    public void UnboxedOperandReadsAsCanonicalNaN(string backend)
    {
        var m = new RiscVMachine(backend).SetF(11, 0x0000_0000_3F80_0000).SetF32(12, 1f).Load(
            Fp("fadd.s"), Fp("fsgnj.s", rd: 14, rs1: 11, rs2: 12), Op("fclass.s", rd: 15, rs1: 11)).RunToBreak();
        Assert.Equal(CanonicalNaN, m.F(10));
        Assert.Equal(0u, m.Fflags); // a quiet NaN input raises nothing
        Assert.Equal(CanonicalNaN, m.F(14));
        Assert.Equal(1UL << 9, m.X(15));
    }

    [Theory, AllBackends]
    public void TransfersIgnoreBoxing(string backend)
    {
        var m = new RiscVMachine(backend).SetF(11, 0x1234_5678_8000_0001).SetX(1, (long)RiscVMachine.DataBase).SetX(2, 0x1_8765_4321).Load(
            Op("fmv.x.w", rd: 10, rs1: 11), Store("fsw", 11, 1, 0), Op("fmv.w.x", rd: 12, rs1: 2),
            I("flw", 13, 1, 0)).RunToBreak();
        Assert.Equal(0xFFFF_FFFF_8000_0001, m.X(10));
        Assert.Equal(0x8000_0001UL, m.Read(RiscVMachine.DataBase, 8));
        Assert.Equal(Boxed | 0x8765_4321, m.F(12));
        Assert.Equal(Boxed | 0x8000_0001, m.F(13));
    }

    [Theory, AllBackends]
    public void SignalingNaNGivesCanonicalNaNAndInvalid(string backend)
    {
        var m = new RiscVMachine(backend).SetF(11, Boxed | SignalingNaN).SetF32(12, 1f).Load(Fp("fmul.s")).RunToBreak();
        Assert.Equal(CanonicalNaN, m.F(10));
        Assert.Equal(NV, m.Fflags);
    }

    [Theory, AllBackends]
    public void FlagsAccrue(string backend)
    {
        var m = new RiscVMachine(backend).SetF32(11, 1f).SetF32(12, 3f).SetF32(13, 0f).Load(
            Fp("fdiv.s", rd: 1), Fp("fdiv.s", rd: 2, rs2: 13)).RunToBreak();
        Assert.Equal(NX | DZ, m.Fflags);
        Assert.Equal(float.PositiveInfinity, m.F32(2));
    }

    [Theory, AllBackends]
    public void OverflowAndUnderflowFlags(string backend)
    {
        var m = new RiscVMachine(backend).SetF32(11, float.MaxValue).SetF32(12, 1e-30f).Load(
            Fp("fadd.s", rd: 1, rs1: 11, rs2: 11), Fp("fmul.s", rd: 2, rs1: 12, rs2: 12)).RunToBreak();
        Assert.Equal(float.PositiveInfinity, m.F32(1));
        Assert.Equal(0f, m.F32(2));
        Assert.Equal(NX | OF | UF, m.Fflags);
    }

    [Theory, AllBackends]
    public void StaticAndDynamicRounding(string backend)
    {
        // 1 + 2^-24 is halfway between 1 and the next float: RNE keeps 1, RUP goes up, dyn follows frm.
        var m = new RiscVMachine(backend).SetF32(11, 1f).SetF32(12, MathF.Pow(2, -24));
        m.Fcsr = (uint)Rup << 5;
        m.Load(Fp("fadd.s", rd: 1, rm: Rne), Fp("fadd.s", rd: 2, rm: Rup), Fp("fadd.s", rd: 3, rm: Dyn),
            Fp("fadd.s", rd: 4, rm: Rdn), Fp("fadd.s", rd: 5, rm: Rmm), Fp("fadd.s", rd: 6, rm: Rtz)).RunToBreak();
        Assert.Equal(0x3F80_0000UL | Boxed, m.F(1));
        Assert.Equal(0x3F80_0001UL | Boxed, m.F(2));
        Assert.Equal(0x3F80_0001UL | Boxed, m.F(3));
        Assert.Equal(0x3F80_0000UL | Boxed, m.F(4));
        Assert.Equal(0x3F80_0001UL | Boxed, m.F(5));
        Assert.Equal(0x3F80_0000UL | Boxed, m.F(6));
        Assert.Equal(NX | ((uint)Rup << 5), m.Fcsr);
    }

    [Theory, AllBackends]
    public void DynamicRoundingWithReservedFrmIsIllegal(string backend)
    {
        var add = Fp("fadd.s", rm: Dyn);
        var m = new RiscVMachine(backend).SetF32(11, 1f).SetF32(12, 2f).Load(Li(5, 1), add, Li(6, 1));
        m.Fcsr = 5 << 5;
        var stop = m.Run();
        Assert.Equal(StopKind.Trap, stop.Kind);
        Assert.Equal(TrapKind.IllegalInstruction, stop.Trap);
        Assert.Equal(RiscVMachine.CodeBase + 4, stop.TrapPc);
        // User mode reads frm inline and the FP operation itself raises the trap, without the
        // instruction bits (SIGILL reports only the PC); system mode's helper path reports them (stval).
        Assert.Equal(0UL, stop.Detail);
        Assert.Equal(RiscVMachine.CodeBase + 4, m.Context.Pc);
        Assert.Equal(1UL, m.X(5));
        Assert.Equal(0UL, m.X(6));
        Assert.Equal(0UL, m.F(10));
    }

    [Theory, AllBackends]
    public void ReservedStaticRoundingModeIsIllegal(string backend)
    {
        var word = Fp("fadd.s") | 5 << 12;
        var m = new RiscVMachine(backend).Load(word);
        var stop = m.Run();
        Assert.Equal(TrapKind.IllegalInstruction, stop.Trap);
        Assert.Equal(word, stop.Detail);
        Assert.Equal(RiscVMachine.CodeBase, stop.TrapPc);
    }

    [Theory, AllBackends]
    public void FusedMultiplyAddSigns(string backend)
    {
        var m = new RiscVMachine(backend).SetF32(11, 2f).SetF32(12, 3f).SetF32(13, 1f).Load(
            Fp("fmadd.s", rd: 1), Fp("fmsub.s", rd: 2), Fp("fnmsub.s", rd: 3), Fp("fnmadd.s", rd: 4)).RunToBreak();
        Assert.Equal(7f, m.F32(1));
        Assert.Equal(5f, m.F32(2));
        Assert.Equal(-5f, m.F32(3));
        Assert.Equal(-7f, m.F32(4));
    }

    [Theory, AllBackends]
    public void FusedMultiplyAddRoundsOnce(string backend)
    {
        // (1 + 2^-23) * (1 - 2^-23) - 1 = -2^-46 exactly; a separate multiply would round to 0.
        var m = new RiscVMachine(backend).SetF32(11, 1f + MathF.Pow(2, -23)).SetF32(12, 1f - MathF.Pow(2, -23)).SetF32(13, 1f)
            .Load(Fp("fmsub.s", rd: 1)).RunToBreak();
        Assert.Equal(-MathF.Pow(2, -46), m.F32(1));
    }

    [Theory, AllBackends]
    public void SignInjectionIsPureBits(string backend)
    {
        var m = new RiscVMachine(backend).SetF(11, Boxed | SignalingNaN).SetF32(12, -1f).Load(
            Fp("fsgnj.s", rd: 1), Fp("fsgnjn.s", rd: 2), Fp("fsgnjx.s", rd: 3), Fp("fsgnjx.s", rd: 4, rs1: 12, rs2: 12)).RunToBreak();
        Assert.Equal(Boxed | 0x8000_0000 | SignalingNaN, m.F(1));
        Assert.Equal(Boxed | SignalingNaN, m.F(2));
        Assert.Equal(Boxed | 0x8000_0000 | SignalingNaN, m.F(3));
        Assert.Equal(1f, m.F32(4));
        Assert.Equal(0u, m.Fflags);
    }

    [Theory, AllBackends]
    public void MinMax(string backend)
    {
        var m = new RiscVMachine(backend).SetF32(11, -0f).SetF32(12, 0f).SetF(13, CanonicalNaN).SetF32(14, 1f).SetF(15, Boxed | SignalingNaN).Load(
            Fp("fmin.s", rd: 1), Fp("fmax.s", rd: 2), Fp("fmax.s", rd: 3, rs1: 13, rs2: 14), Fp("fmin.s", rd: 4, rs1: 13, rs2: 13)).RunToBreak();
        Assert.Equal(Boxed | 0x8000_0000, m.F(1));
        Assert.Equal(Boxed, m.F(2));
        Assert.Equal(1f, m.F32(3));
        Assert.Equal(CanonicalNaN, m.F(4));
        Assert.Equal(0u, m.Fflags);
        m.Write(RiscVMachine.CodeBase, Fp("fmax.s", rd: 5, rs1: 15, rs2: 14), Ebreak);
        m.Context.Pc = RiscVMachine.CodeBase;
        m.RunToBreak();
        Assert.Equal(1f, m.F32(5));
        Assert.Equal(NV, m.Fflags);
    }

    [Theory, AllBackends]
    public void Compares(string backend)
    {
        var m = new RiscVMachine(backend).SetF32(11, 1f).SetF32(12, 2f).SetF(13, CanonicalNaN).Load(
            Fp("feq.s", rd: 1, rs1: 11, rs2: 11), Fp("flt.s", rd: 2), Fp("fle.s", rd: 3, rs1: 12, rs2: 11), Fp("feq.s", rd: 4, rs1: 13, rs2: 13)).RunToBreak();
        Assert.Equal([1UL, 1UL, 0UL, 0UL], [m.X(1), m.X(2), m.X(3), m.X(4)]);
        Assert.Equal(0u, m.Fflags); // feq is quiet
        m.Write(RiscVMachine.CodeBase, Fp("flt.s", rd: 5, rs1: 13, rs2: 11), Ebreak);
        m.Context.Pc = RiscVMachine.CodeBase;
        m.RunToBreak();
        Assert.Equal(0UL, m.X(5));
        Assert.Equal(NV, m.Fflags); // flt signals on any NaN
    }

    public static TheoryData<string, uint, int> ClassCases()
    {
        var data = new TheoryData<string, uint, int>();
        (uint Bits, int Class)[] cases =
        [
            (0xFF80_0000, 0), (0xBF80_0000, 1), (0x8000_0001, 2), (0x8000_0000, 3),
            (0x0000_0000, 4), (0x0000_0001, 5), (0x3F80_0000, 6), (0x7F80_0000, 7),
            (SignalingNaN, 8), (0x7FC0_0000, 9), (0xFFC0_0001, 9), (0xFF80_0001, 8),
        ];
        foreach (var backend in TestBackends.All)
            foreach (var (bits, cls) in cases) data.Add(backend, bits, cls);
        return data;
    }

    [Theory]
    [MemberData(nameof(ClassCases))]
    public void Classifies(string backend, uint bits, int expectedClass)
    {
        var m = new RiscVMachine(backend).SetF(11, Boxed | bits).Load(Op("fclass.s", rd: 10, rs1: 11)).RunToBreak();
        Assert.Equal(1UL << expectedClass, m.X(10));
    }

    [Theory, AllBackends]
    public void ConvertToIntSaturates(string backend)
    {
        var m = new RiscVMachine(backend).SetF(11, CanonicalNaN).SetF32(12, float.NegativeInfinity).SetF32(13, 3e9f).SetF32(14, -1f)
            .Load(
                Op("fcvt.w.s", rd: 1, rs1: 11), Op("fcvt.w.s", rd: 2, rs1: 12), Op("fcvt.w.s", rd: 3, rs1: 13),
                Op("fcvt.wu.s", rd: 4, rs1: 14), Op("fcvt.wu.s", rd: 5, rs1: 11), Op("fcvt.l.s", rd: 6, rs1: 11),
                Op("fcvt.lu.s", rd: 7, rs1: 14)).RunToBreak();
        Assert.Equal(0x7FFF_FFFFUL, m.X(1));
        Assert.Equal(0xFFFF_FFFF_8000_0000, m.X(2));
        Assert.Equal(0x7FFF_FFFFUL, m.X(3));
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(ulong.MaxValue, m.X(5)); // 0xFFFFFFFF sign-extended
        Assert.Equal(0x7FFF_FFFF_FFFF_FFFFUL, m.X(6));
        Assert.Equal(0UL, m.X(7));
        Assert.Equal(NV, m.Fflags);
    }

    [Theory, AllBackends]
    public void ConvertToIntRoundsAndSignExtends(string backend)
    {
        var m = new RiscVMachine(backend).SetF32(11, 3e9f).SetF32(12, -2.5f).Load(
            Op("fcvt.wu.s", rd: 1, rs1: 11), Op("fcvt.w.s", rd: 2, rs1: 12, rm: Rne), Op("fcvt.w.s", rd: 3, rs1: 12, rm: Rmm),
            Op("fcvt.l.s", rd: 4, rs1: 12, rm: Rup), Op("fcvt.l.s", rd: 5, rs1: 12, rm: Rdn)).RunToBreak();
        Assert.Equal(0xFFFF_FFFF_B2D0_5E00, m.X(1));
        Assert.Equal(unchecked((ulong)-2L), m.X(2));
        Assert.Equal(unchecked((ulong)-3L), m.X(3));
        Assert.Equal(unchecked((ulong)-2L), m.X(4));
        Assert.Equal(unchecked((ulong)-3L), m.X(5));
        Assert.Equal(NX, m.Fflags);
    }

    [Theory, AllBackends]
    public void ConvertFromInt(string backend)
    {
        var m = new RiscVMachine(backend).SetX(1, -1).SetX(2, 0x1234_5678_0000_0010).Load(
            Op("fcvt.s.w", rd: 1, rs1: 1), Op("fcvt.s.wu", rd: 2, rs1: 1), Op("fcvt.s.l", rd: 3, rs1: 2),
            Op("fcvt.s.lu", rd: 4, rs1: 1), Op("fcvt.s.w", rd: 5, rs1: 2)).RunToBreak();
        Assert.Equal(-1f, m.F32(1));
        Assert.Equal(4294967296f, m.F32(2));
        Assert.Equal((float)0x1234_5678_0000_0010L, m.F32(3));
        Assert.Equal(18446744073709551616f, m.F32(4));
        Assert.Equal(16f, m.F32(5)); // upper bits ignored
        Assert.Equal(Boxed, m.F(5) & Boxed);
        Assert.Equal(NX, m.Fflags);
    }

    [Theory, AllBackends]
    public void LoadStore(string backend)
    {
        const ulong data = RiscVMachine.DataBase;
        var m = new RiscVMachine(backend).Poke(data, 4, 0x4049_0FDB).SetX(1, (long)data).Load(
            I("flw", 5, 1, 0), Store("fsw", 5, 1, 8)).RunToBreak();
        Assert.Equal(Boxed | 0x4049_0FDB, m.F(5));
        Assert.Equal(0x4049_0FDBUL, m.Read(data + 8, 8));
    }
}
