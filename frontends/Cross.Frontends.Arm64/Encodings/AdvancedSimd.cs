using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Lowering;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>
/// Advanced SIMD integer operations, moves and permutes (the FP vector operations are in
/// <see cref="AdvancedSimdFloat"/>). Rows fix U and the opcode field; the constraints reject
/// the size/Q combinations the architecture leaves unallocated.
/// </summary>
public static class AdvancedSimd
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
        // Copy: 0 Q op 01110000 imm5 0 imm4 1 Rn Rd.
        Simd("dup (element)", 0x0E000400, 0xBFE0FC00, (e, i) => e.DupElement(i), b => CopySize(b) < 4 && !(CopySize(b) == 3 && !Q(b))),
        Simd("dup (general)", 0x0E000C00, 0xBFE0FC00, (e, i) => e.DupGeneral(i), b => CopySize(b) < 4 && !(CopySize(b) == 3 && !Q(b))),
        Simd("smov", 0x0E002C00, 0xBFE0FC00, (e, i) => e.MoveToGeneral(i, signed: true), b => CopySize(b) < (Q(b) ? 3 : 2)),
        Simd("umov", 0x0E003C00, 0xBFE0FC00, (e, i) => e.MoveToGeneral(i, signed: false), b => Q(b) ? CopySize(b) == 3 : CopySize(b) < 3),
        Simd("ins (general)", 0x4E001C00, 0xFFE0FC00, (e, i) => e.InsertGeneral(i), b => CopySize(b) < 4),
        Simd("ins (element)", 0x6E000400, 0xFFE08400, (e, i) => e.InsertElement(i), b => CopySize(b) < 4),
        Simd("dup (element, scalar)", 0x5E000400, 0xFFE0FC00, (e, i) => e.DupScalar(i), b => CopySize(b) < 4),

        // Modified immediate: 0 Q op 0111100000 abc cmode o2=0 1 defgh Rd. FMOV .2D needs Q=1.
        Simd("movi/mvni/orr/bic/fmov (vector, immediate)", 0x0F000400, 0x9FF80C00, (e, i) => e.ModifiedImmediate(i),
            b => !(Field(b, 29, 29) == 1 && Field(b, 15, 12) == 15 && !Q(b))),

        // Permutes.
        Simd("ext", 0x2E000000, 0xBFE08400, (e, i) => e.ExtractVector(i), b => Q(b) || Field(b, 14, 14) == 0),
        Permute("uzp1", 1), Permute("trn1", 2), Permute("zip1", 3),
        Permute("uzp2", 5), Permute("trn2", 6), Permute("zip2", 7),
        Simd("tbl", 0x0E000000, 0xBFE09C00, (e, i) => e.TableLookup(i, extension: false)),
        Simd("tbx", 0x0E001000, 0xBFE09C00, (e, i) => e.TableLookup(i, extension: true)),

        // Three same: 0 Q U 01110 size 1 Rm opcode 1 Rn Rd.
        ThreeSame("shadd", 0, 0b00000, SimdIntegerOp.HalvingAddSigned, NoDoubleLanes),
        ThreeSame("uhadd", 1, 0b00000, SimdIntegerOp.HalvingAddUnsigned, NoDoubleLanes),
        ThreeSame("srhadd", 0, 0b00010, SimdIntegerOp.RoundingHalvingAddSigned, NoDoubleLanes),
        ThreeSame("urhadd", 1, 0b00010, SimdIntegerOp.RoundingHalvingAddUnsigned, NoDoubleLanes),
        ThreeSame("shsub", 0, 0b00100, SimdIntegerOp.HalvingSubtractSigned, NoDoubleLanes),
        ThreeSame("uhsub", 1, 0b00100, SimdIntegerOp.HalvingSubtractUnsigned, NoDoubleLanes),
        ThreeSameRow("sqadd", 0, 0b00001, (e, i) => e.SaturatingAddSubtract(i, subtract: false, signed: true), AnyArrangement),
        ThreeSameRow("uqadd", 1, 0b00001, (e, i) => e.SaturatingAddSubtract(i, subtract: false, signed: false), AnyArrangement),
        ThreeSameRow("sqsub", 0, 0b00101, (e, i) => e.SaturatingAddSubtract(i, subtract: true, signed: true), AnyArrangement),
        ThreeSameRow("uqsub", 1, 0b00101, (e, i) => e.SaturatingAddSubtract(i, subtract: true, signed: false), AnyArrangement),
        ThreeSame("cmgt", 0, 0b00110, SimdIntegerOp.CompareGreaterSigned, AnyArrangement),
        ThreeSame("cmhi", 1, 0b00110, SimdIntegerOp.CompareHigher, AnyArrangement),
        ThreeSame("cmge", 0, 0b00111, SimdIntegerOp.CompareGreaterOrEqualSigned, AnyArrangement),
        ThreeSame("cmhs", 1, 0b00111, SimdIntegerOp.CompareHigherOrSame, AnyArrangement),
        ThreeSame("sshl", 0, 0b01000, SimdIntegerOp.ShiftLeftSigned, AnyArrangement),
        ThreeSame("ushl", 1, 0b01000, SimdIntegerOp.ShiftLeftUnsigned, AnyArrangement),
        ThreeSameRow("sqshl (register)", 0, 0b01001, (e, i) => e.ShiftByRegisterInstruction(i, signed: true, rounding: false, saturating: true), AnyArrangement),
        ThreeSameRow("uqshl (register)", 1, 0b01001, (e, i) => e.ShiftByRegisterInstruction(i, signed: false, rounding: false, saturating: true), AnyArrangement),
        ThreeSameRow("srshl", 0, 0b01010, (e, i) => e.ShiftByRegisterInstruction(i, signed: true, rounding: true, saturating: false), AnyArrangement),
        ThreeSameRow("urshl", 1, 0b01010, (e, i) => e.ShiftByRegisterInstruction(i, signed: false, rounding: true, saturating: false), AnyArrangement),
        ThreeSameRow("sqrshl", 0, 0b01011, (e, i) => e.ShiftByRegisterInstruction(i, signed: true, rounding: true, saturating: true), AnyArrangement),
        ThreeSameRow("uqrshl", 1, 0b01011, (e, i) => e.ShiftByRegisterInstruction(i, signed: false, rounding: true, saturating: true), AnyArrangement),
        ThreeSameRow("sqdmulh", 0, 0b10110, (e, i) => e.DoublingMultiplyHighInstruction(i, rounding: false), HalfOrWordLanes),
        ThreeSameRow("sqrdmulh", 1, 0b10110, (e, i) => e.DoublingMultiplyHighInstruction(i, rounding: true), HalfOrWordLanes),
        ThreeSame("smax", 0, 0b01100, SimdIntegerOp.MaxSigned, NoDoubleLanes),
        ThreeSame("umax", 1, 0b01100, SimdIntegerOp.MaxUnsigned, NoDoubleLanes),
        ThreeSame("smin", 0, 0b01101, SimdIntegerOp.MinSigned, NoDoubleLanes),
        ThreeSame("umin", 1, 0b01101, SimdIntegerOp.MinUnsigned, NoDoubleLanes),
        ThreeSame("sabd", 0, 0b01110, SimdIntegerOp.AbsoluteDifferenceSigned, NoDoubleLanes),
        ThreeSame("uabd", 1, 0b01110, SimdIntegerOp.AbsoluteDifferenceUnsigned, NoDoubleLanes),
        ThreeSame("saba", 0, 0b01111, SimdIntegerOp.AbsoluteDifferenceAccumulateSigned, NoDoubleLanes),
        ThreeSame("uaba", 1, 0b01111, SimdIntegerOp.AbsoluteDifferenceAccumulateUnsigned, NoDoubleLanes),
        ThreeSame("add", 0, 0b10000, SimdIntegerOp.Add, AnyArrangement),
        ThreeSame("sub", 1, 0b10000, SimdIntegerOp.Sub, AnyArrangement),
        ThreeSame("cmtst", 0, 0b10001, SimdIntegerOp.CompareTest, AnyArrangement),
        ThreeSame("cmeq", 1, 0b10001, SimdIntegerOp.CompareEqual, AnyArrangement),
        ThreeSame("mla", 0, 0b10010, SimdIntegerOp.MultiplyAdd, NoDoubleLanes),
        ThreeSame("mls", 1, 0b10010, SimdIntegerOp.MultiplySubtract, NoDoubleLanes),
        ThreeSame("mul", 0, 0b10011, SimdIntegerOp.Mul, NoDoubleLanes),
        ThreeSameRow("pmul", 1, 0b10011, (e, i) => e.PolynomialMultiply(i), b => Size(b) == 0),
        ThreeSameRow("smaxp", 0, 0b10100, (e, i) => e.PairwiseInteger(i, SimdIntegerOp.MaxSigned), NoDoubleLanes),
        ThreeSameRow("umaxp", 1, 0b10100, (e, i) => e.PairwiseInteger(i, SimdIntegerOp.MaxUnsigned), NoDoubleLanes),
        ThreeSameRow("sminp", 0, 0b10101, (e, i) => e.PairwiseInteger(i, SimdIntegerOp.MinSigned), NoDoubleLanes),
        ThreeSameRow("uminp", 1, 0b10101, (e, i) => e.PairwiseInteger(i, SimdIntegerOp.MinUnsigned), NoDoubleLanes),
        ThreeSameRow("addp (vector)", 0, 0b10111, (e, i) => e.PairwiseInteger(i, SimdIntegerOp.Add), AnyArrangement),
        Logical("and", 0, 0, (e, i) => e.BitwiseLogical(i, SimdLogicalOp.And)),
        Logical("bic (vector, register)", 0, 1, (e, i) => e.BitwiseLogical(i, SimdLogicalOp.AndNot)),
        Logical("orr (vector, register)", 0, 2, (e, i) => e.BitwiseLogical(i, SimdLogicalOp.Or)),
        Logical("orn", 0, 3, (e, i) => e.BitwiseLogical(i, SimdLogicalOp.OrNot)),
        Logical("eor (vector)", 1, 0, (e, i) => e.BitwiseLogical(i, SimdLogicalOp.Xor)),
        Logical("bsl", 1, 1, (e, i) => e.BitwiseSelect(i, 0)),
        Logical("bit", 1, 2, (e, i) => e.BitwiseSelect(i, 1)),
        Logical("bif", 1, 3, (e, i) => e.BitwiseSelect(i, 2)),

        // Scalar three same (D registers, plus every size for the saturating forms).
        ScalarThreeSame("sqadd (scalar)", 0, 0b00001, (e, i) => e.SaturatingAddSubtract(i, subtract: false, signed: true, scalar: true), null),
        ScalarThreeSame("uqadd (scalar)", 1, 0b00001, (e, i) => e.SaturatingAddSubtract(i, subtract: false, signed: false, scalar: true), null),
        ScalarThreeSame("sqsub (scalar)", 0, 0b00101, (e, i) => e.SaturatingAddSubtract(i, subtract: true, signed: true, scalar: true), null),
        ScalarThreeSame("uqsub (scalar)", 1, 0b00101, (e, i) => e.SaturatingAddSubtract(i, subtract: true, signed: false, scalar: true), null),
        ScalarThreeSameD("cmgt (scalar)", 0, 0b00110, SimdIntegerOp.CompareGreaterSigned),
        ScalarThreeSameD("cmhi (scalar)", 1, 0b00110, SimdIntegerOp.CompareHigher),
        ScalarThreeSameD("cmge (scalar)", 0, 0b00111, SimdIntegerOp.CompareGreaterOrEqualSigned),
        ScalarThreeSameD("cmhs (scalar)", 1, 0b00111, SimdIntegerOp.CompareHigherOrSame),
        ScalarThreeSameD("sshl (scalar)", 0, 0b01000, SimdIntegerOp.ShiftLeftSigned),
        ScalarThreeSameD("ushl (scalar)", 1, 0b01000, SimdIntegerOp.ShiftLeftUnsigned),
        ScalarThreeSame("sqshl (register, scalar)", 0, 0b01001, (e, i) => e.ShiftByRegisterInstruction(i, signed: true, rounding: false, saturating: true, scalar: true), null),
        ScalarThreeSame("uqshl (register, scalar)", 1, 0b01001, (e, i) => e.ShiftByRegisterInstruction(i, signed: false, rounding: false, saturating: true, scalar: true), null),
        ScalarThreeSame("srshl (scalar)", 0, 0b01010, (e, i) => e.ShiftByRegisterInstruction(i, signed: true, rounding: true, saturating: false, scalar: true), DoubleOnly),
        ScalarThreeSame("urshl (scalar)", 1, 0b01010, (e, i) => e.ShiftByRegisterInstruction(i, signed: false, rounding: true, saturating: false, scalar: true), DoubleOnly),
        ScalarThreeSame("sqrshl (scalar)", 0, 0b01011, (e, i) => e.ShiftByRegisterInstruction(i, signed: true, rounding: true, saturating: true, scalar: true), null),
        ScalarThreeSame("uqrshl (scalar)", 1, 0b01011, (e, i) => e.ShiftByRegisterInstruction(i, signed: false, rounding: true, saturating: true, scalar: true), null),
        ScalarThreeSame("sqdmulh (scalar)", 0, 0b10110, (e, i) => e.DoublingMultiplyHighInstruction(i, rounding: false, scalar: true), HalfOrWordLanes),
        ScalarThreeSame("sqrdmulh (scalar)", 1, 0b10110, (e, i) => e.DoublingMultiplyHighInstruction(i, rounding: true, scalar: true), HalfOrWordLanes),
        ScalarThreeSameD("add (scalar)", 0, 0b10000, SimdIntegerOp.Add),
        ScalarThreeSameD("sub (scalar)", 1, 0b10000, SimdIntegerOp.Sub),
        ScalarThreeSameD("cmtst (scalar)", 0, 0b10001, SimdIntegerOp.CompareTest),
        ScalarThreeSameD("cmeq (scalar)", 1, 0b10001, SimdIntegerOp.CompareEqual),
        Simd("addp (scalar)", 0x5EF1B800, 0xFFFFFC00, (e, i) => e.AddPairScalar(i)),

        // Two-register miscellaneous: 0 Q U 01110 size 10000 opcode 10 Rn Rd.
        TwoRegMisc("rev64", 0, 0b00000, (e, i) => e.ReverseInContainers(i, 64), b => Size(b) < 3),
        TwoRegMisc("rev16", 0, 0b00001, (e, i) => e.ReverseInContainers(i, 16), b => Size(b) == 0),
        TwoRegMisc("rev32", 1, 0b00000, (e, i) => e.ReverseInContainers(i, 32), b => Size(b) < 2),
        TwoRegMisc("saddlp", 0, 0b00010, (e, i) => e.AddLongPairwise(i, signed: true, accumulate: false), NoDoubleLanes),
        TwoRegMisc("uaddlp", 1, 0b00010, (e, i) => e.AddLongPairwise(i, signed: false, accumulate: false), NoDoubleLanes),
        TwoRegMisc("sadalp", 0, 0b00110, (e, i) => e.AddLongPairwise(i, signed: true, accumulate: true), NoDoubleLanes),
        TwoRegMisc("uadalp", 1, 0b00110, (e, i) => e.AddLongPairwise(i, signed: false, accumulate: true), NoDoubleLanes),
        Unary("cls", 0, 0b00100, SimdUnaryOp.CountLeadingSignBits, NoDoubleLanes),
        Unary("clz", 1, 0b00100, SimdUnaryOp.CountLeadingZeros, NoDoubleLanes),
        Unary("cnt", 0, 0b00101, SimdUnaryOp.PopCount, b => Size(b) == 0),
        Unary("not", 1, 0b00101, SimdUnaryOp.Not, b => Size(b) == 0),
        Unary("rbit (vector)", 1, 0b00101, SimdUnaryOp.ReverseBits, b => Size(b) == 1),
        TwoRegMisc("suqadd", 0, 0b00011, (e, i) => e.SaturatingAccumulateMixed(i, signedAccumulator: true), AnyArrangement),
        TwoRegMisc("usqadd", 1, 0b00011, (e, i) => e.SaturatingAccumulateMixed(i, signedAccumulator: false), AnyArrangement),
        TwoRegMisc("sqabs", 0, 0b00111, (e, i) => e.SaturatingAbsNeg(i, negate: false), AnyArrangement),
        TwoRegMisc("sqneg", 1, 0b00111, (e, i) => e.SaturatingAbsNeg(i, negate: true), AnyArrangement),
        Unary("cmgt (zero)", 0, 0b01000, SimdUnaryOp.CompareGreaterZero, AnyArrangement),
        Unary("cmge (zero)", 1, 0b01000, SimdUnaryOp.CompareGreaterOrEqualZero, AnyArrangement),
        Unary("cmeq (zero)", 0, 0b01001, SimdUnaryOp.CompareEqualZero, AnyArrangement),
        Unary("cmle (zero)", 1, 0b01001, SimdUnaryOp.CompareLessOrEqualZero, AnyArrangement),
        Unary("cmlt (zero)", 0, 0b01010, SimdUnaryOp.CompareLessZero, AnyArrangement),
        Unary("abs", 0, 0b01011, SimdUnaryOp.Absolute, AnyArrangement),
        Unary("neg", 1, 0b01011, SimdUnaryOp.Negate, AnyArrangement),
        TwoRegMisc("shll", 1, 0b10011, (e, i) => e.ShiftLeftLongByLaneSize(i), NoDoubleLanes),
        TwoRegMisc("xtn", 0, 0b10010, (e, i) => e.ExtractNarrow(i, SimdNarrowing.Truncate), NoDoubleLanes),
        TwoRegMisc("sqxtun", 1, 0b10010, (e, i) => e.ExtractNarrow(i, SimdNarrowing.SignedToUnsigned), NoDoubleLanes),
        TwoRegMisc("sqxtn", 0, 0b10100, (e, i) => e.ExtractNarrow(i, SimdNarrowing.SignedToSigned), NoDoubleLanes),
        TwoRegMisc("uqxtn", 1, 0b10100, (e, i) => e.ExtractNarrow(i, SimdNarrowing.UnsignedToUnsigned), NoDoubleLanes),

        // Scalar two-register miscellaneous (D registers).
        ScalarUnary("sqabs (scalar)", 0, 0b00111, (e, i) => e.SaturatingAbsNeg(i, negate: false, scalar: true), null),
        ScalarUnary("sqneg (scalar)", 1, 0b00111, (e, i) => e.SaturatingAbsNeg(i, negate: true, scalar: true), null),
        ScalarUnary("suqadd (scalar)", 0, 0b00011, (e, i) => e.SaturatingAccumulateMixed(i, signedAccumulator: true, scalar: true), null),
        ScalarUnary("usqadd (scalar)", 1, 0b00011, (e, i) => e.SaturatingAccumulateMixed(i, signedAccumulator: false, scalar: true), null),
        ScalarUnary("sqxtun (scalar)", 1, 0b10010, (e, i) => e.ExtractNarrow(i, SimdNarrowing.SignedToUnsigned, scalar: true), NoDoubleLanes),
        ScalarUnary("sqxtn (scalar)", 0, 0b10100, (e, i) => e.ExtractNarrow(i, SimdNarrowing.SignedToSigned, scalar: true), NoDoubleLanes),
        ScalarUnary("uqxtn (scalar)", 1, 0b10100, (e, i) => e.ExtractNarrow(i, SimdNarrowing.UnsignedToUnsigned, scalar: true), NoDoubleLanes),
        ScalarUnaryD("cmgt (zero, scalar)", 0, 0b01000, SimdUnaryOp.CompareGreaterZero),
        ScalarUnaryD("cmge (zero, scalar)", 1, 0b01000, SimdUnaryOp.CompareGreaterOrEqualZero),
        ScalarUnaryD("cmeq (zero, scalar)", 0, 0b01001, SimdUnaryOp.CompareEqualZero),
        ScalarUnaryD("cmle (zero, scalar)", 1, 0b01001, SimdUnaryOp.CompareLessOrEqualZero),
        ScalarUnaryD("cmlt (zero, scalar)", 0, 0b01010, SimdUnaryOp.CompareLessZero),
        ScalarUnaryD("abs (scalar)", 0, 0b01011, SimdUnaryOp.Absolute),
        ScalarUnaryD("neg (scalar)", 1, 0b01011, SimdUnaryOp.Negate),

        // Across lanes: 0 Q U 01110 size 11000 opcode 10 Rn Rd (4S is the widest; no 2S).
        AcrossLanes("saddlv", 0, 0b00011, (e, i) => e.AddLongAcrossLanes(i, signed: true)),
        AcrossLanes("uaddlv", 1, 0b00011, (e, i) => e.AddLongAcrossLanes(i, signed: false)),
        AcrossLanes("smaxv", 0, 0b01010, (e, i) => e.AcrossLanes(i, SimdIntegerOp.MaxSigned)),
        AcrossLanes("umaxv", 1, 0b01010, (e, i) => e.AcrossLanes(i, SimdIntegerOp.MaxUnsigned)),
        AcrossLanes("sminv", 0, 0b11010, (e, i) => e.AcrossLanes(i, SimdIntegerOp.MinSigned)),
        AcrossLanes("uminv", 1, 0b11010, (e, i) => e.AcrossLanes(i, SimdIntegerOp.MinUnsigned)),
        AcrossLanes("addv", 0, 0b11011, (e, i) => e.AcrossLanes(i, SimdIntegerOp.Add)),

        // Three different: 0 Q U 01110 size 1 Rm opcode 00 Rn Rd (no 64-bit narrow lanes).
        .. ThreeDifferentPair("addl", 0b0000, SimdLongOp.AddLong),
        .. ThreeDifferentPair("addw", 0b0001, SimdLongOp.AddWide),
        .. ThreeDifferentPair("subl", 0b0010, SimdLongOp.SubtractLong),
        .. ThreeDifferentPair("subw", 0b0011, SimdLongOp.SubtractWide),
        ThreeDifferent("addhn", 0, 0b0100, SimdLongOp.AddHighNarrow, signed: false),
        ThreeDifferent("raddhn", 1, 0b0100, SimdLongOp.RoundingAddHighNarrow, signed: false),
        .. ThreeDifferentPair("abal", 0b0101, SimdLongOp.AbsoluteDifferenceAccumulateLong),
        ThreeDifferent("subhn", 0, 0b0110, SimdLongOp.SubtractHighNarrow, signed: false),
        ThreeDifferent("rsubhn", 1, 0b0110, SimdLongOp.RoundingSubtractHighNarrow, signed: false),
        .. ThreeDifferentPair("abdl", 0b0111, SimdLongOp.AbsoluteDifferenceLong),
        .. ThreeDifferentPair("mlal", 0b1000, SimdLongOp.MultiplyAddLong),
        .. ThreeDifferentPair("mlsl", 0b1010, SimdLongOp.MultiplySubtractLong),
        .. ThreeDifferentPair("mull", 0b1100, SimdLongOp.MultiplyLong),
        // PMULL with 64-bit lanes (size 11) belongs to the cryptographic extension, not implemented.
        Simd("pmull", 0x0E20E000, 0xBFE0FC00, (e, i) => e.PolynomialMultiplyLong(i)),
        Simd("sqdmlal", 0x0E209000, 0xBF20FC00, (e, i) => e.SaturatingDoublingLong(i, accumulate: 1, byElement: false), HalfOrWordLanes),
        Simd("sqdmlsl", 0x0E20B000, 0xBF20FC00, (e, i) => e.SaturatingDoublingLong(i, accumulate: -1, byElement: false), HalfOrWordLanes),
        Simd("sqdmull", 0x0E20D000, 0xBF20FC00, (e, i) => e.SaturatingDoublingLong(i, accumulate: 0, byElement: false), HalfOrWordLanes),
        Simd("sqdmlal (scalar)", 0x5E209000, 0xFF20FC00, (e, i) => e.SaturatingDoublingLong(i, accumulate: 1, byElement: false, scalar: true), HalfOrWordLanes),
        Simd("sqdmlsl (scalar)", 0x5E20B000, 0xFF20FC00, (e, i) => e.SaturatingDoublingLong(i, accumulate: -1, byElement: false, scalar: true), HalfOrWordLanes),
        Simd("sqdmull (scalar)", 0x5E20D000, 0xFF20FC00, (e, i) => e.SaturatingDoublingLong(i, accumulate: 0, byElement: false, scalar: true), HalfOrWordLanes),

        // Shift by immediate: 0 Q U 011110 immh immb opcode 1 Rn Rd (immh 0 is the modified-immediate group).
        .. ShiftPair("shr", 0b00000, SimdShiftOp.ShiftRight),
        .. ShiftPair("sra", 0b00010, SimdShiftOp.ShiftRightAccumulate),
        .. ShiftPair("rshr", 0b00100, SimdShiftOp.RoundingShiftRight),
        .. ShiftPair("rsra", 0b00110, SimdShiftOp.RoundingShiftRightAccumulate),
        Shift("sri", 1, 0b01000, SimdShiftOp.ShiftRightInsert, signed: false),
        Shift("shl", 0, 0b01010, SimdShiftOp.ShiftLeft, signed: false),
        Shift("sli", 1, 0b01010, SimdShiftOp.ShiftLeftInsert, signed: false),
        Simd("sqshlu", 0x2F006400, 0xBF80FC00, (e, i) => e.SaturatingShiftLeftImmediate(i, signedInput: true, signedResult: false), VectorShift),
        Simd("sqshl (immediate)", 0x0F007400, 0xBF80FC00, (e, i) => e.SaturatingShiftLeftImmediate(i, signedInput: true, signedResult: true), VectorShift),
        Simd("uqshl (immediate)", 0x2F007400, 0xBF80FC00, (e, i) => e.SaturatingShiftLeftImmediate(i, signedInput: false, signedResult: false), VectorShift),
        NarrowShift("shrn", 0, 0b10000, (e, i) => e.ShiftRightNarrow(i, rounding: false, SimdNarrowing.Truncate)),
        NarrowShift("sqshrun", 1, 0b10000, (e, i) => e.ShiftRightNarrow(i, rounding: false, SimdNarrowing.SignedToUnsigned)),
        NarrowShift("rshrn", 0, 0b10001, (e, i) => e.ShiftRightNarrow(i, rounding: true, SimdNarrowing.Truncate)),
        NarrowShift("sqrshrun", 1, 0b10001, (e, i) => e.ShiftRightNarrow(i, rounding: true, SimdNarrowing.SignedToUnsigned)),
        NarrowShift("sqshrn", 0, 0b10010, (e, i) => e.ShiftRightNarrow(i, rounding: false, SimdNarrowing.SignedToSigned)),
        NarrowShift("uqshrn", 1, 0b10010, (e, i) => e.ShiftRightNarrow(i, rounding: false, SimdNarrowing.UnsignedToUnsigned)),
        NarrowShift("sqrshrn", 0, 0b10011, (e, i) => e.ShiftRightNarrow(i, rounding: true, SimdNarrowing.SignedToSigned)),
        NarrowShift("uqrshrn", 1, 0b10011, (e, i) => e.ShiftRightNarrow(i, rounding: true, SimdNarrowing.UnsignedToUnsigned)),
        NarrowShift("sshll", 0, 0b10100, (e, i) => e.ShiftLeftLong(i, signed: true)),
        NarrowShift("ushll", 1, 0b10100, (e, i) => e.ShiftLeftLong(i, signed: false)),

        // Scalar shift by immediate (D registers: immh = 1xxx).
        .. ScalarShiftPair("shr", 0b00000, SimdShiftOp.ShiftRight),
        .. ScalarShiftPair("sra", 0b00010, SimdShiftOp.ShiftRightAccumulate),
        .. ScalarShiftPair("rshr", 0b00100, SimdShiftOp.RoundingShiftRight),
        .. ScalarShiftPair("rsra", 0b00110, SimdShiftOp.RoundingShiftRightAccumulate),
        Simd("sqshlu (scalar)", 0x7F006400, 0xFF80FC00, (e, i) => e.SaturatingShiftLeftImmediate(i, signedInput: true, signedResult: false, scalar: true), b => Immh(b) != 0),
        Simd("sqshl (immediate, scalar)", 0x5F007400, 0xFF80FC00, (e, i) => e.SaturatingShiftLeftImmediate(i, signedInput: true, signedResult: true, scalar: true), b => Immh(b) != 0),
        Simd("uqshl (immediate, scalar)", 0x7F007400, 0xFF80FC00, (e, i) => e.SaturatingShiftLeftImmediate(i, signedInput: false, signedResult: false, scalar: true), b => Immh(b) != 0),
        Simd("sqshrun (scalar)", 0x7F008400, 0xFF80FC00, (e, i) => e.ShiftRightNarrow(i, rounding: false, SimdNarrowing.SignedToUnsigned, scalar: true), NarrowShiftSizes),
        Simd("sqrshrun (scalar)", 0x7F008C00, 0xFF80FC00, (e, i) => e.ShiftRightNarrow(i, rounding: true, SimdNarrowing.SignedToUnsigned, scalar: true), NarrowShiftSizes),
        Simd("sqshrn (scalar)", 0x5F009400, 0xFF80FC00, (e, i) => e.ShiftRightNarrow(i, rounding: false, SimdNarrowing.SignedToSigned, scalar: true), NarrowShiftSizes),
        Simd("uqshrn (scalar)", 0x7F009400, 0xFF80FC00, (e, i) => e.ShiftRightNarrow(i, rounding: false, SimdNarrowing.UnsignedToUnsigned, scalar: true), NarrowShiftSizes),
        Simd("sqrshrn (scalar)", 0x5F009C00, 0xFF80FC00, (e, i) => e.ShiftRightNarrow(i, rounding: true, SimdNarrowing.SignedToSigned, scalar: true), NarrowShiftSizes),
        Simd("uqrshrn (scalar)", 0x7F009C00, 0xFF80FC00, (e, i) => e.ShiftRightNarrow(i, rounding: true, SimdNarrowing.UnsignedToUnsigned, scalar: true), NarrowShiftSizes),
        ScalarShift("sri (scalar)", 1, 0b01000, SimdShiftOp.ShiftRightInsert, signed: false),
        ScalarShift("shl (scalar)", 0, 0b01010, SimdShiftOp.ShiftLeft, signed: false),
        ScalarShift("sli (scalar)", 1, 0b01010, SimdShiftOp.ShiftLeftInsert, signed: false),
    ];

    // ---- Field tests -----------------------------------------------------------------

    internal static bool Q(uint bits) => Field(bits, 30, 30) != 0;

    internal static uint Size(uint bits) => Field(bits, 23, 22);

    /// <summary>The copy group's lane size: the lowest set bit of imm5 (4 when imm5 is x0000, unallocated).</summary>
    private static int CopySize(uint bits) => System.Numerics.BitOperations.TrailingZeroCount(Field(bits, 20, 16) | 0x10);

    /// <summary>Every arrangement except 1D (size 11 with Q=0).</summary>
    internal static bool AnyArrangement(uint bits) => !(Size(bits) == 3 && !Q(bits));

    /// <summary>Lanes of 8, 16 or 32 bits.</summary>
    internal static bool NoDoubleLanes(uint bits) => Size(bits) != 3;

    private static bool DoubleOnly(uint bits) => Size(bits) == 3;

    /// <summary>Lanes of 16 or 32 bits (the doubling multiplies and the integer by-element forms).</summary>
    internal static bool HalfOrWordLanes(uint bits) => Size(bits) is 1 or 2;

    internal static uint Immh(uint bits) => Field(bits, 22, 19);

    /// <summary>Same-width vector shifts: immh is non-zero, and 64-bit lanes need Q=1.</summary>
    internal static bool VectorShift(uint bits) => Immh(bits) != 0 && !(Immh(bits) >= 8 && !Q(bits));

    /// <summary>Narrowing and widening shifts: the narrow lane is 8, 16 or 32 bits.</summary>
    private static bool NarrowShiftSizes(uint bits) => Immh(bits) is not 0 and < 8;

    // ---- Row builders ------------------------------------------------------------------

    internal static A64Encoding Simd(string mnemonic, uint match, uint mask, A64Handler handler, Func<uint, bool>? constraint = null) =>
        Row(A64Feature.AdvancedSimd, mnemonic, match, mask, handler, constraint);

    private static A64Encoding Permute(string mnemonic, uint opcode) =>
        Simd(mnemonic, 0x0E000800 | opcode << 12, 0xBF20FC00, (e, i) => e.Permute(i), AnyArrangement);

    internal static A64Encoding ThreeSameRow(string mnemonic, uint u, uint opcode, A64Handler handler, Func<uint, bool>? constraint) =>
        Simd(mnemonic, 0x0E200400 | u << 29 | opcode << 11, 0xBF20FC00, handler, constraint);

    private static A64Encoding ThreeSame(string mnemonic, uint u, uint opcode, SimdIntegerOp op, Func<uint, bool> constraint) =>
        ThreeSameRow(mnemonic, u, opcode, (e, i) => e.ThreeSameInteger(i, op), constraint);

    private static A64Encoding Logical(string mnemonic, uint u, uint size, A64Handler handler) =>
        Simd(mnemonic, 0x0E201C00 | u << 29 | size << 22, 0xBFE0FC00, handler);

    internal static A64Encoding ScalarThreeSame(string mnemonic, uint u, uint opcode, A64Handler handler, Func<uint, bool>? constraint) =>
        Simd(mnemonic, 0x5E200400 | u << 29 | opcode << 11, 0xFF20FC00, handler, constraint);

    private static A64Encoding ScalarThreeSameD(string mnemonic, uint u, uint opcode, SimdIntegerOp op) =>
        ScalarThreeSame(mnemonic, u, opcode, (e, i) => e.ThreeSameInteger(i, op, scalar: true), DoubleOnly);

    internal static A64Encoding TwoRegMisc(string mnemonic, uint u, uint opcode, A64Handler handler, Func<uint, bool>? constraint) =>
        Simd(mnemonic, 0x0E200800 | u << 29 | opcode << 12, 0xBF3FFC00, handler, constraint);

    private static A64Encoding Unary(string mnemonic, uint u, uint opcode, SimdUnaryOp op, Func<uint, bool> constraint) =>
        TwoRegMisc(mnemonic, u, opcode, (e, i) => e.UnaryInteger(i, op), constraint);

    internal static A64Encoding ScalarUnary(string mnemonic, uint u, uint opcode, A64Handler handler, Func<uint, bool>? constraint) =>
        Simd(mnemonic, 0x5E200800 | u << 29 | opcode << 12, 0xFF3FFC00, handler, constraint);

    private static A64Encoding ScalarUnaryD(string mnemonic, uint u, uint opcode, SimdUnaryOp op) =>
        ScalarUnary(mnemonic, u, opcode, (e, i) => e.UnaryInteger(i, op, scalar: true), DoubleOnly);

    private static A64Encoding AcrossLanes(string mnemonic, uint u, uint opcode, A64Handler handler) =>
        Simd(mnemonic, 0x0E300800 | u << 29 | opcode << 12, 0xBF3FFC00, handler, b => Size(b) < 2 || (Size(b) == 2 && Q(b)));

    private static A64Encoding ThreeDifferent(string mnemonic, uint u, uint opcode, SimdLongOp op, bool signed) =>
        Simd(mnemonic, 0x0E200000 | u << 29 | opcode << 12, 0xBF20FC00, (e, i) => e.ThreeDifferent(i, op, signed), NoDoubleLanes);

    private static A64Encoding[] ThreeDifferentPair(string stem, uint opcode, SimdLongOp op) =>
        [ThreeDifferent("s" + stem, 0, opcode, op, signed: true), ThreeDifferent("u" + stem, 1, opcode, op, signed: false)];

    private static A64Encoding Shift(string mnemonic, uint u, uint opcode, SimdShiftOp op, bool signed) =>
        Simd(mnemonic, 0x0F000400 | u << 29 | opcode << 11, 0xBF80FC00, (e, i) => e.ShiftByImmediate(i, op, signed), VectorShift);

    private static A64Encoding[] ShiftPair(string stem, uint opcode, SimdShiftOp op) =>
        [Shift("s" + stem, 0, opcode, op, signed: true), Shift("u" + stem, 1, opcode, op, signed: false)];

    private static A64Encoding NarrowShift(string mnemonic, uint u, uint opcode, A64Handler handler) =>
        Simd(mnemonic, 0x0F000400 | u << 29 | opcode << 11, 0xBF80FC00, handler, NarrowShiftSizes);

    private static A64Encoding ScalarShift(string mnemonic, uint u, uint opcode, SimdShiftOp op, bool signed) =>
        Simd(mnemonic, 0x5F000400 | u << 29 | opcode << 11, 0xFF80FC00, (e, i) => e.ShiftByImmediate(i, op, signed, scalar: true), b => Immh(b) >= 8);

    private static A64Encoding[] ScalarShiftPair(string stem, uint opcode, SimdShiftOp op) =>
        [ScalarShift("s" + stem + " (scalar)", 0, opcode, op, signed: true), ScalarShift("u" + stem + " (scalar)", 1, opcode, op, signed: false)];
}
