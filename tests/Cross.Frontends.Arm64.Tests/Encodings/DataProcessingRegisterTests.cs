using Cross.Core.Ir;
using Cross.Frontends.Arm64.Tests.TestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

public class DataProcessingRegisterTests
{
    private const ulong Junk = 0xDEAD_BEEF_DEAD_BEEF;

    [Theory]
    [AllBackends]
    public void LogicalShiftedRegisterAppliesEveryShiftAndInversion(string backend)
    {
        var m = new A64Machine(backend).Load("""
            and x3, x1, x2
            bic x4, x1, x2, lsl #4
            orr x5, x1, x2, lsr #63
            orn x6, xzr, x2, asr #7
            eor x7, x1, x2, ror #63
            eon w8, w1, w2, ror #31
            mov x9, x2
            mvn w10, w1
            and w11, w1, w2, lsl #31
            """).SetX(1, 0xF0F0_0000_1234_5678).SetX(2, 0x8000_0000_0000_00FF)
            .SetX(8, Junk).SetX(10, Junk).SetX(11, Junk).RunToBreak();
        Assert.Equal(0x8000_0000_0000_0078UL, m.X(3));
        Assert.Equal(0xF0F0_0000_1234_5008UL, m.X(4));
        Assert.Equal(0xF0F0_0000_1234_5679UL, m.X(5));
        Assert.Equal(0x00FF_FFFF_FFFF_FFFEUL, m.X(6));
        Assert.Equal(0xF0F0_0000_1234_5787UL, m.X(7));
        Assert.Equal(0xEDCB_A879UL, m.X(8));
        Assert.Equal(0x8000_0000_0000_00FFUL, m.X(9));
        Assert.Equal(0xEDCB_A987UL, m.X(10));
        // 0xFF << 31 keeps only bit 31 of w2, and w1 has it clear.
        Assert.Equal(0UL, m.X(11));
    }

    [Theory]
    [AllBackends]
    public void LogicalFlagSettingFormsSetNAndZAndClearCAndV(string backend)
    {
        var m = new A64Machine(backend).Load("""
            ands x3, x1, x2, lsl #63
            mrs x20, nzcv
            bics w4, w1, w2
            mrs x21, nzcv
            msr nzcv, x22
            tst x1, x1, lsr #1
            mrs x22, nzcv
            bics xzr, x1, x1
            """).SetX(1, 0xF0F0_0000_1234_5678).SetX(2, 0x8000_0000_0000_00FF).SetX(4, Junk)
            .SetX(22, 0x3000_0000).SetNzcv(0b0011).RunToBreak();
        Assert.Equal(0x8000_0000_0000_0000UL, m.X(3));
        Assert.Equal(0x8000_0000UL, m.X(20));
        Assert.Equal(0x1234_5600UL, m.X(4));
        Assert.Equal(0UL, m.X(21));
        Assert.Equal(0UL, m.X(22));
        Assert.Equal(0b0100u, m.Nzcv);
    }

    [Theory]
    [AllBackends]
    public void AddSubtractShiftedRegisterComputesResultsAndFlags(string backend)
    {
        var m = new A64Machine(backend).Load("""
            add x3, x1, x2, lsl #63
            sub x4, x1, x2, asr #8
            add w5, w1, w6, lsr #31
            neg x7, x2
            negs w8, w9
            mrs x20, nzcv
            cmp x1, x1
            mrs x21, nzcv
            cmn w10, w11
            mrs x22, nzcv
            adds x12, x13, x11, lsl #1
            mrs x23, nzcv
            subs x14, x11, x10
            """).SetX(1, 0xF0F0_0000_1234_5678).SetX(2, 0x8000_0000_0000_00FF).SetX(5, Junk)
            .SetX(6, 0x8000_0001).SetX(8, Junk).SetX(9, 0xFFFF_FFFF_8000_0000)
            .SetX(10, 0x7FFF_FFFF).SetX(11, 1).SetX(13, ulong.MaxValue).RunToBreak();
        Assert.Equal(0x70F0_0000_1234_5678UL, m.X(3));
        Assert.Equal(0xF170_0000_1234_5678UL, m.X(4));
        Assert.Equal(0x1234_5679UL, m.X(5));
        Assert.Equal(0x7FFF_FFFF_FFFF_FF01UL, m.X(7));
        // 0 - INT32_MIN overflows to INT32_MIN, with a borrow (C clear).
        Assert.Equal(0x8000_0000UL, m.X(8));
        Assert.Equal(0x9000_0000UL, m.X(20));
        Assert.Equal(0x6000_0000UL, m.X(21));
        Assert.Equal(0x9000_0000UL, m.X(22));
        // -1 + 2: unsigned carry out, no signed overflow.
        Assert.Equal(1UL, m.X(12));
        Assert.Equal(0x2000_0000UL, m.X(23));
        // 1 - 0x7fffffff in 64 bits: negative, borrow.
        Assert.Equal(0xFFFF_FFFF_8000_0002UL, m.X(14));
        Assert.Equal(0b1000u, m.Nzcv);
    }

