using Cross.Frontends.Arm64.Tests.TestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

public class LoadStoreStructureTests
{
    private const ulong Data = A64Machine.DataBase;

    /// <summary>Memory byte k of the pattern at Data: distinct and non-zero for k below 255.</summary>
    private static byte PatternByte(int k) => (byte)(k + 1);

    /// <summary>
    /// A machine with the byte pattern at Data (256 bytes) and every vector register all ones, so
    /// a zeroed upper half or an untouched lane shows.
    /// </summary>
    private static A64Machine WithPattern(string backend, string source)
    {
        var m = new A64Machine(backend).Load(source);
        for (var k = 0; k < 256; k++) m.Poke(Data + (ulong)k, 1, PatternByte(k));
        for (var v = 0; v < 32; v++) m.SetV(v, UInt128.MaxValue);
        return m.SetX(1, Data);
    }

    /// <summary>
    /// The vector whose element e (of <paramref name="elementBytes"/>) is the pattern at byte
    /// offset <paramref name="offsetOf"/>(e), for <paramref name="count"/> elements; higher bytes are
    /// <paramref name="rest"/>.
    /// </summary>
    private static UInt128 Elements(int elementBytes, int count, Func<int, int> offsetOf, byte rest = 0)
    {
        var bytes = new byte[16];
        Array.Fill(bytes, rest);
        for (var e = 0; e < count; e++)
            for (var b = 0; b < elementBytes; b++)
                bytes[e * elementBytes + b] = PatternByte(offsetOf(e) + b);
        return FromBytes(bytes);
    }

    private static UInt128 FromBytes(byte[] bytes)
    {
        UInt128 value = 0;
        for (var b = 15; b >= 0; b--) value = value << 8 | bytes[b];
        return value;
    }

    [Theory]
    [AllBackends]
    public void Ld1LoadsConsecutiveRegisters(string backend)
    {
        var m = WithPattern(backend, """
            ld1 {v0.16b}, [x1]
            ld1 {v1.8b, v2.8b}, [x1]
            ld1 {v3.4s, v4.4s, v5.4s}, [x1]
            ld1 {v6.1d, v7.1d, v8.1d, v9.1d}, [x1]
            ld1 {v10.2d, v11.2d, v12.2d, v13.2d}, [x1]
            """).RunToBreak();
        Assert.Equal(Elements(1, 16, e => e), m.V(0));
        Assert.Equal(Elements(1, 8, e => e), m.V(1));
        Assert.Equal(Elements(1, 8, e => 8 + e), m.V(2));
        for (var r = 0; r < 3; r++) Assert.Equal(Elements(4, 4, e => 16 * r + 4 * e), m.V(3 + r));
        for (var r = 0; r < 4; r++) Assert.Equal(Elements(8, 1, _ => 8 * r), m.V(6 + r));
        for (var r = 0; r < 4; r++) Assert.Equal(Elements(8, 2, e => 16 * r + 8 * e), m.V(10 + r));
    }

    [Theory]
    [AllBackends]
    public void Ld2Ld3Ld4DeinterleaveStructures(string backend)
    {
        var m = WithPattern(backend, """
            ld2 {v0.8h, v1.8h}, [x1]
            ld3 {v2.4s, v3.4s, v4.4s}, [x1]
            ld4 {v5.8b, v6.8b, v7.8b, v8.8b}, [x1]
            ld2 {v9.2d, v10.2d}, [x1]
            ld3 {v11.16b, v12.16b, v13.16b}, [x1]
            ld4 {v14.4h, v15.4h, v16.4h, v17.4h}, [x1]
            """).RunToBreak();
        for (var s = 0; s < 2; s++) Assert.Equal(Elements(2, 8, e => (2 * e + s) * 2), m.V(0 + s));
        for (var s = 0; s < 3; s++) Assert.Equal(Elements(4, 4, e => (3 * e + s) * 4), m.V(2 + s));
        for (var s = 0; s < 4; s++) Assert.Equal(Elements(1, 8, e => 4 * e + s), m.V(5 + s));
        for (var s = 0; s < 2; s++) Assert.Equal(Elements(8, 2, e => (2 * e + s) * 8), m.V(9 + s));
        for (var s = 0; s < 3; s++) Assert.Equal(Elements(1, 16, e => 3 * e + s), m.V(11 + s));
        for (var s = 0; s < 4; s++) Assert.Equal(Elements(2, 4, e => (4 * e + s) * 2), m.V(14 + s));
    }

