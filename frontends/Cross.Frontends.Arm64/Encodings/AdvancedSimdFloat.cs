using Cross.Core.FloatingPoint;
using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Lowering;
using static Cross.Frontends.Arm64.Encodings.AdvancedSimd;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>
/// Advanced SIMD floating point, single and double precision, plus the integer by-element
/// multiplies that share the by-element group. The half-precision arithmetic encodings
/// (FEAT_FP16) are not implemented and decode as illegal; FCVTL/FCVTN to and from half
/// precision are base Advanced SIMD and are here.
/// </summary>
public static class AdvancedSimdFloat
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
        // Three same, FP: 0 Q U 01110 a sz 1 Rm 11xxx 1 Rn Rd (a is bit 23).
        ThreeSame("fmaxnm", 0, 0, 0b11000, SimdFloatOp.MaxNumber),
        ThreeSame("fminnm", 0, 1, 0b11000, SimdFloatOp.MinNumber),
        ThreeSame("fmla (vector)", 0, 0, 0b11001, SimdFloatOp.MultiplyAdd),
        ThreeSame("fmls (vector)", 0, 1, 0b11001, SimdFloatOp.MultiplySubtract),
        ThreeSame("fadd (vector)", 0, 0, 0b11010, SimdFloatOp.Add),
        ThreeSame("fsub (vector)", 0, 1, 0b11010, SimdFloatOp.Subtract),
        ThreeSame("fmulx (vector)", 0, 0, 0b11011, SimdFloatOp.MultiplyExtended),
        ThreeSame("fcmeq (register)", 0, 0, 0b11100, SimdFloatOp.CompareEqual),
        ThreeSame("fmax (vector)", 0, 0, 0b11110, SimdFloatOp.Max),
        ThreeSame("fmin (vector)", 0, 1, 0b11110, SimdFloatOp.Min),
        ThreeSame("fabd (vector)", 1, 1, 0b11010, SimdFloatOp.AbsoluteDifference),
        ThreeSame("fmul (vector)", 1, 0, 0b11011, SimdFloatOp.Multiply),
        ThreeSame("fcmge (register)", 1, 0, 0b11100, SimdFloatOp.CompareGreaterOrEqual),
        ThreeSame("fcmgt (register)", 1, 1, 0b11100, SimdFloatOp.CompareGreater),
        ThreeSame("facge", 1, 0, 0b11101, SimdFloatOp.AbsoluteCompareGreaterOrEqual),
        ThreeSame("facgt", 1, 1, 0b11101, SimdFloatOp.AbsoluteCompareGreater),
        ThreeSame("fdiv (vector)", 1, 0, 0b11111, SimdFloatOp.Divide),
        Simd("frecps (vector)", 0x0E20FC00, 0xBFA0FC00, (e, i) => e.FloatStep(i, reciprocalSquareRoot: false), FloatArrangement),
        Simd("frsqrts (vector)", 0x0EA0FC00, 0xBFA0FC00, (e, i) => e.FloatStep(i, reciprocalSquareRoot: true), FloatArrangement),
        Simd("frecps (scalar)", 0x5E20FC00, 0xFFA0FC00, (e, i) => e.FloatStep(i, reciprocalSquareRoot: false, scalar: true)),
        Simd("frsqrts (scalar)", 0x5EA0FC00, 0xFFA0FC00, (e, i) => e.FloatStep(i, reciprocalSquareRoot: true, scalar: true)),
        Pairwise("fmaxnmp (vector)", 0, 0b11000, SimdFloatOp.MaxNumber),
        Pairwise("fminnmp (vector)", 1, 0b11000, SimdFloatOp.MinNumber),
        Pairwise("faddp (vector)", 0, 0b11010, SimdFloatOp.Add),
        Pairwise("fmaxp (vector)", 0, 0b11110, SimdFloatOp.Max),
        Pairwise("fminp (vector)", 1, 0b11110, SimdFloatOp.Min),

        // Scalar three same, FP.
        ScalarThreeSame("fmulx (scalar)", 0, 0, 0b11011, SimdFloatOp.MultiplyExtended),
        ScalarThreeSame("fcmeq (register, scalar)", 0, 0, 0b11100, SimdFloatOp.CompareEqual),
        ScalarThreeSame("fabd (scalar)", 1, 1, 0b11010, SimdFloatOp.AbsoluteDifference),
        ScalarThreeSame("fcmge (register, scalar)", 1, 0, 0b11100, SimdFloatOp.CompareGreaterOrEqual),
        ScalarThreeSame("fcmgt (register, scalar)", 1, 1, 0b11100, SimdFloatOp.CompareGreater),
        ScalarThreeSame("facge (scalar)", 1, 0, 0b11101, SimdFloatOp.AbsoluteCompareGreaterOrEqual),
        ScalarThreeSame("facgt (scalar)", 1, 1, 0b11101, SimdFloatOp.AbsoluteCompareGreater),

        // Scalar pairwise (U=1; U=0 is half precision): 01 1 11110 a sz 11000 opcode 10 Rn Rd.
        ScalarPairwise("fmaxnmp (scalar)", 0, 0b01100, SimdFloatOp.MaxNumber),
        ScalarPairwise("fminnmp (scalar)", 1, 0b01100, SimdFloatOp.MinNumber),
        ScalarPairwise("faddp (scalar)", 0, 0b01101, SimdFloatOp.Add),
        ScalarPairwise("fmaxp (scalar)", 0, 0b01111, SimdFloatOp.Max),
        ScalarPairwise("fminp (scalar)", 1, 0b01111, SimdFloatOp.Min),

        // Across lanes (4S only): 0 1 1 01110 a 0 11000 opcode 10 Rn Rd.
        AcrossLanes("fmaxnmv", 0, 0b01100, SimdFloatOp.MaxNumber),
        AcrossLanes("fminnmv", 1, 0b01100, SimdFloatOp.MinNumber),
        AcrossLanes("fmaxv", 0, 0b01111, SimdFloatOp.Max),
        AcrossLanes("fminv", 1, 0b01111, SimdFloatOp.Min),

        // Two-register miscellaneous, FP: 0 Q U 01110 a sz 10000 opcode 10 Rn Rd.
        Unary("fcmgt (zero)", 0, 1, 0b01100, SimdFloatUnaryOp.CompareGreaterZero),
        Unary("fcmeq (zero)", 0, 1, 0b01101, SimdFloatUnaryOp.CompareEqualZero),
        Unary("fcmlt (zero)", 0, 1, 0b01110, SimdFloatUnaryOp.CompareLessZero),
        Unary("fabs (vector)", 0, 1, 0b01111, SimdFloatUnaryOp.Absolute),
        Unary("fcmge (zero)", 1, 1, 0b01100, SimdFloatUnaryOp.CompareGreaterOrEqualZero),
        Unary("fcmle (zero)", 1, 1, 0b01101, SimdFloatUnaryOp.CompareLessOrEqualZero),
        Unary("fneg (vector)", 1, 1, 0b01111, SimdFloatUnaryOp.Negate),
        Unary("fsqrt (vector)", 1, 1, 0b11111, SimdFloatUnaryOp.SquareRoot),
        Misc("frecpe (vector)", 0, 1, 0b11101, (e, i) => e.FloatEstimate(i, reciprocalSquareRoot: false)),
        Misc("frsqrte (vector)", 1, 1, 0b11101, (e, i) => e.FloatEstimate(i, reciprocalSquareRoot: true)),
        Simd("urecpe", 0x0EA1C800, 0xBFFFFC00, (e, i) => e.UnsignedEstimate(i, reciprocalSquareRoot: false)),
        Simd("ursqrte", 0x2EA1C800, 0xBFFFFC00, (e, i) => e.UnsignedEstimate(i, reciprocalSquareRoot: true)),
        Misc("frintn (vector)", 0, 0, 0b11000, (e, i) => e.RoundToIntegral(i, RoundingMode.NearestEven, signalInexact: false)),
        Misc("frintm (vector)", 0, 0, 0b11001, (e, i) => e.RoundToIntegral(i, RoundingMode.Down, signalInexact: false)),
        Misc("frintp (vector)", 0, 1, 0b11000, (e, i) => e.RoundToIntegral(i, RoundingMode.Up, signalInexact: false)),
        Misc("frintz (vector)", 0, 1, 0b11001, (e, i) => e.RoundToIntegral(i, RoundingMode.TowardZero, signalInexact: false)),
        Misc("frinta (vector)", 1, 0, 0b11000, (e, i) => e.RoundToIntegral(i, RoundingMode.NearestMaxMagnitude, signalInexact: false)),
        Misc("frintx (vector)", 1, 0, 0b11001, (e, i) => e.RoundToIntegral(i, null, signalInexact: true)),
        Misc("frinti (vector)", 1, 1, 0b11001, (e, i) => e.RoundToIntegral(i, null, signalInexact: false)),
        .. Conversions(scalar: false),
        Simd("fcvtl", 0x0E617800, 0xBFFFFC00, (e, i) => e.FloatConvertLong(i)),
        Simd("fcvtn", 0x0E616800, 0xBFFFFC00, (e, i) => e.FloatConvertNarrow(i)),
        Simd("fcvtl (from half)", 0x0E217800, 0xBFFFFC00, (e, i) => e.HalfConvertLong(i)),
        Simd("fcvtn (to half)", 0x0E216800, 0xBFFFFC00, (e, i) => e.HalfConvertNarrow(i)),
        Simd("fcvtxn", 0x2E616800, 0xBFFFFC00, (e, i) => e.FloatConvertNarrowToOdd(i)),
        Simd("fcvtxn (scalar)", 0x7E616800, 0xFFFFFC00, (e, i) => e.FloatConvertNarrowToOdd(i, scalar: true)),
        Simd("frecpx", 0x5EA1F800, 0xFFBFFC00, (e, i) => e.ReciprocalExponent(i)),

        // Scalar two-register miscellaneous, FP: compares with zero and conversions in place.
        ScalarUnary("fcmgt (zero, scalar)", 0, 1, 0b01100, SimdFloatUnaryOp.CompareGreaterZero),
        ScalarUnary("fcmeq (zero, scalar)", 0, 1, 0b01101, SimdFloatUnaryOp.CompareEqualZero),
        ScalarUnary("fcmlt (zero, scalar)", 0, 1, 0b01110, SimdFloatUnaryOp.CompareLessZero),
        ScalarUnary("fcmge (zero, scalar)", 1, 1, 0b01100, SimdFloatUnaryOp.CompareGreaterOrEqualZero),
        ScalarUnary("fcmle (zero, scalar)", 1, 1, 0b01101, SimdFloatUnaryOp.CompareLessOrEqualZero),
        .. Conversions(scalar: true),
        ScalarMisc("frecpe (scalar)", 0, 1, 0b11101, (e, i) => e.FloatEstimate(i, reciprocalSquareRoot: false, scalar: true)),
        ScalarMisc("frsqrte (scalar)", 1, 1, 0b11101, (e, i) => e.FloatEstimate(i, reciprocalSquareRoot: true, scalar: true)),

        // Fixed-point conversions (shift by immediate group; immh 001x would be half precision).
        Simd("scvtf (vector, fixed-point)", 0x0F00E400, 0xBF80FC00, (e, i) => e.FixedToFloat(i, signed: true), FixedPointVector),
        Simd("ucvtf (vector, fixed-point)", 0x2F00E400, 0xBF80FC00, (e, i) => e.FixedToFloat(i, signed: false), FixedPointVector),
        Simd("fcvtzs (vector, fixed-point)", 0x0F00FC00, 0xBF80FC00, (e, i) => e.FloatToFixed(i, signed: true), FixedPointVector),
        Simd("fcvtzu (vector, fixed-point)", 0x2F00FC00, 0xBF80FC00, (e, i) => e.FloatToFixed(i, signed: false), FixedPointVector),
        Simd("scvtf (scalar, fixed-point)", 0x5F00E400, 0xFF80FC00, (e, i) => e.FixedToFloat(i, signed: true, scalar: true), b => Immh(b) >= 4),
        Simd("ucvtf (scalar, fixed-point)", 0x7F00E400, 0xFF80FC00, (e, i) => e.FixedToFloat(i, signed: false, scalar: true), b => Immh(b) >= 4),
        Simd("fcvtzs (scalar, fixed-point)", 0x5F00FC00, 0xFF80FC00, (e, i) => e.FloatToFixed(i, signed: true, scalar: true), b => Immh(b) >= 4),
        Simd("fcvtzu (scalar, fixed-point)", 0x7F00FC00, 0xFF80FC00, (e, i) => e.FloatToFixed(i, signed: false, scalar: true), b => Immh(b) >= 4),

        // By element: 0 Q U 01111 size L M Rm opcode H 0 Rn Rd.
        ByElement("fmla (by element)", 0, 0b0001, SimdFloatOp.MultiplyAdd),
        ByElement("fmls (by element)", 0, 0b0101, SimdFloatOp.MultiplySubtract),
        ByElement("fmul (by element)", 0, 0b1001, SimdFloatOp.Multiply),
        ByElement("fmulx (by element)", 1, 0b1001, SimdFloatOp.MultiplyExtended),
        ScalarByElement("fmla (by element, scalar)", 0, 0b0001, SimdFloatOp.MultiplyAdd),
        ScalarByElement("fmls (by element, scalar)", 0, 0b0101, SimdFloatOp.MultiplySubtract),
        ScalarByElement("fmul (by element, scalar)", 0, 0b1001, SimdFloatOp.Multiply),
        ScalarByElement("fmulx (by element, scalar)", 1, 0b1001, SimdFloatOp.MultiplyExtended),
        IntegerByElement("sqdmulh (by element)", 0, 0b1100, (e, i) => e.DoublingMultiplyHighByElement(i, rounding: false)),
        IntegerByElement("sqrdmulh (by element)", 0, 0b1101, (e, i) => e.DoublingMultiplyHighByElement(i, rounding: true)),
        Simd("sqdmulh (by element, scalar)", 0x5F00C000, 0xFF00F400, (e, i) => e.DoublingMultiplyHighByElement(i, rounding: false, scalar: true), HalfOrWordLanes),
        Simd("sqrdmulh (by element, scalar)", 0x5F00D000, 0xFF00F400, (e, i) => e.DoublingMultiplyHighByElement(i, rounding: true, scalar: true), HalfOrWordLanes),
        IntegerByElement("sqdmlal (by element)", 0, 0b0011, (e, i) => e.SaturatingDoublingLong(i, accumulate: 1, byElement: true)),
        IntegerByElement("sqdmlsl (by element)", 0, 0b0111, (e, i) => e.SaturatingDoublingLong(i, accumulate: -1, byElement: true)),
        IntegerByElement("sqdmull (by element)", 0, 0b1011, (e, i) => e.SaturatingDoublingLong(i, accumulate: 0, byElement: true)),
        Simd("sqdmlal (by element, scalar)", 0x5F003000, 0xFF00F400, (e, i) => e.SaturatingDoublingLong(i, accumulate: 1, byElement: true, scalar: true), HalfOrWordLanes),
        Simd("sqdmlsl (by element, scalar)", 0x5F007000, 0xFF00F400, (e, i) => e.SaturatingDoublingLong(i, accumulate: -1, byElement: true, scalar: true), HalfOrWordLanes),
        Simd("sqdmull (by element, scalar)", 0x5F00B000, 0xFF00F400, (e, i) => e.SaturatingDoublingLong(i, accumulate: 0, byElement: true, scalar: true), HalfOrWordLanes),
        IntegerByElement("mul (by element)", 0, 0b1000, (e, i) => e.IntegerByElement(i, SimdIntegerOp.Mul)),
        IntegerByElement("mla (by element)", 1, 0b0000, (e, i) => e.IntegerByElement(i, SimdIntegerOp.MultiplyAdd)),
        IntegerByElement("mls (by element)", 1, 0b0100, (e, i) => e.IntegerByElement(i, SimdIntegerOp.MultiplySubtract)),
        IntegerByElement("smull (by element)", 0, 0b1010, (e, i) => e.LongByElement(i, SimdLongOp.MultiplyLong, signed: true)),
        IntegerByElement("umull (by element)", 1, 0b1010, (e, i) => e.LongByElement(i, SimdLongOp.MultiplyLong, signed: false)),
        IntegerByElement("smlal (by element)", 0, 0b0010, (e, i) => e.LongByElement(i, SimdLongOp.MultiplyAddLong, signed: true)),
        IntegerByElement("umlal (by element)", 1, 0b0010, (e, i) => e.LongByElement(i, SimdLongOp.MultiplyAddLong, signed: false)),
        IntegerByElement("smlsl (by element)", 0, 0b0110, (e, i) => e.LongByElement(i, SimdLongOp.MultiplySubtractLong, signed: true)),
        IntegerByElement("umlsl (by element)", 1, 0b0110, (e, i) => e.LongByElement(i, SimdLongOp.MultiplySubtractLong, signed: false)),
    ];

    /// <summary>Single lanes, or double lanes in a 128-bit vector (no 1D).</summary>
    private static bool FloatArrangement(uint bits) => !(Field(bits, 22, 22) == 1 && !Q(bits));

    private static A64Encoding ThreeSame(string mnemonic, uint u, uint a, uint opcode, SimdFloatOp op) =>
        Simd(mnemonic, 0x0E200400 | u << 29 | a << 23 | opcode << 11, 0xBFA0FC00, (e, i) => e.ThreeSameFloat(i, op), FloatArrangement);

    private static A64Encoding Pairwise(string mnemonic, uint a, uint opcode, SimdFloatOp op) =>
        Simd(mnemonic, 0x2E200400 | a << 23 | opcode << 11, 0xBFA0FC00, (e, i) => e.PairwiseFloat(i, op), FloatArrangement);

    private static A64Encoding ScalarThreeSame(string mnemonic, uint u, uint a, uint opcode, SimdFloatOp op) =>
        Simd(mnemonic, 0x5E200400 | u << 29 | a << 23 | opcode << 11, 0xFFA0FC00, (e, i) => e.ThreeSameFloat(i, op, scalar: true));

    private static A64Encoding ScalarPairwise(string mnemonic, uint a, uint opcode, SimdFloatOp op) =>
        Simd(mnemonic, 0x7E300800 | a << 23 | opcode << 12, 0xFFBFFC00, (e, i) => e.PairwiseFloatScalar(i, op));

    private static A64Encoding AcrossLanes(string mnemonic, uint a, uint opcode, SimdFloatOp op) =>
        Simd(mnemonic, 0x6E300800 | a << 23 | opcode << 12, 0xFFFFFC00, (e, i) => e.AcrossLanesFloat(i, op));

    private static A64Encoding Misc(string mnemonic, uint u, uint a, uint opcode, A64Handler handler) =>
        Simd(mnemonic, 0x0E200800 | u << 29 | a << 23 | opcode << 12, 0xBFBFFC00, handler, FloatArrangement);

    private static A64Encoding Unary(string mnemonic, uint u, uint a, uint opcode, SimdFloatUnaryOp op) =>
        Misc(mnemonic, u, a, opcode, (e, i) => e.UnaryFloat(i, op));

    private static A64Encoding ScalarMisc(string mnemonic, uint u, uint a, uint opcode, A64Handler handler) =>
        Simd(mnemonic, 0x5E200800 | u << 29 | a << 23 | opcode << 12, 0xFFBFFC00, handler);

    private static A64Encoding ScalarUnary(string mnemonic, uint u, uint a, uint opcode, SimdFloatUnaryOp op) =>
        ScalarMisc(mnemonic, u, a, opcode, (e, i) => e.UnaryFloat(i, op, scalar: true));

    /// <summary>FCVT{N,M,P,Z,A}{S,U} and SCVTF/UCVTF (integer), vector or scalar.</summary>
    private static A64Encoding[] Conversions(bool scalar)
    {
        var suffix = scalar ? " (scalar)" : " (vector)";
        A64Encoding Row(string mnemonic, uint u, uint a, uint opcode, A64Handler handler) =>
            scalar ? ScalarMisc(mnemonic + suffix, u, a, opcode, handler) : Misc(mnemonic + suffix, u, a, opcode, handler);
        A64Encoding ToInteger(string mnemonic, uint u, uint a, uint opcode, RoundingMode rounding) =>
            Row(mnemonic, u, a, opcode, (e, i) => e.SimdFloatToInteger(i, rounding, signed: u == 0, scalar));
        return
        [
            ToInteger("fcvtns", 0, 0, 0b11010, RoundingMode.NearestEven),
            ToInteger("fcvtms", 0, 0, 0b11011, RoundingMode.Down),
            ToInteger("fcvtas", 0, 0, 0b11100, RoundingMode.NearestMaxMagnitude),
            ToInteger("fcvtps", 0, 1, 0b11010, RoundingMode.Up),
            ToInteger("fcvtzs", 0, 1, 0b11011, RoundingMode.TowardZero),
            ToInteger("fcvtnu", 1, 0, 0b11010, RoundingMode.NearestEven),
            ToInteger("fcvtmu", 1, 0, 0b11011, RoundingMode.Down),
            ToInteger("fcvtau", 1, 0, 0b11100, RoundingMode.NearestMaxMagnitude),
            ToInteger("fcvtpu", 1, 1, 0b11010, RoundingMode.Up),
            ToInteger("fcvtzu", 1, 1, 0b11011, RoundingMode.TowardZero),
            Row("scvtf", 0, 0, 0b11101, (e, i) => e.SimdIntegerToFloat(i, signed: true, scalar)),
            Row("ucvtf", 1, 0, 0b11101, (e, i) => e.SimdIntegerToFloat(i, signed: false, scalar)),
        ];
    }

    /// <summary>Single (immh 01xx) or double (1xxx, Q=1) lanes.</summary>
    private static bool FixedPointVector(uint bits) => Immh(bits) >= 4 && VectorShift(bits);

    private static uint ElementSize(uint bits) => Field(bits, 23, 22);

    private static A64Encoding ByElement(string mnemonic, uint u, uint opcode, SimdFloatOp op) =>
        Simd(mnemonic, 0x0F000000 | u << 29 | opcode << 12, 0xBF00F400, (e, i) => e.FloatByElement(i, op),
            // Single: index H:L. Double: index H, L must be 0, and no 1D. Size 00 is half precision.
            b => ElementSize(b) == 2 || (ElementSize(b) == 3 && Field(b, 21, 21) == 0 && Q(b)));

    private static A64Encoding ScalarByElement(string mnemonic, uint u, uint opcode, SimdFloatOp op) =>
        Simd(mnemonic, 0x5F000000 | u << 29 | opcode << 12, 0xFF00F400, (e, i) => e.FloatByElement(i, op, scalar: true),
            b => ElementSize(b) == 2 || (ElementSize(b) == 3 && Field(b, 21, 21) == 0));

    private static A64Encoding IntegerByElement(string mnemonic, uint u, uint opcode, A64Handler handler) =>
        Simd(mnemonic, 0x0F000000 | u << 29 | opcode << 12, 0xBF00F400, handler, b => ElementSize(b) is 1 or 2);
}
