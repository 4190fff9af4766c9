using System.Buffers.Binary;
using System.Text;
using Cross.Testing;

namespace Cross.Frontends.Arm64.Tests.Encodings;

/// <summary>
/// Runs many Advanced SIMD instructions over a table of input patterns in a static aarch64
/// program, under qemu-aarch64 (the reference) and under the real <c>cross run</c> on each
/// backend, and compares every result register and FPSR. The program uses only base
/// instructions this frontend has (LDR/STR unsigned offset, INS/UMOV for the vector
/// registers), so it runs before the SIMD loads and stores exist.
/// </summary>
public class AdvancedSimdDifferentialTests
{
    /// <summary>Instructions under test: sources v0-v5, result in v16 (preset from v6) or, for moves to general registers, x9.</summary>
    private static readonly string[] Instructions =
    [
        // Moves and permutes.
        "dup v16.16b, v0.b[13]", "dup v16.4h, v1.h[6]", "dup v16.2d, v2.d[1]", "dup v16.8h, w1", "dup v16.2s, w2",
        "ins v16.h[5], v0.h[2]", "ins v16.d[0], x3", "mov b16, v3.b[9]",
        "umov w9, v0.b[11]", "umov w9, v1.h[3]", "umov w9, v2.s[3]", "umov x9, v3.d[1]", "smov w9, v4.b[15]", "smov x9, v5.h[2]", "smov x9, v0.s[1]",
        "movi v16.8h, #0x81, lsl #8", "mvni v16.2s, #0x7f, msl #16", "orr v16.4s, #0x5a, lsl #16", "bic v16.4h, #0xc3", "movi d16, #0x00ff00ffff0000ff",
        "fmov v16.2d, #0.1875", "fmov v16.4s, #-31.0",
        "ext v16.16b, v0.16b, v1.16b, #9", "ext v16.8b, v2.8b, v3.8b, #7",
        "zip1 v16.8h, v0.8h, v1.8h", "zip2 v16.16b, v2.16b, v3.16b", "uzp1 v16.8b, v4.8b, v5.8b", "uzp2 v16.4s, v0.4s, v1.4s",
        "trn1 v16.2s, v2.2s, v3.2s", "trn2 v16.8h, v4.8h, v5.8h", "zip1 v16.2d, v0.2d, v3.2d",
        "rev16 v16.16b, v0.16b", "rev32 v16.4h, v1.4h", "rev64 v16.4s, v2.4s",
        "tbl v16.16b, {v0.16b}, v5.16b", "tbl v16.8b, {v1.16b, v2.16b}, v3.8b", "tbx v16.16b, {v2.16b, v3.16b, v4.16b}, v0.16b",
        "tbx v16.8b, {v0.16b, v1.16b, v2.16b, v3.16b}, v4.8b",
        "xtn v16.8b, v0.8h", "xtn2 v16.4s, v1.2d",

        // Three same, integer.
        "add v16.16b, v0.16b, v1.16b", "add v16.2d, v2.2d, v3.2d", "sub v16.4h, v4.4h, v5.4h", "mul v16.8h, v0.8h, v1.8h", "mul v16.2s, v2.2s, v3.2s",
        "mla v16.16b, v0.16b, v1.16b", "mls v16.4s, v2.4s, v3.4s",
        "and v16.16b, v0.16b, v1.16b", "bic v16.8b, v2.8b, v3.8b", "orr v16.16b, v4.16b, v5.16b", "orn v16.16b, v0.16b, v2.16b", "eor v16.8b, v1.8b, v3.8b",
        "bsl v16.16b, v0.16b, v1.16b", "bit v16.16b, v2.16b, v3.16b", "bif v16.8b, v4.8b, v5.8b",
        "cmeq v16.16b, v0.16b, v1.16b", "cmge v16.8h, v2.8h, v3.8h", "cmgt v16.4s, v4.4s, v5.4s", "cmhi v16.2d, v0.2d, v1.2d", "cmhs v16.8b, v2.8b, v3.8b",
        "cmtst v16.4h, v4.4h, v5.4h", "cmeq v16.16b, v0.16b, v0.16b",
        "umax v16.16b, v0.16b, v1.16b", "umin v16.8h, v2.8h, v3.8h", "smax v16.4s, v4.4s, v5.4s", "smin v16.8b, v0.8b, v1.8b",
        "umaxp v16.16b, v0.16b, v1.16b", "uminp v16.4h, v2.4h, v3.4h", "smaxp v16.4s, v4.4s, v5.4s", "sminp v16.8h, v0.8h, v1.8h",
        "addp v16.16b, v0.16b, v1.16b", "addp v16.2d, v2.2d, v3.2d", "addp v16.2s, v4.2s, v5.2s",
        "uqadd v16.16b, v0.16b, v1.16b", "sqadd v16.8h, v2.8h, v3.8h", "uqsub v16.4s, v4.4s, v5.4s", "sqsub v16.2d, v0.2d, v1.2d",
        "sqadd v16.8b, v2.8b, v3.8b", "uqadd v16.2d, v4.2d, v5.2d",
        "uabd v16.16b, v0.16b, v1.16b", "sabd v16.4s, v2.4s, v3.4s", "uaba v16.8h, v4.8h, v5.8h", "saba v16.8b, v0.8b, v1.8b",
        "uhadd v16.16b, v0.16b, v1.16b", "shadd v16.4s, v2.4s, v3.4s", "urhadd v16.8h, v4.8h, v5.8h", "srhadd v16.16b, v0.16b, v1.16b",
        "uhsub v16.4h, v2.4h, v3.4h", "shsub v16.4s, v4.4s, v5.4s",
        "ushl v16.16b, v0.16b, v1.16b", "sshl v16.8h, v2.8h, v3.8h", "ushl v16.2d, v4.2d, v5.2d", "sshl v16.4s, v0.4s, v1.4s",
        "urshl v16.16b, v0.16b, v1.16b", "srshl v16.8h, v2.8h, v3.8h", "srshl v16.2d, v4.2d, v5.2d", "urshl v16.2s, v0.2s, v1.2s",
        "sqshl v16.16b, v2.16b, v3.16b", "uqshl v16.4s, v4.4s, v5.4s", "sqrshl v16.8h, v0.8h, v1.8h", "uqrshl v16.2d, v2.2d, v3.2d",
        "sqshl v16.2d, v4.2d, v5.2d", "uqshl v16.8b, v0.8b, v1.8b",
        "pmull v16.8h, v0.8b, v1.8b", "pmull2 v16.8h, v2.16b, v3.16b",
        "pmul v16.16b, v0.16b, v1.16b", "pmul v16.8b, v2.8b, v3.8b",
        "sqdmull v16.4s, v0.4h, v1.4h", "sqdmull2 v16.2d, v2.4s, v3.4s", "sqdmlal v16.2d, v4.2s, v5.2s", "sqdmlsl2 v16.4s, v0.8h, v1.8h",
        "sqdmull v16.2d, v2.2s, v3.s[1]", "sqdmlal2 v16.4s, v4.8h, v5.h[7]", "sqdmlsl v16.4s, v0.4h, v1.h[0]",
        "sqdmull s16, h2, v3.h[5]", "sqdmlal d16, s4, v5.s[3]", "sqdmlsl s16, h0, v1.h[2]",
        "sqdmull s16, h2, h3", "sqdmlal d16, s4, s5", "sqdmlsl s16, h0, h1",
        "sqdmulh v16.8h, v0.8h, v1.8h", "sqrdmulh v16.4s, v2.4s, v3.4s", "sqdmulh v16.2s, v4.2s, v5.2s", "sqrdmulh v16.4h, v0.4h, v1.4h",

        // Scalar integer.
        "add d16, d0, d1", "sub d16, d2, d3", "cmeq d16, d4, d5", "cmge d16, d0, d1", "cmgt d16, d2, d3", "cmhi d16, d4, d5", "cmhs d16, d0, d1",
        "cmtst d16, d2, d3", "ushl d16, d4, d5", "sshl d16, d0, d1", "sqadd b16, b2, b3", "uqsub h16, h4, h5", "sqsub s16, s0, s1", "uqadd d16, d2, d3",
        "addp d16, v4.2d", "abs d16, d0", "neg d16, d1", "cmeq d16, d2, #0", "cmge d16, d3, #0", "cmgt d16, d4, #0", "cmle d16, d5, #0", "cmlt d16, d0, #0",
        "sqabs h16, h1", "sqneg b16, b2",
        "srshl d16, d0, d1", "urshl d16, d2, d3", "sqshl b16, b4, b5", "uqrshl s16, s0, s1", "sqrshl d16, d2, d3", "uqshl h16, h4, h5",
        "sqdmulh h16, h0, h1", "sqrdmulh s16, s2, s3", "sqdmulh s16, s4, v5.s[3]", "sqrdmulh h16, h0, v1.h[7]",
        "sqshl b16, b0, #3", "uqshl d16, d1, #40", "sqshlu s16, s2, #31", "sqshlu h16, h3, #0",
        "ushr d16, d0, #1", "sshr d16, d1, #64", "usra d16, d2, #17", "ssra d16, d3, #40", "urshr d16, d4, #63", "srshr d16, d5, #3",
        "shl d16, d0, #63", "sli d16, d1, #9", "sri d16, d2, #33",

        // Two-register miscellaneous and across lanes.
        "abs v16.16b, v0.16b", "neg v16.8h, v1.8h", "abs v16.2d, v2.2d", "not v16.16b, v3.16b", "rbit v16.8b, v4.8b",
        "cnt v16.16b, v0.16b", "clz v16.4s, v1.4s", "clz v16.16b, v2.16b", "cls v16.8h, v3.8h", "cls v16.2s, v4.2s",
        "cmeq v16.16b, v0.16b, #0", "cmge v16.8h, v1.8h, #0", "cmgt v16.4s, v2.4s, #0", "cmle v16.2d, v3.2d, #0", "cmlt v16.8b, v4.8b, #0",
        "sqabs v16.16b, v0.16b", "sqneg v16.4s, v1.4s",
        "suqadd v16.16b, v0.16b", "usqadd v16.8h, v1.8h", "suqadd v16.2d, v2.2d", "usqadd v16.2s, v3.2s", "suqadd b16, b4", "usqadd d16, d5",
        "sqxtn b16, h0", "uqxtn h16, s1", "sqxtun s16, d2",
        "sqshrn b16, h3, #4", "uqshrn h16, s4, #16", "sqrshrn s16, d5, #1", "uqrshrn b16, h0, #8", "sqshrun h16, s1, #3", "sqrshrun s16, d2, #32",
        "saddlp v16.8h, v0.16b", "uaddlp v16.2s, v1.4h", "sadalp v16.2d, v2.4s", "uadalp v16.4h, v3.8b",
        "sqxtn v16.8b, v0.8h", "uqxtn2 v16.8h, v1.4s", "sqxtun v16.2s, v2.2d", "sqxtn2 v16.16b, v3.8h",
        "addv b16, v0.16b", "addv h16, v1.4h", "addv s16, v2.4s", "umaxv b16, v3.8b", "smaxv h16, v4.8h", "uminv s16, v5.4s", "sminv b16, v0.16b",
        "uaddlv h16, v1.16b", "saddlv s16, v2.8h", "uaddlv d16, v3.4s", "saddlv h16, v4.8b",

        // Three different and shifts by immediate.
        "uaddl v16.8h, v0.8b, v1.8b", "saddl2 v16.4s, v2.8h, v3.8h", "usubl v16.2d, v4.2s, v5.2s", "ssubl2 v16.8h, v0.16b, v1.16b",
        "uaddw v16.4s, v2.4s, v3.4h", "saddw2 v16.2d, v4.2d, v5.4s", "usubw2 v16.8h, v0.8h, v1.16b", "ssubw v16.4s, v2.4s, v3.4h",
        "umull v16.8h, v0.8b, v1.8b", "smull2 v16.4s, v2.8h, v3.8h", "umull2 v16.2d, v4.4s, v5.4s", "smull v16.2d, v0.2s, v1.2s",
        "umlal v16.4s, v2.4h, v3.4h", "smlal2 v16.8h, v4.16b, v5.16b", "umlsl2 v16.2d, v0.4s, v1.4s", "smlsl v16.8h, v2.8b, v3.8b",
        "uabdl v16.8h, v4.8b, v5.8b", "sabdl2 v16.2d, v0.4s, v1.4s", "uabal2 v16.4s, v2.8h, v3.8h", "sabal v16.8h, v4.8b, v5.8b",
        "addhn v16.8b, v0.8h, v1.8h", "raddhn2 v16.8h, v2.4s, v3.4s", "subhn2 v16.4s, v4.2d, v5.2d", "rsubhn v16.8b, v0.8h, v1.8h",
        "ushr v16.16b, v0.16b, #3", "sshr v16.8h, v1.8h, #16", "ushr v16.2d, v2.2d, #64", "sshr v16.2s, v3.2s, #31",
        "usra v16.4s, v4.4s, #7", "ssra v16.16b, v5.16b, #8", "urshr v16.8h, v0.8h, #15", "srshr v16.2d, v1.2d, #1",
        "ursra v16.8b, v2.8b, #1", "srsra v16.4s, v3.4s, #32",
        "shl v16.16b, v4.16b, #7", "shl v16.2d, v5.2d, #33", "sli v16.8h, v0.8h, #15", "sri v16.4s, v1.4s, #32", "sri v16.16b, v2.16b, #3", "sli v16.2s, v3.2s, #0",
        "shrn v16.8b, v4.8h, #8", "rshrn2 v16.16b, v5.8h, #3", "shrn2 v16.4s, v0.2d, #32", "rshrn v16.4h, v1.4s, #16",
        "sqshrn v16.8b, v2.8h, #1", "uqshrn2 v16.8h, v3.4s, #5", "sqrshrn v16.2s, v4.2d, #31", "uqrshrn v16.8b, v5.8h, #8",
        "sqshrun v16.4h, v0.4s, #2", "sqrshrun2 v16.16b, v1.8h, #7",
        "sqshl v16.16b, v0.16b, #7", "uqshl v16.8h, v1.8h, #1", "sqshlu v16.4s, v2.4s, #5", "sqshl v16.2d, v3.2d, #63", "uqshl v16.2s, v4.2s, #0",
        "sqshlu v16.8b, v5.8b, #2", "shll v16.8h, v0.8b, #8", "shll2 v16.4s, v1.8h, #16", "shll2 v16.2d, v2.4s, #32",
        "sqdmulh v16.8h, v3.8h, v4.h[2]", "sqrdmulh v16.2s, v5.2s, v0.s[1]",
        "sshll v16.8h, v2.8b, #0", "ushll2 v16.4s, v3.8h, #15", "sshll2 v16.2d, v4.4s, #31", "uxtl v16.2d, v5.2s",
        "mul v16.8h, v0.8h, v1.h[5]", "mla v16.4s, v2.4s, v3.s[3]", "mls v16.4h, v4.4h, v5.h[0]",
        "umull v16.4s, v0.4h, v1.h[7]", "smull2 v16.2d, v2.4s, v3.s[2]", "umlal2 v16.4s, v4.8h, v5.h[1]", "smlsl v16.2d, v0.2s, v1.s[1]",

        // Floating point.
        "fadd v16.4s, v0.4s, v1.4s", "fadd v16.2d, v2.2d, v3.2d", "fsub v16.2s, v4.2s, v5.2s", "fmul v16.4s, v0.4s, v2.4s", "fmul v16.2d, v1.2d, v3.2d",
        "fdiv v16.4s, v0.4s, v1.4s", "fdiv v16.2d, v2.2d, v3.2d", "fmla v16.4s, v4.4s, v5.4s", "fmls v16.2d, v0.2d, v1.2d", "fmla v16.2s, v2.2s, v3.2s",
        "fmax v16.4s, v0.4s, v1.4s", "fmin v16.2d, v2.2d, v3.2d", "fmaxnm v16.4s, v4.4s, v5.4s", "fminnm v16.2d, v0.2d, v1.2d",
        "fabd v16.4s, v2.4s, v3.4s", "fmulx v16.2d, v4.2d, v5.2d", "fmulx v16.4s, v0.4s, v1.4s", "fmulx v16.4s, v0.4s, v0.s[1]",
        "fabs v16.4s, v0.4s", "fneg v16.2d, v1.2d", "fsqrt v16.4s, v2.4s", "fsqrt v16.2d, v3.2d",
        "fcmeq v16.4s, v0.4s, v1.4s", "fcmge v16.2d, v2.2d, v3.2d", "fcmgt v16.4s, v4.4s, v5.4s", "facge v16.2s, v0.2s, v1.2s", "facgt v16.2d, v2.2d, v3.2d",
        "fcmeq v16.4s, v4.4s, #0.0", "fcmge v16.2d, v5.2d, #0.0", "fcmgt v16.2s, v0.2s, #0.0", "fcmle v16.4s, v1.4s, #0.0", "fcmlt v16.2d, v2.2d, #0.0",
        "fcmeq s16, s0, s1", "fcmgt d16, d2, d3", "facge s16, s4, s5", "fabd d16, d0, d1", "fcmlt s16, s2, #0.0",
        "faddp v16.4s, v0.4s, v1.4s", "faddp v16.2d, v2.2d, v3.2d", "fmaxp v16.2s, v4.2s, v5.2s", "fminnmp v16.4s, v0.4s, v1.4s",
        "faddp s16, v2.2s", "fmaxnmp d16, v3.2d", "fminp s16, v4.2s",
        "fmaxv s16, v0.4s", "fminv s16, v1.4s", "fmaxnmv s16, v2.4s", "fminnmv s16, v3.4s",
        "fmul v16.4s, v0.4s, v1.s[2]", "fmla v16.2d, v2.2d, v3.d[1]", "fmls v16.2s, v4.2s, v5.s[3]", "fmul d16, d0, v1.d[0]", "fmla s16, s2, v3.s[1]",
        "fcvtzs v16.4s, v0.4s", "fcvtzu v16.2d, v1.2d", "fcvtns v16.4s, v2.4s", "fcvtms v16.2d, v3.2d", "fcvtps v16.2s, v4.2s", "fcvtas v16.4s, v5.4s",
        "fcvtnu v16.4s, v0.4s", "fcvtau v16.2d, v1.2d", "fcvtzs s16, s2", "fcvtzu d16, d3",
        "scvtf v16.4s, v0.4s", "ucvtf v16.2d, v1.2d", "scvtf v16.2s, v2.2s", "ucvtf s16, s3", "scvtf d16, d4",
        "scvtf v16.4s, v0.4s, #1", "ucvtf v16.2d, v1.2d, #64", "scvtf v16.2s, v2.2s, #32", "ucvtf s16, s3, #7", "scvtf d16, d4, #33",
        "fcvtzs v16.4s, v0.4s, #3", "fcvtzu v16.2d, v1.2d, #52", "fcvtzs v16.2s, v2.2s, #32", "fcvtzu s16, s3, #1", "fcvtzs d16, d4, #64",
        "frintn v16.4s, v0.4s", "frintm v16.2d, v1.2d", "frintp v16.4s, v2.4s", "frintz v16.2s, v3.2s", "frinta v16.2d, v4.2d",
        "frintx v16.4s, v5.4s", "frinti v16.2d, v0.2d",
        "frecpe v16.4s, v0.4s", "frecpe v16.2d, v1.2d", "frsqrte v16.4s, v2.4s", "frsqrte v16.2d, v3.2d", "frecpe s16, s4", "frsqrte d16, d5",
        "urecpe v16.4s, v0.4s", "ursqrte v16.2s, v1.2s",
        "frecps v16.4s, v0.4s, v1.4s", "frecps v16.2d, v2.2d, v3.2d", "frsqrts v16.4s, v4.4s, v5.4s", "frsqrts v16.2d, v0.2d, v1.2d",
        "frecps s16, s2, s3", "frsqrts d16, d4, d5",
        "fcvtxn v16.2s, v0.2d", "fcvtxn2 v16.4s, v1.2d", "fcvtxn s16, d2", "frecpx s16, s3", "frecpx d16, d4",
        "fcvtl v16.4s, v0.4h", "fcvtl2 v16.4s, v1.8h", "fcvtn v16.4h, v2.4s", "fcvtn2 v16.8h, v3.4s", "fcvtn v16.4h, v4.4s",
        "fcvtl v16.2d, v0.2s", "fcvtl2 v16.2d, v1.4s", "fcvtn v16.2s, v2.2d", "fcvtn2 v16.4s, v3.2d",
    ];