    [Theory]
    [AllBackends]
    public void AddSubtractExtendedRegisterExtendsShiftsAndUsesSp(string backend)
    {
        var m = new A64Machine(backend).Load("""
            add x3, sp, w1, uxtw #2
            add x4, x2, w1, sxtb
            add x5, x1, w2, sxtb #4
            sub x6, x1, w1, uxth #1
            add x7, x1, x2, sxtx #3
            add w8, w1, w2, sxth
            sub sp, sp, x9, lsl #4
            adds x10, sp, w11, sxtw
            mrs x20, nzcv
            cmp x12, w13, uxtb
            mrs x21, nzcv
            add w14, wsp, w1, uxtb #1
            """).SetX(1, 0xF0F0_0000_1234_5678).SetX(2, 0x8000_0000_0000_00FF).SetX(8, Junk)
            .SetX(9, 2).SetX(11, 0xFFFF_FFFF).SetX(12, 0xFF).SetX(13, 0x1FF).SetX(14, Junk).RunToBreak();
        Assert.Equal(0x48D4_59E0UL, m.X(3));
        Assert.Equal(0x8000_0000_0000_0177UL, m.X(4));
        Assert.Equal(0xF0F0_0000_1234_5668UL, m.X(5));
        Assert.Equal(0xF0F0_0000_1233_A988UL, m.X(6));
        Assert.Equal(0xF0F0_0000_1234_5E70UL, m.X(7));
        Assert.Equal(0x1234_5777UL, m.X(8));
        Assert.Equal(A64Machine.StackTop - 0x20, m.Sp);
        // SP + sign-extended -1: the result is one less, and the addition carries out.
        Assert.Equal(A64Machine.StackTop - 0x21, m.X(10));
        Assert.Equal(0x2000_0000UL, m.X(20));
        Assert.Equal(0x6000_0000UL, m.X(21));
        Assert.Equal((A64Machine.StackTop - 0x20 + 0xF0) & 0xFFFF_FFFF, m.X(14));
    }

    [Theory]
    [AllBackends]
    public void AddSubtractWithCarryUsesAndSetsTheCarry(string backend)
    {
        var m = new A64Machine(backend).Load("""
            adc x3, x1, x2
            adcs x4, x9, xzr
            mrs x20, nzcv
            sbcs w5, w10, w11
            mrs x21, nzcv
            sbc x6, x10, x11
            ngc x7, x10
            adcs w8, w12, w12
            mrs x22, nzcv
            ngcs x13, xzr
            """).SetX(1, 0xF0F0_0000_1234_5678).SetX(2, 0x8000_0000_0000_00FF).SetX(5, Junk)
            .SetX(9, ulong.MaxValue).SetX(10, 5).SetX(11, 7).SetX(12, 0x4000_0000).SetNzcv(0b0010).RunToBreak();
        Assert.Equal(0x70F0_0000_1234_5778UL, m.X(3));
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(0x6000_0000UL, m.X(20));
        Assert.Equal(0xFFFF_FFFEUL, m.X(5));
        Assert.Equal(0x8000_0000UL, m.X(21));
        Assert.Equal(unchecked((ulong)-3L), m.X(6));
        Assert.Equal(unchecked((ulong)-6L), m.X(7));
        Assert.Equal(0x8000_0000UL, m.X(8));
        Assert.Equal(0x9000_0000UL, m.X(22));
        Assert.Equal(ulong.MaxValue, m.X(13));
        Assert.Equal(0b1000u, m.Nzcv);
    }

