using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Tests.TestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

/// <summary>
/// Which load/store row GNU as's encodings land on, and that unallocated neighbours are rejected
/// (the random instruction generator draws from the rows, so a row must not accept them).
/// </summary>
public class LoadStoreEncodingTests
{
    public static TheoryData<string, string> AssembledRows => new()
    {
        { "ldrsh w1, [x2, #6]", "ldr/str (unsigned offset)" },
        { "ldursw x1, [x2, #-1]", "ldur/stur" },
        { "ldtrh w1, [x2, #3]", "ldtr/sttr" },
        { "strb w1, [x2], #-5", "ldr/str (post-index)" },
        { "ldr x1, [sp, #-8]!", "ldr/str (pre-index)" },
        { "ldrsb x1, [x2, w3, sxtw]", "ldr/str (register)" },
        { "ldrsw x1, .", "ldr (literal)" },
        { "str q1, [x2, #4080]", "ldr/str fp (unsigned offset)" },
        { "ldur h1, [x2, #-2]", "ldur/stur fp" },
        { "ldr d1, [x2], #8", "ldr/str fp (post-index)" },
        { "str s1, [x2, #4]!", "ldr/str fp (pre-index)" },
        { "ldr q1, [x2, x3, lsl #4]", "ldr/str fp (register)" },
        { "ldr q1, .", "ldr fp (literal)" },
        { "prfm pstl1keep, [x2, #64]", "prfm (unsigned offset)" },
        { "prfum pldl1keep, [x2, #-1]", "prfum" },
        { "prfm pldl2strm, [x2, w3, uxtw #3]", "prfm (register)" },
        { "prfm plil3keep, .", "prfm (literal)" },
        { "ldnp w1, w2, [x3, #-8]", "ldnp/stnp" },
        { "ldpsw x1, x2, [x3], #-8", "ldp/stp (post-index)" },
        { "stp x1, x2, [x3, #504]", "ldp/stp (offset)" },
        { "ldp w1, w2, [sp, #-256]!", "ldp/stp (pre-index)" },
        { "stnp q1, q2, [x3]", "ldnp/stnp fp" },
        { "ldp s1, s2, [x3], #4", "ldp/stp fp (post-index)" },
        { "stp d1, d2, [x3, #8]", "ldp/stp fp (offset)" },
        { "ldp q1, q2, [x3, #-1024]!", "ldp/stp fp (pre-index)" },
        { "stlxrh w1, w2, [x3]", "stxr/stlxr" },
        { "ldaxrb w1, [x3]", "ldxr/ldaxr" },
        { "stxp w1, x2, x3, [x4]", "stxp/stlxp" },
        { "ldaxp w1, w2, [sp]", "ldxp/ldaxp" },
        { "stllrh w1, [x2]", "stlr/stllr" },
        { "ldar x1, [x2]", "ldar/ldlar" },
        { "casalb w1, w2, [x3]", "cas" },
        { "caspl x4, x5, x6, x7, [x3]", "casp" },
        { "ldsminlh w1, w2, [x3]", "ld<op>" },
        { "stumax x1, [x3]", "ld<op>" },
        { "swpal x1, x2, [sp]", "swp" },
        { "ldaprh w1, [x2]", "ldapr" },
        { "ld4 {v0.16b-v3.16b}, [x1]", "ld/st multiple structures" },
        { "st1 {v31.2d, v0.2d}, [x1], x2", "ld/st multiple structures (post-index)" },
        { "ld3 {v0.h, v1.h, v2.h}[7], [x1]", "ld/st single structure" },
        { "ld4r {v0.1d-v3.1d}, [x1], #32", "ld/st single structure (post-index)" },
    };

    [Theory]
    [MemberData(nameof(AssembledRows))]
    public void AssembledInstructionsDecodeToTheirRow(string source, string row)
    {
        var word = A64Assembler.Assemble("    .arch armv8.3-a\n" + source)[0];
        Assert.True(A64Decoder.UserMode.TryDecode(word, out var instruction), $"0x{word:x8} ({source}) is not decoded");
        Assert.Equal(row, instruction.Encoding.Mnemonic);
    }

    [Theory]
    [InlineData(0xB9C00000u)] // LDR size 2, opc 3: no sign extension to 32 bits of a word
    [InlineData(0xF8800400u)] // size 3, opc 2 post-indexed: PRFM exists only unindexed
    [InlineData(0x7D800000u)] // FP/SIMD size 1, opc 2: only size 0 has the Q forms
    [InlineData(0xF8600800u)] // register offset with option 000
    [InlineData(0x3C400800u)] // LDTR of an FP/SIMD register
    [InlineData(0x68400000u)] // LDNP with opc 1: there is no non-temporal LDPSW
    [InlineData(0x69000000u)] // opc 1 store pair: STGP (MTE)
    [InlineData(0xE9400000u)] // pair with opc 3
    [InlineData(0xC8407C00u)] // LDXR with Rs not all ones
    [InlineData(0xC8000041u)] // STXR with Rt2 not all ones
    [InlineData(0x08217C82u)] // CASP with an odd Rs
    [InlineData(0x08207C83u)] // CASP with an odd Rt
    [InlineData(0xF8A0C020u)] // the LDAPR encoding with Rs not all ones
    [InlineData(0xF8209000u)] // o3 = 1 with opc 001
    [InlineData(0x0C408C00u)] // LD2 with the 1D arrangement
    [InlineData(0x0C401000u)] // multiple structures opcode 0001
    [InlineData(0x0C417000u)] // multiple structures, not post-indexed, with Rm bits set
    [InlineData(0x0D404400u)] // single halfword lane with size<0> = 1
    [InlineData(0x0D408800u)] // single word lane with size 10
    [InlineData(0x0D409400u)] // single doubleword lane with S = 1
    [InlineData(0x0D00C000u)] // LD1R's encoding as a store
    [InlineData(0x0D40D000u)] // LD1R with S = 1
    public void UnallocatedWordsAreRejected(uint word)
    {
        var decoded = A64Decoder.UserMode.TryDecode(word, out var instruction);
        Assert.False(decoded, decoded ? $"0x{word:x8} decoded as {instruction}" : null);
    }
}