    /// <summary>FPCR values each pass runs with: default; round toward zero with FZ; round up with DN; round down with AHP.</summary>
    private static readonly uint[] FpcrModes = [0, 3u << 22 | 1u << 24, 1u << 22 | 1u << 25, 2u << 22 | 1u << 26];

    private const int PatternCount = 24;
    private const int RecordBytes = 24;

    [Theory]
    [InlineData("interp")]
    [InlineData("llvm")]
    public void MatchesQemu(string jit)
    {
        var missing = HostTools.Missing(HostTools.Aarch64Gcc, HostTools.QemuAarch64);
        if (missing is not null) throw new InvalidOperationException(missing);
        var binary = GuestCompiler.Compile(HostTools.Aarch64Gcc, ProgramSource(), ".S", "-nostdlib", "-static");
        var expected = ProcessRunner.Run(HostTools.QemuAarch64, [binary], TimeSpan.FromMinutes(2));
        Assert.Equal(0, expected.ExitCode);
        string[] arguments = jit == "llvm" ? ["run", "--jit", "llvm", "--jit-threshold", "0", binary] : ["run", "--jit", "interp", binary];
        var actual = CrossCli.Run(arguments, TimeSpan.FromMinutes(5));
        Assert.True(actual.ExitCode == 0, $"cross exited {actual.ExitCode}: {actual.StandardError}");
        Assert.Equal(OutputBytes, expected.StandardOutput.Length);
        Assert.Equal(OutputBytes, actual.StandardOutput.Length);

        var differences = new StringBuilder();
        var count = 0;
        for (var record = 0; record < OutputBytes / RecordBytes; record++)
        {
            var offset = record * RecordBytes;
            var want = expected.StandardOutput.AsSpan(offset, RecordBytes);
            var got = actual.StandardOutput.AsSpan(offset, RecordBytes);
            if (want.SequenceEqual(got)) continue;
            if (count++ < 40)
            {
                var instruction = Instructions[record % Instructions.Length];
                var pattern = record / Instructions.Length % PatternCount;
                var mode = record / Instructions.Length / PatternCount;
                differences.AppendLine($"{instruction} (pattern {pattern}, FPCR 0x{FpcrModes[mode]:x}): qemu {Describe(want)}, cross {Describe(got)}");
            }
        }
        Assert.True(count == 0, $"{count} results differ from qemu:\n{differences}");
    }