    [Theory]
    [AllBackends]
    public void RegisterListsWrapFromV31ToV0(string backend)
    {
        var m = WithPattern(backend, """
            ld4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]
            """).RunToBreak();
        int[] registers = [30, 31, 0, 1];
        for (var s = 0; s < 4; s++) Assert.Equal(Elements(4, 4, e => (4 * e + s) * 4), m.V(registers[s]));
    }

    [Theory]
    [AllBackends]
    public void StoresInterleaveAndRoundTrip(string backend)
    {
        var m = WithPattern(backend, """
            ld3 {v0.8h, v1.8h, v2.8h}, [x1]
            st3 {v0.8h, v1.8h, v2.8h}, [x2]
            ld4 {v4.2s, v5.2s, v6.2s, v7.2s}, [x1]
            st4 {v4.2s, v5.2s, v6.2s, v7.2s}, [x3]
            ld1 {v8.16b, v9.16b}, [x1]
            st1 {v8.16b, v9.16b}, [x4]
            st1 {v8.8b}, [x5]
            st2 {v20.16b, v21.16b}, [x6]
            """).SetX(2, Data + 0x100).SetX(3, Data + 0x200).SetX(4, Data + 0x300).SetX(5, Data + 0x380).SetX(6, Data + 0x400);
        var first = new UInt128(0x0F0E_0D0C_0B0A_0908, 0x0706_0504_0302_0100);
        m.SetV(20, first).SetV(21, first + new UInt128(0x8080_8080_8080_8080, 0x8080_8080_8080_8080)).RunToBreak();
        for (var k = 0; k < 48; k++) Assert.Equal(PatternByte(k), (byte)m.Read(Data + 0x100 + (ulong)k, 1));
        for (var k = 0; k < 32; k++) Assert.Equal(PatternByte(k), (byte)m.Read(Data + 0x200 + (ulong)k, 1));
        for (var k = 0; k < 32; k++) Assert.Equal(PatternByte(k), (byte)m.Read(Data + 0x300 + (ulong)k, 1));
        Assert.Equal(m.Read(Data, 8), m.Read(Data + 0x380, 8));
        Assert.Equal(0UL, m.Read(Data + 0x388, 8));
        // ST2 of bytes alternates the two registers: 00 80 01 81 02 82...
        Assert.Equal(0x8303_8202_8101_8000UL, m.Read(Data + 0x400, 8));
        Assert.Equal(0x8F0F_8E0E_8D0D_8C0CUL, m.Read(Data + 0x418, 8));
    }

    [Theory]
    [AllBackends]
    public void ReplicatingLoadsFillEveryLane(string backend)
    {
        var m = WithPattern(backend, """
            ld1r {v0.16b}, [x1]
            ld1r {v1.4h}, [x1]
            ld2r {v2.4s, v3.4s}, [x1]
            ld3r {v4.1d, v5.1d, v6.1d}, [x1]
            ld4r {v7.2d, v8.2d, v9.2d, v10.2d}, [x1]
            ld4r {v11.8b, v12.8b, v13.8b, v14.8b}, [x1]
            """).RunToBreak();
        Assert.Equal(Elements(1, 16, _ => 0), m.V(0));
        Assert.Equal(Elements(2, 4, _ => 0), m.V(1));
        for (var s = 0; s < 2; s++) Assert.Equal(Elements(4, 4, _ => 4 * s), m.V(2 + s));
        for (var s = 0; s < 3; s++) Assert.Equal(Elements(8, 1, _ => 8 * s), m.V(4 + s));
        for (var s = 0; s < 4; s++) Assert.Equal(Elements(8, 2, _ => 8 * s), m.V(7 + s));
        for (var s = 0; s < 4; s++) Assert.Equal(Elements(1, 8, _ => s), m.V(11 + s));
    }

