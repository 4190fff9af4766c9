using Cross.Core.Engine;
using Cross.Frontends.Arm64.Tests.TestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

public class LoadStoreSingleTests
{
    private const ulong Data = A64Machine.DataBase;

    /// <summary>Eight bytes 0x80..0x87 at Data: every byte has its top bit set, so sign extension shows.</summary>
    private static A64Machine WithPattern(string backend, string source)
    {
        var m = new A64Machine(backend).Load(source);
        m.Poke(Data, 8, 0x8786_8584_8382_8180UL).Poke(Data + 8, 8, 0x0F0E_0D0C_0B0A_0908UL);
        return m.SetX(1, Data);
    }

    [Theory]
    [AllBackends]
    public void UnsignedOffsetLoadsZeroAndSignExtendEverySize(string backend)
    {
        var m = WithPattern(backend, """
            ldrb w2, [x1, #1]
            ldrh w3, [x1, #2]
            ldr w4, [x1, #4]
            ldr x5, [x1]
            ldrsb x6, [x1]
            ldrsb w7, [x1]
            ldrsh x8, [x1, #2]
            ldrsh w9, [x1, #2]
            ldrsw x10, [x1, #4]
            ldr x11, [x1, #8]
            """).SetX(7, ulong.MaxValue).SetX(9, ulong.MaxValue).RunToBreak();
        Assert.Equal(0x81UL, m.X(2));
        Assert.Equal(0x8382UL, m.X(3));
        Assert.Equal(0x8786_8584UL, m.X(4));
        Assert.Equal(0x8786_8584_8382_8180UL, m.X(5));
        Assert.Equal(0xFFFF_FFFF_FFFF_FF80UL, m.X(6));
        // The W forms sign-extend to 32 bits and zero the upper half.
        Assert.Equal(0xFFFF_FF80UL, m.X(7));
        Assert.Equal(0xFFFF_FFFF_FFFF_8382UL, m.X(8));
        Assert.Equal(0xFFFF_8382UL, m.X(9));
        Assert.Equal(0xFFFF_FFFF_8786_8584UL, m.X(10));
        Assert.Equal(0x0F0E_0D0C_0B0A_0908UL, m.X(11));
    }

    [Theory]
    [AllBackends]
    public void StoresWriteOnlyTheirSize(string backend)
    {
        var m = new A64Machine(backend).Load("""
            strb w2, [x1]
            strh w2, [x1, #2]
            str w2, [x1, #4]
            str x2, [x1, #8]
            str xzr, [x1, #16]
            sturb w2, [x1, #25]
            """).SetX(1, Data).SetX(2, 0x1122_3344_5566_7788).Poke(Data + 16, 8, ulong.MaxValue).Poke(Data + 24, 8, 0).RunToBreak();
        Assert.Equal(0x5566_7788_7788_0088UL, m.Read(Data, 8));
        Assert.Equal(0x1122_3344_5566_7788UL, m.Read(Data + 8, 8));
        Assert.Equal(0UL, m.Read(Data + 16, 8));
        Assert.Equal(0x8800UL, m.Read(Data + 24, 8));
    }

    [Theory]
    [AllBackends]
    public void UnscaledAndUnprivilegedOffsetsMayBeNegativeAndUnaligned(string backend)
    {
        var m = WithPattern(backend, """
            add x12, x1, #16
            ldur x2, [x12, #-15]
            ldursh w3, [x12, #-13]
            ldtr w4, [x1, #3]
            ldtrsb x5, [x1, #7]
            sttrh w6, [x1, #32]
            stur w6, [x12, #-1]
            """).SetX(6, 0xAABB_CCDD).RunToBreak();
        Assert.Equal(0x0887_8685_8483_8281UL, m.X(2));
        Assert.Equal(0xFFFF_8483UL, m.X(3));
        Assert.Equal(0x8685_8483UL, m.X(4));
        Assert.Equal(0xFFFF_FFFF_FFFF_FF87UL, m.X(5));
        Assert.Equal(0xCCDDUL, m.Read(Data + 32, 2));
        Assert.Equal(0xAABB_CCDDUL, m.Read(Data + 15, 4));
    }