    private static int OutputBytes => FpcrModes.Length * PatternCount * Instructions.Length * RecordBytes;

    private static string Describe(ReadOnlySpan<byte> record) =>
        $"{BinaryPrimitives.ReadUInt64LittleEndian(record[8..]):x16}:{BinaryPrimitives.ReadUInt64LittleEndian(record):x16} fpsr {BinaryPrimitives.ReadUInt64LittleEndian(record[16..]):x}";

    /// <summary>
    /// The guest: for each FPCR mode and each pattern p, v0-v6 take patterns p..p+6, then each
    /// instruction runs and its result (two halves) and FPSR (then cleared) go to the output.
    /// </summary>
    private static string ProgramSource()
    {
        var source = new StringBuilder();
        source.AppendLine("    .text\n    .globl _start\n_start:");
        source.AppendLine("    adrp x21, out\n    add x21, x21, :lo12:out");
        foreach (var fpcr in FpcrModes)
        {
            source.AppendLine($"    movz x24, #{fpcr >> 16}, lsl #16\n    msr fpcr, x24\n    bl run_all");
        }
        source.AppendLine("    mov x0, #1\n    adrp x1, out\n    add x1, x1, :lo12:out");
        source.AppendLine($"    movz x2, #{OutputBytes & 0xFFFF}\n    movk x2, #{OutputBytes >> 16}, lsl #16");
        source.AppendLine("    mov x8, #64\n    svc #0\n    mov x0, #0\n    mov x8, #93\n    svc #0");

        source.AppendLine("run_all:\n    adrp x20, patterns\n    add x20, x20, :lo12:patterns");
        source.AppendLine($"    mov x22, #{PatternCount}\n    msr fpsr, xzr\nloop:");
        for (var register = 0; register <= 6; register++)
        {
            source.AppendLine($"    ldr x10, [x20, #{register * 16}]\n    ldr x11, [x20, #{register * 16 + 8}]");
            source.AppendLine($"    mov v{register}.d[0], x10\n    mov v{register}.d[1], x11");
        }
        foreach (var instruction in Instructions)
        {
            var toGeneral = instruction.StartsWith("umov", StringComparison.Ordinal) || instruction.StartsWith("smov", StringComparison.Ordinal);
            source.AppendLine("    mov v16.16b, v6.16b\n    mov x9, #0");
            source.AppendLine("    " + instruction);
            if (toGeneral)
                source.AppendLine("    str x9, [x21, #0]\n    str xzr, [x21, #8]");
            else
                source.AppendLine("    mov x10, v16.d[0]\n    mov x11, v16.d[1]\n    str x10, [x21, #0]\n    str x11, [x21, #8]");
            source.AppendLine("    mrs x12, fpsr\n    str x12, [x21, #16]\n    msr fpsr, xzr\n    add x21, x21, #24");
        }
        source.AppendLine("    add x20, x20, #16\n    subs x22, x22, #1\n    b.ne loop\n    ret");

        source.AppendLine("    .data\n    .balign 16\npatterns:");
        var patterns = Patterns();
        for (var index = 0; index < PatternCount + 7; index++)
        {
            var pattern = patterns[index % PatternCount];
            source.AppendLine($"    .quad 0x{(ulong)pattern:x16}, 0x{(ulong)(pattern >> 64):x16}");
        }
        source.AppendLine($"    .bss\n    .balign 16\nout:\n    .space {OutputBytes}");
        return source.ToString();
    }