    [Theory]
    [AllBackends]
    public void ConditionalCompareComparesOnlyWhenTheConditionHolds(string backend)
    {
        var m = new A64Machine(backend).Load("""
            cmp x1, x2
            ccmp x1, #5, #0b0010, lt
            mrs x20, nzcv
            ccmp x1, x2, #0b1011, ne
            mrs x21, nzcv
            ccmn w3, w4, #0, vs
            mrs x22, nzcv
            ccmn x1, #31, #0b0100, hs
            mrs x23, nzcv
            ccmp x2, x1, #0, eq
            """).SetX(1, 5).SetX(2, 7).SetX(3, 0x7FFF_FFFF).SetX(4, 1).RunToBreak();
        Assert.Equal(0x6000_0000UL, m.X(20)); // lt held: 5 - 5
        Assert.Equal(0xB000_0000UL, m.X(21)); // ne failed: the immediate flags
        Assert.Equal(0x9000_0000UL, m.X(22)); // vs held: 0x7fffffff + 1 overflows
        Assert.Equal(0x4000_0000UL, m.X(23)); // hs failed
        Assert.Equal(0b0010u, m.Nzcv);        // eq held: 7 - 5
    }

    [Theory]
    [AllBackends]
    public void ConditionalSelectFamilyAndAliases(string backend)
    {
        var m = new A64Machine(backend).Load("""
            cmp x1, x2
            csel x3, x1, x2, lt
            csel x4, x1, x2, ge
            csinc x5, x1, x2, eq
            csinv x6, x1, x2, eq
            csneg w7, w1, w2, eq
            cset x8, lt
            csetm w9, ge
            csetm x10, ne
            cinc x11, x1, lt
            cneg x12, x1, lt
            csel w13, w14, w2, ne
            csel x15, x1, x2, nv
            """).SetX(1, 5).SetX(2, 7).SetX(7, Junk).SetX(9, Junk).SetX(14, 0xFFFF_FFFF_8000_0001).RunToBreak();
        Assert.Equal(5UL, m.X(3));
        Assert.Equal(7UL, m.X(4));
        Assert.Equal(8UL, m.X(5));
        Assert.Equal(~7UL, m.X(6));
        Assert.Equal(0xFFFF_FFF9UL, m.X(7));
        Assert.Equal(1UL, m.X(8));
        Assert.Equal(0UL, m.X(9));
        Assert.Equal(ulong.MaxValue, m.X(10));
        Assert.Equal(6UL, m.X(11));
        Assert.Equal(unchecked((ulong)-5L), m.X(12));
        Assert.Equal(0x8000_0001UL, m.X(13));
        Assert.Equal(5UL, m.X(15)); // NV behaves as AL
    }