    [Theory]
    [AllBackends]
    public void PreAndPostIndexWriteBackTheBase(string backend)
    {
        var m = WithPattern(backend, """
            add x2, x1, #0
            ldr x3, [x2], #8
            ldrb w4, [x2, #-1]!
            add x5, x1, #0
            str w6, [x5, #0x20]!
            strh w6, [x5], #-2
            ldrsw x7, [x1, #4]!
            """).SetX(6, 0xCAFE_F00D).RunToBreak();
        Assert.Equal(0x8786_8584_8382_8180UL, m.X(3));
        Assert.Equal(0x87UL, m.X(4));
        Assert.Equal(Data + 7, m.X(2));
        Assert.Equal(Data + 0x1E, m.X(5));
        Assert.Equal(0xCAFE_F00DUL, m.Read(Data + 0x20, 4));
        Assert.Equal(0xFFFF_FFFF_8786_8584UL, m.X(7));
        Assert.Equal(Data + 4, m.X(1));
    }

    [Theory]
    [AllBackends]
    public void SpIsTheBaseRegisterAndWritesBack(string backend)
    {
        var m = new A64Machine(backend).Load("""
            str x1, [sp, #-16]!
            ldr x2, [sp], #16
            """).SetX(1, 0x1234_5678_9ABC_DEF0).RunToBreak();
        Assert.Equal(0x1234_5678_9ABC_DEF0UL, m.X(2));
        Assert.Equal(A64Machine.StackTop, m.Sp);
        Assert.Equal(0x1234_5678_9ABC_DEF0UL, m.Read(A64Machine.StackTop - 16, 8));
    }

    [Theory]
    [AllBackends]
    public void RegisterOffsetsExtendAndScale(string backend)
    {
        var m = WithPattern(backend, """
            ldr x3, [x1, x2, lsl #3]
            ldrb w4, [x1, w5, uxtw]
            ldrh w6, [x12, w7, sxtw #1]
            ldr w8, [x12, x9, sxtx]
            ldrsb x10, [x1, x2]
            str w11, [x1, w2, uxtw #2]
            """).SetX(2, 1).SetX(5, 0xFFFF_FFFF_0000_0003).SetX(12, Data + 8).SetX(7, 0xFFFF_FFFE).SetX(9, -8L).SetX(11, 0x5555_AAAA).RunToBreak();
        Assert.Equal(0x0F0E_0D0C_0B0A_0908UL, m.X(3));
        // UXTW ignores the upper half of the index register.
        Assert.Equal(0x83UL, m.X(4));
        // SXTW #1: index -2 scaled by 2 is -4.
        Assert.Equal(0x8584UL, m.X(6));
        Assert.Equal(0x8382_8180UL, m.X(8));
        Assert.Equal(0xFFFF_FFFF_FFFF_FF81UL, m.X(10));
        Assert.Equal(0x5555_AAAAUL, m.Read(Data + 4, 4));
    }

    [Theory]
    [AllBackends]
    public void LiteralLoadsArePcRelative(string backend)
    {
        var m = new A64Machine(backend).Load("""
            ldr w1, 1f
            ldr x2, 1f
            ldrsw x3, 2f
            ldr s4, 1f
            ldr d5, 1f
            ldr q6, 1f
            prfm pldl1keep, 1f
            b 3f
            .balign 16
            1:  .quad 0x8877665544332211
                .quad 0x00ffeeddccbbaa99
            2:  .word 0x80000001
            3:  nop
            """).SetV(4, UInt128.MaxValue).SetV(5, UInt128.MaxValue).RunToBreak();
        Assert.Equal(0x4433_2211UL, m.X(1));
        Assert.Equal(0x8877_6655_4433_2211UL, m.X(2));
        Assert.Equal(0xFFFF_FFFF_8000_0001UL, m.X(3));
        Assert.Equal((UInt128)0x4433_2211, m.V(4));
        Assert.Equal((UInt128)0x8877_6655_4433_2211UL, m.V(5));
        Assert.Equal(new UInt128(0x00FF_EEDD_CCBB_AA99, 0x8877_6655_4433_2211), m.V(6));
    }