    /// <summary>Input vectors: random bits, edge bytes, and lanes of interesting singles and doubles (a fixed generator, so runs repeat).</summary>
    private static UInt128[] Patterns()
    {
        uint[] singles =
        [
            0x3F80_0000, 0xC020_0000, 0x0000_0000, 0x8000_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0x7F80_0001,
            0x0000_0001, 0x807F_FFFF, 0x7F7F_FFFF, 0x4F32_D05E, 0x3F00_0000, 0xBFC0_0000, 0x4B40_0001, 0xCF00_0000,
        ];
        ulong[] doubles =
        [
            0x3FF0_0000_0000_0000, 0xC004_0000_0000_0000, 0, 0x8000_0000_0000_0000, 0x7FF0_0000_0000_0000, 0xFFF8_0000_0000_0000,
            0x7FF0_0000_0000_0001, 0x0000_0000_0000_0001, 0x7FEF_FFFF_FFFF_FFFF, 0x43E0_0000_0000_0000, 0x3FE8_0000_0000_0000,
            0xC3E0_0000_0000_0001, 0x41DF_FFFF_FFC0_0000, 0x3810_0000_0000_0000,
        ];
        byte[] edgeBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x81, 0x40];
        var state = 0x9E37_79B9_7F4A_7C15UL;
        ulong Next()
        {
            // xorshift64*: a small deterministic generator local to this call.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            return state * 0x2545_F491_4F6C_DD1DUL;
        }
        var patterns = new UInt128[PatternCount];
        for (var index = 0; index < PatternCount; index++)
        {
            UInt128 value = 0;
            switch (index % 4)
            {
                case 0:
                    value = (UInt128)Next() << 64 | Next();
                    break;
                case 1:
                    for (var lane = 0; lane < 16; lane++) value |= (UInt128)edgeBytes[Next() % (ulong)edgeBytes.Length] << (lane * 8);
                    break;
                case 2:
                    for (var lane = 0; lane < 4; lane++) value |= (UInt128)singles[Next() % (ulong)singles.Length] << (lane * 32);
                    break;
                default:
                    for (var lane = 0; lane < 2; lane++) value |= (UInt128)doubles[Next() % (ulong)doubles.Length] << (lane * 64);
                    break;
            }
            patterns[index] = value;
        }
        return patterns;
    }
}