    [Theory]
    [AllBackends]
    public void OneSourceReversesAndCountsBits(string backend)
    {
        var m = new A64Machine(backend).Load("""
            rbit x2, x1
            rbit w3, w1
            rev16 x4, x1
            rev32 x5, x1
            rev x6, x1
            rev w7, w1
            rev16 w8, w1
            clz x9, x1
            clz w10, wzr
            clz x11, xzr
            cls x12, xzr
            cls w13, w14
            cls x15, x16
            cls w17, w18
            cls x19, x1
            cls x20, x14
            clz x21, x22
            clz w23, w22
            cls w24, w22
            rbit x25, x22
            """).SetX(1, 0x0123_4567_89AB_CDEF).SetX(3, Junk).SetX(7, Junk).SetX(8, Junk)
            .SetX(14, 0xFFFF_FFFF).SetX(16, 0xFFF0_0000_0000_0000).SetX(18, Junk << 32 | 0x00FF_FFFF).SetX(22, 0).SetX(25, Junk).RunToBreak();
        Assert.Equal(0xF7B3_D591_E6A2_C480UL, m.X(2));
        Assert.Equal(0xF7B3_D591UL, m.X(3));
        Assert.Equal(0x2301_6745_AB89_EFCDUL, m.X(4));
        Assert.Equal(0x6745_2301_EFCD_AB89UL, m.X(5));
        Assert.Equal(0xEFCD_AB89_6745_2301UL, m.X(6));
        Assert.Equal(0xEFCD_AB89UL, m.X(7));
        Assert.Equal(0xAB89_EFCDUL, m.X(8));
        Assert.Equal(7UL, m.X(9));
        Assert.Equal(32UL, m.X(10));
        Assert.Equal(64UL, m.X(11));
        Assert.Equal(63UL, m.X(12)); // CLS of 0
        Assert.Equal(31UL, m.X(13)); // CLS of -1 (32-bit)
        Assert.Equal(11UL, m.X(15));
        Assert.Equal(7UL, m.X(17));
        Assert.Equal(6UL, m.X(19));
        Assert.Equal(31UL, m.X(20)); // 0x00000000ffffffff as 64 bits
        // A zero register (not the constant XZR, which the IR may fold).
        Assert.Equal(64UL, m.X(21));
        Assert.Equal(32UL, m.X(23));
        Assert.Equal(31UL, m.X(24));
        Assert.Equal(0UL, m.X(25));
    }

    [Theory]
    [AllBackends]
    public void DivisionFollowsTheA64RulesForZeroAndOverflow(string backend)
    {
        var m = new A64Machine(backend).Load("""
            udiv x3, x1, x2
            sdiv x4, x5, x2
            udiv x6, x1, xzr
            sdiv x7, x8, x9
            sdiv w10, w11, w9
            sdiv w12, w5, wzr
            udiv w13, w9, w2
            """).SetX(1, 100).SetX(2, 7).SetX(5, -100L).SetX(8, long.MinValue).SetX(9, -1L)
            .SetX(11, 0x8000_0000).SetX(6, Junk).SetX(12, Junk).RunToBreak();
        Assert.Equal(14UL, m.X(3));
        Assert.Equal(unchecked((ulong)-14L), m.X(4));
        Assert.Equal(0UL, m.X(6));
        Assert.Equal(0x8000_0000_0000_0000UL, m.X(7));
        Assert.Equal(0x8000_0000UL, m.X(10));
        Assert.Equal(0UL, m.X(12));
        Assert.Equal(0x2492_4924UL, m.X(13));
    }

    [Theory]
    [AllBackends]
    public void VariableShiftsTakeTheAmountModuloTheWidth(string backend)
    {
        var m = new A64Machine(backend).Load("""
            lslv x14, x1, x15
            lsrv w16, w9, w15
            asrv x17, x8, x18
            rorv w19, w1, w20
            lsl x21, x1, xzr
            asr w22, w11, w18
            ror x23, x1, x18
            lsr x24, x8, x18
            """).SetX(1, 100).SetX(8, long.MinValue).SetX(9, -1L).SetX(11, 0x8000_0000)
            .SetX(15, 65).SetX(18, 63).SetX(20, 0x1_0000_0004).SetX(16, Junk).RunToBreak();
        Assert.Equal(200UL, m.X(14));
        Assert.Equal(0x7FFF_FFFFUL, m.X(16));
        Assert.Equal(ulong.MaxValue, m.X(17));
        Assert.Equal(0x4000_0006UL, m.X(19));
        Assert.Equal(100UL, m.X(21));
        Assert.Equal(0xFFFF_FFFFUL, m.X(22));
        Assert.Equal(200UL, m.X(23));
        Assert.Equal(1UL, m.X(24));
    }