    [Theory]
    [AllBackends]
    public void SingleLaneLoadsKeepTheOtherLanes(string backend)
    {
        var m = WithPattern(backend, """
            ld1 {v0.b}[5], [x1]
            ld2 {v1.h, v2.h}[7], [x1]
            ld3 {v3.s, v4.s, v5.s}[1], [x1]
            ld4 {v6.d, v7.d, v8.d, v9.d}[0], [x1]
            ld1 {v10.b}[15], [x1]
            """).RunToBreak();
        static UInt128 Lane(int elementBytes, int lane, int offset)
        {
            var bytes = new byte[16];
            Array.Fill(bytes, (byte)0xFF);
            for (var b = 0; b < elementBytes; b++) bytes[lane * elementBytes + b] = PatternByte(offset + b);
            return FromBytes(bytes);
        }
        Assert.Equal(Lane(1, 5, 0), m.V(0));
        for (var s = 0; s < 2; s++) Assert.Equal(Lane(2, 7, 2 * s), m.V(1 + s));
        for (var s = 0; s < 3; s++) Assert.Equal(Lane(4, 1, 4 * s), m.V(3 + s));
        for (var s = 0; s < 4; s++) Assert.Equal(Lane(8, 0, 8 * s), m.V(6 + s));
        Assert.Equal(Lane(1, 15, 0), m.V(10));
    }

    [Theory]
    [AllBackends]
    public void SingleLaneStoresWriteOneElementPerRegister(string backend)
    {
        var m = new A64Machine(backend).Load("""
            st1 {v0.s}[3], [x1]
            st2 {v0.b, v1.b}[9], [x2]
            st4 {v0.h, v1.h, v2.h, v3.h}[4], [x3]
            st3 {v0.d, v1.d, v2.d}[1], [x4]
            """).SetX(1, Data).SetX(2, Data + 0x10).SetX(3, Data + 0x20).SetX(4, Data + 0x40);
        for (var v = 0; v < 4; v++)
        {
            var bytes = new byte[16];
            for (var b = 0; b < 16; b++) bytes[b] = (byte)(v << 4 | b);
            m.SetV(v, FromBytes(bytes));
        }
        m.RunToBreak();
        Assert.Equal(0x0F0E_0D0CUL, m.Read(Data, 8));
        Assert.Equal(0x1909UL, m.Read(Data + 0x10, 8));
        Assert.Equal(0x3938_2928_1918_0908UL, m.Read(Data + 0x20, 8));
        Assert.Equal(0x0F0E_0D0C_0B0A_0908UL, m.Read(Data + 0x40, 8));
        Assert.Equal(0x1F1E_1D1C_1B1A_1918UL, m.Read(Data + 0x48, 8));
        Assert.Equal(0x2F2E_2D2C_2B2A_2928UL, m.Read(Data + 0x50, 8));
        Assert.Equal(0UL, m.Read(Data + 0x58, 8));
    }

    [Theory]
    [AllBackends]
    public void PostIndexByImmediateOrRegister(string backend)
    {
        var m = WithPattern(backend, """
            add x2, x1, #0
            ld1 {v0.16b, v1.16b}, [x2], #32
            add x3, x1, #0
            ld2 {v2.4h, v3.4h}, [x3], x9
            add x4, x1, #0
            ld1 {v4.s}[2], [x4], #4
            add x5, x1, #0
            ld3r {v5.8h, v6.8h, v7.8h}, [x5], #6
            add x6, x1, #0
            st4 {v0.b, v1.b, v2.b, v3.b}[0], [x6], x10
            add x7, x1, #0
            ld1 {v8.1d}, [x7], #8
            """).SetX(9, 100).SetX(10, -3L).RunToBreak();
        Assert.Equal(Data + 32, m.X(2));
        Assert.Equal(Data + 100, m.X(3));
        Assert.Equal(Data + 4, m.X(4));
        Assert.Equal(Data + 6, m.X(5));
        Assert.Equal(Data - 3, m.X(6));
        Assert.Equal(Data + 8, m.X(7));
        Assert.Equal(Elements(1, 16, e => 16 + e), m.V(1));
        Assert.Equal(Elements(2, 4, e => (2 * e + 1) * 2), m.V(3));
        Assert.Equal(Elements(2, 8, _ => 4), m.V(7));
    }
}
