using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.Asm;

namespace Cross.Frontends.RiscV.Tests.Extensions;

/// <summary>Double precision and the single/double conversions.</summary>
public sealed class RvDTests
{
    private const ulong Boxed = 0xFFFF_FFFF_0000_0000;
    private const ulong CanonicalNaN = 0x7FF8_0000_0000_0000;
    private const ulong SignalingNaN = 0x7FF0_0000_0000_0001;
    private const uint NX = 1, NV = 16;

    private static uint Fp(string mnemonic, int rd = 10, int rs1 = 11, int rs2 = 12, int rs3 = 13, int rm = Rne) =>
        Op(mnemonic, rd: rd, rs1: rs1, rs2: rs2, rs3: rs3, rm: rm);

    [Theory, AllBackends]
    public void Arithmetic(string backend)
    {
        var m = new RiscVMachine(backend).SetF64(11, 6).SetF64(12, 1.5).Load(
            Fp("fadd.d", rd: 1), Fp("fsub.d", rd: 2), Fp("fmul.d", rd: 3), Fp("fdiv.d", rd: 4), Op("fsqrt.d", rd: 5, rs1: 11)).RunToBreak();
        Assert.Equal([7.5, 4.5, 9, 4, Math.Sqrt(6)], [m.F64(1), m.F64(2), m.F64(3), m.F64(4), m.F64(5)]);
        Assert.Equal(NX, m.Fflags);
    }

    [Theory, AllBackends]
    public void SqrtOfNegativeIsCanonicalNaN(string backend)
    {
        var m = new RiscVMachine(backend).SetF64(11, -1).Load(Op("fsqrt.d", rd: 1, rs1: 11)).RunToBreak();
        Assert.Equal(CanonicalNaN, m.F(1));
        Assert.Equal(NV, m.Fflags);
    }

    [Theory, AllBackends]
    public void DoubleOperandsAreNotUnboxed(string backend)
    {
        // A NaN-boxed single is just a NaN to the D instructions.
        var m = new RiscVMachine(backend).SetF32(11, 1f).SetF64(12, 1).Load(Fp("fadd.d", rd: 1)).RunToBreak();
        Assert.Equal(CanonicalNaN, m.F(1));
        Assert.Equal(0u, m.Fflags);
    }

    [Theory, AllBackends]
    public void FusedMultiplyAdd(string backend)
    {
        var a = 1 + Math.Pow(2, -52);
        var b = 1 - Math.Pow(2, -52);
        var m = new RiscVMachine(backend).SetF64(11, a).SetF64(12, b).SetF64(13, 1).Load(
            Fp("fmsub.d", rd: 1), Fp("fnmadd.d", rd: 2), Fp("fmadd.d", rd: 3), Fp("fnmsub.d", rd: 4)).RunToBreak();
        Assert.Equal(-Math.Pow(2, -104), m.F64(1));
        Assert.Equal(-2.0, m.F64(2));
        Assert.Equal(2.0, m.F64(3));
        Assert.Equal(Math.Pow(2, -104), m.F64(4));
    }

    [Theory, AllBackends]
    public void SignInjectionAndMoves(string backend)
    {
        var m = new RiscVMachine(backend).SetF(11, SignalingNaN).SetF64(12, -2).SetX(5, unchecked((long)0xFFF0_0000_0000_0001)).Load(
            Fp("fsgnj.d", rd: 1), Fp("fsgnjn.d", rd: 2, rs1: 12, rs2: 12), Fp("fsgnjx.d", rd: 3, rs1: 12, rs2: 12),
            Op("fmv.x.d", rd: 6, rs1: 11), Op("fmv.d.x", rd: 4, rs1: 5)).RunToBreak();
        Assert.Equal(0x8000_0000_0000_0000 | SignalingNaN, m.F(1));
        Assert.Equal(2.0, m.F64(2));
        Assert.Equal(2.0, m.F64(3));
        Assert.Equal(SignalingNaN, m.X(6));
        Assert.Equal(0xFFF0_0000_0000_0001, m.F(4));
        Assert.Equal(0u, m.Fflags);
    }

    [Theory, AllBackends]
    public void MinMaxAndCompare(string backend)
    {
        var m = new RiscVMachine(backend).SetF64(11, -0.0).SetF64(12, 0.0).SetF(13, SignalingNaN).Load(
            Fp("fmin.d", rd: 1), Fp("fmax.d", rd: 2), Fp("fle.d", rd: 3), Fp("flt.d", rd: 4), Fp("feq.d", rd: 5),
            Fp("fmin.d", rd: 6, rs1: 13, rs2: 13), Fp("feq.d", rd: 7, rs1: 13, rs2: 13)).RunToBreak();
        Assert.Equal(0x8000_0000_0000_0000UL, m.F(1));
        Assert.Equal(0UL, m.F(2));
        Assert.Equal([1UL, 0UL, 1UL, 0UL], [m.X(3), m.X(4), m.X(5), m.X(7)]); // -0 == +0
        Assert.Equal(CanonicalNaN, m.F(6));
        Assert.Equal(NV, m.Fflags);
    }