    [Theory]
    [AllBackends]
    public void Crc32InstructionsGiveTheStandardCheckValues(string backend)
    {
        // The check value of each CRC is its CRC of "123456789" with the register preset to all
        // ones and inverted at the end; here once with 8+1 bytes and once with 4+2+2+1.
        var m = new A64Machine(backend).Load("""
            .arch_extension crc
            mvn w0, wzr
            crc32x w0, w0, x1
            crc32b w0, w0, w2
            mvn w0, w0
            mvn w3, wzr
            crc32w w3, w3, w4
            crc32h w3, w3, w5
            crc32h w3, w3, w6
            crc32b w3, w3, w2
            mvn w3, w3
            mvn w7, wzr
            crc32cx w7, w7, x1
            crc32cb w7, w7, w2
            mvn w7, w7
            mvn w8, wzr
            crc32cw w8, w8, w4
            crc32ch w8, w8, w5
            crc32ch w8, w8, w6
            crc32cb w8, w8, w2
            mvn w8, w8
            crc32b w9, wzr, wzr
            """).SetX(1, 0x3837_3635_3433_3231).SetX(2, Junk << 8 | '9').SetX(4, Junk << 32 | 0x3433_3231)
            .SetX(5, Junk << 16 | 0x3635).SetX(6, Junk << 16 | 0x3837).SetX(9, Junk).RunToBreak();
        Assert.Equal(0xCBF4_3926UL, m.X(0));
        Assert.Equal(0xCBF4_3926UL, m.X(3));
        Assert.Equal(0xE306_9283UL, m.X(7));
        Assert.Equal(0xE306_9283UL, m.X(8));
        Assert.Equal(0UL, m.X(9));
    }

    [Theory]
    [AllBackends]
    public void MultiplyAccumulateAndHighHalves(string backend)
    {
        var m = new A64Machine(backend).Load("""
            madd x3, x1, x2, x4
            msub w5, w1, w2, w4
            smaddl x6, w7, w8, x4
            smsubl x9, w7, w8, x4
            umaddl x10, w7, w8, xzr
            umsubl x11, w7, w8, x4
            smulh x12, x1, x16
            umulh x13, x1, x2
            mul x14, x1, x16
            mneg w15, w1, w2
            smulh x17, x1, x2
            """).SetX(1, 0x8000_0000_0000_0003).SetX(2, 0xFFFF_FFFF_FFFF_FFFE).SetX(4, 0x1111_1111_1111_1111)
            .SetX(5, Junk).SetX(7, Junk << 32 | 0xFFFF_FFFD).SetX(8, Junk << 32 | 5).SetX(15, Junk).SetX(16, 3).RunToBreak();
        Assert.Equal(0x1111_1111_1111_110BUL, m.X(3));
        Assert.Equal(0x1111_1117UL, m.X(5));
        Assert.Equal(0x1111_1111_1111_1102UL, m.X(6));
        Assert.Equal(0x1111_1111_1111_1120UL, m.X(9));
        Assert.Equal(0x4_FFFF_FFF1UL, m.X(10));
        Assert.Equal(0x1111_110C_1111_1120UL, m.X(11));
        Assert.Equal(0xFFFF_FFFF_FFFF_FFFEUL, m.X(12));
        Assert.Equal(0x8000_0000_0000_0001UL, m.X(13));
        Assert.Equal(0x8000_0000_0000_0009UL, m.X(14));
        Assert.Equal(6UL, m.X(15));
        Assert.Equal(0UL, m.X(17));
    }

    [Fact]
    public void AssembledInstructionsDecodeToTheirRows()
    {
        var words = A64Assembler.Assemble("""
            .arch_extension crc
            bics x0, x1, x2, ror #5
            subs w0, w1, w2, asr #31
            add sp, x1, w2, sxth #4
            sbcs x0, x1, x2
            ccmn w0, #3, #2, le
            ccmp x0, x1, #2, le
            csneg w0, w1, w2, mi
            cls x0, x1
            rorv w0, w1, w2
            crc32cx w0, w1, x2
            umulh x0, x1, x2
            """);
        string[] rows =
        [
            "logical (shifted register)", "add/sub (shifted register)", "add/sub (extended register)", "adc/sbc",
            "ccmp/ccmn (immediate)", "ccmp/ccmn (register)", "csel/csinc/csinv/csneg", "data processing (1 source)",
            "data processing (2 source)", "crc32", "data processing (3 source)",
        ];
        var decoder = new Arm64Frontend().Decoder;
        // SMULH's Ra is should-be-one; like QEMU and binutils, the row ignores other values.
        words = [.. words, words[^1] & ~(31u << 10)];
        rows = [.. rows, "data processing (3 source)"];
        Assert.Equal(rows, words.Select(w => decoder.TryDecode(w, out var decoded) ? decoded.Encoding.Mnemonic : $"illegal 0x{w:x8}"));
    }