    [Theory]
    [AllBackends]
    public void FpRegisterLoadsZeroTheRestOfTheVector(string backend)
    {
        var m = WithPattern(backend, """
            ldr b0, [x1, #1]
            ldr h1, [x1, #2]
            ldr s2, [x1, #4]
            ldr d3, [x1]
            ldr q4, [x1]
            ldur s5, [x1, #1]
            ldr d6, [x1, x2, lsl #3]
            ldr q7, [x1], #16
            """).SetX(2, 1);
        for (var v = 0; v < 8; v++) m.SetV(v, UInt128.MaxValue);
        m.RunToBreak();
        Assert.Equal((UInt128)0x81, m.V(0));
        Assert.Equal((UInt128)0x8382, m.V(1));
        Assert.Equal((UInt128)0x8786_8584, m.V(2));
        Assert.Equal((UInt128)0x8786_8584_8382_8180UL, m.V(3));
        Assert.Equal(new UInt128(0x0F0E_0D0C_0B0A_0908, 0x8786_8584_8382_8180), m.V(4));
        Assert.Equal((UInt128)0x8483_8281, m.V(5));
        Assert.Equal((UInt128)0x0F0E_0D0C_0B0A_0908UL, m.V(6));
        Assert.Equal(m.V(4), m.V(7));
        Assert.Equal(Data + 16, m.X(1));
    }

    [Theory]
    [AllBackends]
    public void FpRegisterStoresWriteTheLowBytes(string backend)
    {
        var value = new UInt128(0xF0E0_D0C0_B0A0_9080, 0x7060_5040_3020_1000);
        var m = new A64Machine(backend).Load("""
            str b0, [x1]
            str h0, [x1, #2]!
            str s0, [x1, #2]
            stur d0, [x1, #6]
            str q0, [x2]
            str q0, [x2, #16]!
            str q0, [x3, #32]
            ldr q1, [x3, #32]
            """).SetV(0, value).SetX(1, Data).SetX(2, Data + 0x40).SetX(3, Data + 0x80).RunToBreak();
        Assert.Equal(0x00UL, m.Read(Data, 1));
        Assert.Equal(0x1000UL, m.Read(Data + 2, 2));
        Assert.Equal(0x3020_1000UL, m.Read(Data + 4, 4));
        Assert.Equal(0x7060_5040_3020_1000UL, m.Read(Data + 8, 8));
        Assert.Equal(0x7060_5040_3020_1000UL, m.Read(Data + 0x40, 8));
        Assert.Equal(0xF0E0_D0C0_B0A0_9080UL, m.Read(Data + 0x48, 8));
        Assert.Equal(0xF0E0_D0C0_B0A0_9080UL, m.Read(Data + 0x58, 8));
        Assert.Equal(Data + 0x50, m.X(2));
        // The unsigned offset of a Q register is scaled by 16.
        Assert.Equal(0x7060_5040_3020_1000UL, m.Read(Data + 0xA0, 8));
        Assert.Equal(value, m.V(1));
    }

    [Theory]
    [AllBackends]
    public void PrefetchesDoNothing(string backend)
    {
        var m = new A64Machine(backend).Load("""
            prfm pldl1keep, [x1]
            prfm pstl2strm, [x1, #8]
            prfum pldl3keep, [x1, #-3]
            prfm plil1keep, [x1, x2, lsl #3]
            mov x3, #1
            """).SetX(1, 0xDEAD_0000_0000).SetX(2, 5).RunToBreak();
        Assert.Equal(1UL, m.X(3));
        Assert.Equal(0xDEAD_0000_0000UL, m.X(1));
    }

    [Theory]
    [AllBackends]
    public void WritebackOfTheLoadedRegisterKeepsTheNewBase(string backend)
    {
        // CONSTRAINED UNPREDICTABLE; this frontend does what qemu-aarch64 does: the writeback wins
        // over the loaded value, and a store stores the base register's old value.
        var m = WithPattern(backend, """
            add x2, x1, #0
            ldr x2, [x2], #8
            add x3, x1, #0
            str x3, [x3, #0x20]!
            """).RunToBreak();
        Assert.Equal(Data + 8, m.X(2));
        Assert.Equal(Data + 0x20, m.X(3));
        Assert.Equal(Data, m.Read(Data + 0x20, 8));
    }

    [Theory]
    [AllBackends]
    public void AFaultingLoadLeavesTheRegistersAlone(string backend)
    {
        var m = new A64Machine(backend).Load("""
            mov x3, #7
            ldr x2, [x1], #8
            """).SetX(1, 0x9000_0000).SetX(2, 42);
        var stop = m.Run();
        Assert.Equal(StopKind.MemoryFault, stop.Kind);
        Assert.Equal(A64Machine.CodeBase + 4, m.Context.Pc);
        Assert.Equal(42UL, m.X(2));
        Assert.Equal(0x9000_0000UL, m.X(1));
        Assert.Equal(7UL, m.X(3));
    }
}
