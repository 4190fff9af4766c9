using Cross.Core.Engine;
using Cross.Frontends.Arm64.Tests.TestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

public class LoadStorePairTests
{
    private const ulong Data = A64Machine.DataBase;

    private static A64Machine WithPattern(string backend, string source)
    {
        var m = new A64Machine(backend).Load(source);
        for (var i = 0UL; i < 8; i++) m.Poke(Data + i * 8, 8, 0x8070_6050_4030_2010UL + i * 0x0101_0101_0101_0101UL);
        return m.SetX(1, Data);
    }

    [Theory]
    [AllBackends]
    public void IntegerPairsInEveryAddressingMode(string backend)
    {
        var m = WithPattern(backend, """
            ldp x2, x3, [x1, #8]
            ldp w4, w5, [x1, #-4]!
            ldp w6, w7, [x1], #12
            ldpsw x8, x9, [x1]
            ldnp x10, x11, [x1, #8]
            """).SetX(1, Data + 4).SetX(4, ulong.MaxValue).RunToBreak();
        Assert.Equal(0x4232_2212_8171_6151UL, m.X(2));
        Assert.Equal(0x4333_2313_8272_6252UL, m.X(3));
        // The W pair zero-extends each register.
        Assert.Equal(0x4030_2010UL, m.X(4));
        Assert.Equal(0x8070_6050UL, m.X(5));
        Assert.Equal(0x4030_2010UL, m.X(6));
        Assert.Equal(0x8070_6050UL, m.X(7));
        Assert.Equal(Data + 12, m.X(1));
        Assert.Equal(0xFFFF_FFFF_8171_6151UL, m.X(8));
        Assert.Equal(0x4232_2212UL, m.X(9));
        Assert.Equal(0x4333_2313_8272_6252UL, m.X(10));
        Assert.Equal(0x4434_2414_8373_6353UL, m.X(11));
    }

    [Theory]
    [AllBackends]
    public void StorePairsAndStackFrames(string backend)
    {
        var m = new A64Machine(backend).Load("""
            stp x29, x30, [sp, #-32]!
            stp w2, w3, [sp, #16]
            stnp w3, w2, [sp, #24]
            ldp x29, x30, [sp], #32
            stp x2, xzr, [x1], #16
            """).SetX(29, 0x2929).SetX(30, 0x3030).SetX(2, 0xAAAA_BBBB_CCCC_DDDD).SetX(3, 0x1111_2222).SetX(1, Data)
            .Poke(Data + 8, 8, ulong.MaxValue).RunToBreak();
        var frame = A64Machine.StackTop - 32;
        Assert.Equal(0x2929UL, m.Read(frame, 8));
        Assert.Equal(0x3030UL, m.Read(frame + 8, 8));
        Assert.Equal(0x1111_2222_CCCC_DDDDUL, m.Read(frame + 16, 8));
        Assert.Equal(0xCCCC_DDDD_1111_2222UL, m.Read(frame + 24, 8));
        Assert.Equal(A64Machine.StackTop, m.Sp);
        Assert.Equal(0x2929UL, m.X(29));
        Assert.Equal(0xAAAA_BBBB_CCCC_DDDDUL, m.Read(Data, 8));
        Assert.Equal(0UL, m.Read(Data + 8, 8));
        Assert.Equal(Data + 16, m.X(1));
    }

    [Theory]
    [AllBackends]
    public void FpPairsOfEverySize(string backend)
    {
        var m = WithPattern(backend, """
            ldp s0, s1, [x1]
            ldp d2, d3, [x1, #8]!
            ldp q4, q5, [x1], #16
            sub x1, x1, #24
            ldnp d6, d7, [x1, #16]
            stp q4, q5, [x1, #64]
            stp s1, s0, [x1, #96]
            stnp d3, d2, [x1, #104]
            """);
        for (var v = 0; v < 8; v++) m.SetV(v, UInt128.MaxValue);
        m.RunToBreak();
        Assert.Equal((UInt128)m.Read(Data, 4), m.V(0));
        Assert.Equal((UInt128)m.Read(Data + 4, 4), m.V(1));
        Assert.Equal((UInt128)m.Read(Data + 8, 8), m.V(2));
        Assert.Equal((UInt128)m.Read(Data + 16, 8), m.V(3));
        Assert.Equal(new UInt128(m.Read(Data + 16, 8), m.Read(Data + 8, 8)), m.V(4));
        Assert.Equal(new UInt128(m.Read(Data + 32, 8), m.Read(Data + 24, 8)), m.V(5));
        Assert.Equal(Data, m.X(1));
        Assert.Equal((UInt128)m.Read(Data + 16, 8), m.V(6));
        Assert.Equal((UInt128)m.Read(Data + 24, 8), m.V(7));
        for (var i = 0UL; i < 32; i += 8) Assert.Equal(m.Read(Data + 8 + i, 8), m.Read(Data + 64 + i, 8));
        Assert.Equal(m.Read(Data + 4, 4), m.Read(Data + 96, 4));
        Assert.Equal(m.Read(Data, 4), m.Read(Data + 100, 4));
        Assert.Equal(m.Read(Data + 16, 8), m.Read(Data + 104, 8));
        Assert.Equal(m.Read(Data + 8, 8), m.Read(Data + 112, 8));
    }

    [Theory]
    [AllBackends]
    public void AFaultOnTheSecondHalfLeavesBothRegistersAndTheBase(string backend)
    {
        var top = A64Machine.StackTop;
        var m = new A64Machine(backend).Load("ldp x2, x3, [x1, #8]!").SetX(1, top - 16).SetX(2, 2).SetX(3, 3);
        var stop = m.Run();
        Assert.Equal(StopKind.MemoryFault, stop.Kind);
        Assert.Equal(2UL, m.X(2));
        Assert.Equal(3UL, m.X(3));
        Assert.Equal(top - 16, m.X(1));
    }
}