    [Fact]
    public void UnallocatedVariantsAreIllegal()
    {
        var frontend = new Arm64Frontend();
        uint Word(string instruction) => A64Assembler.Assemble(".arch_extension crc\n" + instruction).Single();
        void AssertIllegal(uint word, string what)
        {
            if (frontend.Decoder.TryDecode(word, out var decoded)) Assert.Fail($"{what}: 0x{word:x8} decoded as {decoded}");
        }

        AssertIllegal(Word("and w0, w1, w2, lsl #31") | 1u << 15, "32-bit logical shift by 63");
        AssertIllegal(Word("add w0, w1, w2, lsl #31") | 1u << 15, "32-bit add shift by 63");
        AssertIllegal(Word("add x0, x1, x2, lsl #1") | 3u << 22, "add with ROR");
        AssertIllegal(Word("add x0, x1, w2, uxtw #4") + (1u << 10), "extended shift of 5");
        AssertIllegal(Word("add x0, x1, w2, uxtw") | 1u << 22, "extended opt = 1");
        AssertIllegal(Word("adc x0, x1, x2") | 1u << 10, "adc with bits [15:10] set");
        AssertIllegal(Word("ccmp x0, x1, #0, eq") | 1u << 10, "ccmp with o2 set");
        AssertIllegal(Word("ccmp x0, x1, #0, eq") | 1u << 4, "ccmp with o3 set");
        AssertIllegal(Word("ccmp x0, x1, #0, eq") & ~(1u << 29), "ccmp without S");
        AssertIllegal(Word("csel x0, x1, x2, eq") | 1u << 11, "csel with op2<1> set");
        AssertIllegal(Word("csel x0, x1, x2, eq") | 1u << 29, "csel with S set");
        AssertIllegal(Word("rev x0, x1") & ~(1u << 31), "32-bit opcode 3 (REV64)");
        AssertIllegal(Word("rbit x0, x1") | 6u << 10, "1-source opcode 6");
        AssertIllegal(Word("rbit x0, x1") | 1u << 29, "1-source with S set");
        AssertIllegal(Word("udiv x0, x1, x2") | 1u << 29, "2-source with S set");
        AssertIllegal(Word("udiv x0, x1, x2") & ~(3u << 10) | 4u << 10, "2-source opcode 4");
        AssertIllegal(Word("udiv x0, x1, x2") & ~(3u << 10), "2-source opcode 0");
        AssertIllegal(Word("crc32x w0, w1, x2") & ~(1u << 31), "crc32x with sf = 0");
        AssertIllegal(Word("crc32b w0, w1, w2") | 1u << 31, "crc32b with sf = 1");
        AssertIllegal(Word("smulh x0, x1, x2") | 1u << 15, "smulh with o0 set");
        AssertIllegal(Word("umulh x0, x1, x2") & ~(1u << 31), "32-bit umulh");
        AssertIllegal(Word("smaddl x0, w1, w2, x3") & ~(1u << 31), "32-bit smaddl");
        AssertIllegal(Word("madd x0, x1, x2, x3") | 3u << 21, "3-source op31 = 3");
        AssertIllegal(Word("madd x0, x1, x2, x3") | 1u << 29, "3-source op54 = 1");
    }

    [Theory]
    [AllBackends]
    public void AnUnallocatedWordTrapsAsIllegal(string backend)
    {
        var addWithRor = A64Assembler.Assemble("add x0, x1, x2, lsl #1").Single() | 3u << 22;
        var m = new A64Machine(backend).Load(addWithRor);
        var stop = m.Run();
        Assert.Equal(TrapKind.IllegalInstruction, stop.Trap);
        Assert.Equal(A64Machine.CodeBase, m.Context.Pc);
    }
}