    public static TheoryData<string, ulong, int> ClassCases()
    {
        var data = new TheoryData<string, ulong, int>();
        (ulong Bits, int Class)[] cases =
        [
            (0xFFF0_0000_0000_0000, 0), (0xBFF0_0000_0000_0000, 1), (0x8000_0000_0000_0001, 2), (0x8000_0000_0000_0000, 3),
            (0, 4), (0x000F_FFFF_FFFF_FFFF, 5), (0x7FEF_FFFF_FFFF_FFFF, 6), (0x7FF0_0000_0000_0000, 7),
            (SignalingNaN, 8), (CanonicalNaN, 9), (0xFFFF_FFFF_FFFF_FFFF, 9),
        ];
        foreach (var backend in TestBackends.All)
            foreach (var (bits, cls) in cases) data.Add(backend, bits, cls);
        return data;
    }

    [Theory]
    [MemberData(nameof(ClassCases))]
    public void Classifies(string backend, ulong bits, int expectedClass)
    {
        var m = new RiscVMachine(backend).SetF(11, bits).Load(Op("fclass.d", rd: 10, rs1: 11)).RunToBreak();
        Assert.Equal(1UL << expectedClass, m.X(10));
    }

    [Theory, AllBackends]
    public void ConvertBetweenPrecisions(string backend)
    {
        var m = new RiscVMachine(backend).SetF64(11, 0.1).SetF32(12, 0.1f).SetF(13, SignalingNaN).Load(
            Op("fcvt.s.d", rd: 1, rs1: 11), Op("fcvt.d.s", rd: 2, rs1: 12), Op("fcvt.s.d", rd: 3, rs1: 13)).RunToBreak();
        Assert.Equal(Boxed | BitConverter.SingleToUInt32Bits(0.1f), m.F(1));
        Assert.Equal((double)0.1f, m.F64(2));
        Assert.Equal(Boxed | 0x7FC0_0000, m.F(3));
        Assert.Equal(NX | NV, m.Fflags);
    }

    [Theory, AllBackends]
    public void ConvertWithInts(string backend)
    {
        var m = new RiscVMachine(backend).SetX(1, 0x1234_5678_FFFF_FFFF).SetF64(11, 1e19).SetF64(12, -1).SetF64(13, -2147483648.5)
            .Load(
                Op("fcvt.d.wu", rd: 1, rs1: 1), Op("fcvt.d.w", rd: 2, rs1: 1), Op("fcvt.d.l", rd: 3, rs1: 1),
                Op("fcvt.d.lu", rd: 4, rs1: 1), Op("fcvt.l.d", rd: 5, rs1: 11), Op("fcvt.lu.d", rd: 6, rs1: 11),
                Op("fcvt.lu.d", rd: 7, rs1: 12), Op("fcvt.w.d", rd: 8, rs1: 13, rm: Rtz), Op("fcvt.wu.d", rd: 9, rs1: 11)).RunToBreak();
        Assert.Equal(4294967295.0, m.F64(1));
        Assert.Equal(-1.0, m.F64(2));
        Assert.Equal((double)0x1234_5678_FFFF_FFFFL, m.F64(3));
        Assert.Equal((double)0x1234_5678_FFFF_FFFFUL, m.F64(4));
        Assert.Equal(0x7FFF_FFFF_FFFF_FFFFUL, m.X(5));
        Assert.Equal(10_000_000_000_000_000_000UL, m.X(6));
        Assert.Equal(0UL, m.X(7));
        Assert.Equal(0xFFFF_FFFF_8000_0000UL, m.X(8));
        Assert.Equal(ulong.MaxValue, m.X(9));
        Assert.Equal(NX | NV, m.Fflags);
    }

    [Theory, AllBackends]
    public void LoadStore(string backend)
    {
        const ulong data = RiscVMachine.DataBase;
        var m = new RiscVMachine(backend).Poke(data, 8, 0x4009_21FB_5444_2D18).SetX(1, (long)data).Load(
            I("fld", 5, 1, 0), Store("fsd", 5, 1, 16)).RunToBreak();
        Assert.Equal(Math.PI, m.F64(5));
        Assert.Equal(0x4009_21FB_5444_2D18UL, m.Read(data + 16, 8));
    }
}
