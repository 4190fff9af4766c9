using Cross.Core.FloatingPoint;
using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Lowering;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>
/// Scalar floating point: arithmetic, FMA, compare, select, conversions, moves, immediates.
/// Single (ptype 00) and double (ptype 01) precision; ptype 11 is FEAT_FP16 arithmetic, which is
/// not implemented, so only FCVT to and from H accepts it. M [31] and S [29] are always zero.
/// </summary>
public static class FloatingPointScalar
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
        // Data processing, 1 source: M 0 S 11110 ptype 1 opcode [20:15] 10000 Rn Rd.
        OneSource("fmov (register)", 0b000000, (e, i) => e.FloatMove(i)),
        OneSource("fabs", 0b000001, (e, i) => e.FloatAbsolute(i)),
        OneSource("fneg", 0b000010, (e, i) => e.FloatNegate(i)),
        OneSource("fsqrt", 0b000011, (e, i) => e.FloatSquareRoot(i)),
        Fp("fcvt", 0x1E224000, 0xFF3E7C00, (e, i) => e.FloatConvertPrecision(i), ValidPrecisionConversion),
        OneSource("frintn", 0b001000, (e, i) => e.FloatRoundToIntegral(i, RoundingMode.NearestEven, signalInexact: false)),
        OneSource("frintp", 0b001001, (e, i) => e.FloatRoundToIntegral(i, RoundingMode.Up, signalInexact: false)),
        OneSource("frintm", 0b001010, (e, i) => e.FloatRoundToIntegral(i, RoundingMode.Down, signalInexact: false)),
        OneSource("frintz", 0b001011, (e, i) => e.FloatRoundToIntegral(i, RoundingMode.TowardZero, signalInexact: false)),
        OneSource("frinta", 0b001100, (e, i) => e.FloatRoundToIntegral(i, RoundingMode.NearestMaxMagnitude, signalInexact: false)),
        OneSource("frintx", 0b001110, (e, i) => e.FloatRoundToIntegral(i, rounding: null, signalInexact: true)),
        OneSource("frinti", 0b001111, (e, i) => e.FloatRoundToIntegral(i, rounding: null, signalInexact: false)),

        // Data processing, 2 sources: M 0 S 11110 ptype 1 Rm opcode [15:12] 10 Rn Rd.
        TwoSource("fmul", A64FpBinary.Mul),
        TwoSource("fdiv", A64FpBinary.Div),
        TwoSource("fadd", A64FpBinary.Add),
        TwoSource("fsub", A64FpBinary.Sub),
        TwoSource("fmax", A64FpBinary.Max),
        TwoSource("fmin", A64FpBinary.Min),
        TwoSource("fmaxnm", A64FpBinary.MaxNum),
        TwoSource("fminnm", A64FpBinary.MinNum),
        TwoSource("fnmul", A64FpBinary.NegatedMul),

        // Data processing, 3 sources: M 0 S 11111 ptype o1 Rm o0 Ra Rn Rd.
        Fp("fmadd", 0x1F000000, 0xFF208000, (e, i) => e.FloatFusedMultiplyAdd(i, negateProduct: false, negateAddend: false), SingleOrDouble),
        Fp("fmsub", 0x1F008000, 0xFF208000, (e, i) => e.FloatFusedMultiplyAdd(i, negateProduct: true, negateAddend: false), SingleOrDouble),
        Fp("fnmadd", 0x1F200000, 0xFF208000, (e, i) => e.FloatFusedMultiplyAdd(i, negateProduct: true, negateAddend: true), SingleOrDouble),
        Fp("fnmsub", 0x1F208000, 0xFF208000, (e, i) => e.FloatFusedMultiplyAdd(i, negateProduct: false, negateAddend: true), SingleOrDouble),

        // Compare: M 0 S 11110 ptype 1 Rm op=00 1000 Rn opcode2; the zero forms have Rm = 0 (SBZ).
        Fp("fcmp", 0x1E202000, 0xFF20FC1F, (e, i) => e.FloatCompare(i, withZero: false, signalQuietNan: false), SingleOrDouble),
        Fp("fcmp (zero)", 0x1E202008, 0xFF3FFC1F, (e, i) => e.FloatCompare(i, withZero: true, signalQuietNan: false), SingleOrDouble),
        Fp("fcmpe", 0x1E202010, 0xFF20FC1F, (e, i) => e.FloatCompare(i, withZero: false, signalQuietNan: true), SingleOrDouble),
        Fp("fcmpe (zero)", 0x1E202018, 0xFF3FFC1F, (e, i) => e.FloatCompare(i, withZero: true, signalQuietNan: true), SingleOrDouble),

        // Conditional compare: M 0 S 11110 ptype 1 Rm cond 01 Rn op nzcv.
        Fp("fccmp", 0x1E200400, 0xFF200C10, (e, i) => e.FloatConditionalCompare(i, signalQuietNan: false), SingleOrDouble),
        Fp("fccmpe", 0x1E200410, 0xFF200C10, (e, i) => e.FloatConditionalCompare(i, signalQuietNan: true), SingleOrDouble),

        // Conditional select: M 0 S 11110 ptype 1 Rm cond 11 Rn Rd.
        Fp("fcsel", 0x1E200C00, 0xFF200C00, (e, i) => e.FloatConditionalSelect(i), SingleOrDouble),

        // Immediate: M 0 S 11110 ptype 1 imm8 100 imm5=00000 Rd.
        Fp("fmov (immediate)", 0x1E201000, 0xFF201FE0, (e, i) => e.FloatMoveImmediate(i), SingleOrDouble),

        // Conversion to and from fixed point: sf 0 S 11110 ptype 0 rmode opcode scale Rn Rd.
        FixedPoint("scvtf (fixed-point)", 0b00, 0b010, (e, i) => e.IntegerToFloat(i, signed: true, fixedPoint: true)),
        FixedPoint("ucvtf (fixed-point)", 0b00, 0b011, (e, i) => e.IntegerToFloat(i, signed: false, fixedPoint: true)),
        FixedPoint("fcvtzs (fixed-point)", 0b11, 0b000, (e, i) => e.FloatToInteger(i, RoundingMode.TowardZero, signed: true, fixedPoint: true)),
        FixedPoint("fcvtzu (fixed-point)", 0b11, 0b001, (e, i) => e.FloatToInteger(i, RoundingMode.TowardZero, signed: false, fixedPoint: true)),

        // Conversion to and from integers: sf 0 S 11110 ptype 1 rmode opcode 000000 Rn Rd.
        ToInteger("fcvtns", 0b00, 0b000, RoundingMode.NearestEven, signed: true),
        ToInteger("fcvtnu", 0b00, 0b001, RoundingMode.NearestEven, signed: false),
        ToInteger("fcvtas", 0b00, 0b100, RoundingMode.NearestMaxMagnitude, signed: true),
        ToInteger("fcvtau", 0b00, 0b101, RoundingMode.NearestMaxMagnitude, signed: false),
        ToInteger("fcvtps", 0b01, 0b000, RoundingMode.Up, signed: true),
        ToInteger("fcvtpu", 0b01, 0b001, RoundingMode.Up, signed: false),
        ToInteger("fcvtms", 0b10, 0b000, RoundingMode.Down, signed: true),
        ToInteger("fcvtmu", 0b10, 0b001, RoundingMode.Down, signed: false),
        ToInteger("fcvtzs", 0b11, 0b000, RoundingMode.TowardZero, signed: true),
        ToInteger("fcvtzu", 0b11, 0b001, RoundingMode.TowardZero, signed: false),
        Integer("scvtf", 0b00, 0b010, (e, i) => e.IntegerToFloat(i, signed: true, fixedPoint: false), SingleOrDouble),
        Integer("ucvtf", 0b00, 0b011, (e, i) => e.IntegerToFloat(i, signed: false, fixedPoint: false), SingleOrDouble),
        Integer("fmov (to general)", 0b00, 0b110, (e, i) => e.FloatMoveToGeneral(i), SameWidthMove),
        Integer("fmov (from general)", 0b00, 0b111, (e, i) => e.FloatMoveFromGeneral(i), SameWidthMove),
        Integer("fmov (top half to general)", 0b01, 0b110, (e, i) => e.FloatMoveToGeneral(i), TopHalfMove),
        Integer("fmov (general to top half)", 0b01, 0b111, (e, i) => e.FloatMoveFromGeneral(i), TopHalfMove),
    ];

    private static A64Encoding Fp(string mnemonic, uint match, uint mask, A64Handler handler, Func<uint, bool> constraint) =>
        Row(A64Feature.FloatingPoint, mnemonic, match, mask, handler, constraint);

    private static A64Encoding OneSource(string mnemonic, uint opcode, A64Handler handler) =>
        Fp(mnemonic, 0x1E204000 | opcode << 15, 0xFF3FFC00, handler, SingleOrDouble);

    private static A64Encoding TwoSource(string mnemonic, A64FpBinary operation) =>
        Fp(mnemonic, 0x1E200800 | (uint)operation << 12, 0xFF20FC00, (e, i) => e.FloatBinary(i, operation), SingleOrDouble);

    private static A64Encoding FixedPoint(string mnemonic, uint rmode, uint opcode, A64Handler handler) =>
        Fp(mnemonic, 0x1E000000 | rmode << 19 | opcode << 16, 0x7F3F0000, handler, ValidFixedPoint);

    private static A64Encoding Integer(string mnemonic, uint rmode, uint opcode, A64Handler handler, Func<uint, bool> constraint) =>
        Fp(mnemonic, 0x1E200000 | rmode << 19 | opcode << 16, 0x7F3FFC00, handler, constraint);

    private static A64Encoding ToInteger(string mnemonic, uint rmode, uint opcode, RoundingMode rounding, bool signed) =>
        Integer(mnemonic, rmode, opcode, (e, i) => e.FloatToInteger(i, rounding, signed, fixedPoint: false), SingleOrDouble);

    private static uint Ptype(uint bits) => Field(bits, 23, 22);

    /// <summary>ptype 00 (single) or 01 (double); 10 is unallocated and 11 (half) needs FEAT_FP16.</summary>
    private static bool SingleOrDouble(uint bits) => Ptype(bits) <= 1;

    /// <summary>FCVT: any two different types of S (00), D (01) and H (11); opc is the destination.</summary>
    private static bool ValidPrecisionConversion(uint bits)
    {
        var source = Ptype(bits);
        var destination = Field(bits, 16, 15);
        return source != 2 && destination != 2 && source != destination;
    }

    /// <summary>The 32-bit forms allow at most 32 fraction bits (scale = 64 - fbits must be at least 32).</summary>
    private static bool ValidFixedPoint(uint bits) => SingleOrDouble(bits) && (Field(bits, 31, 31) == 1 || Field(bits, 15, 15) == 1);

    /// <summary>FMOV between general and FP registers of the same width: W and S, or X and D.</summary>
    private static bool SameWidthMove(uint bits) => Ptype(bits) == Field(bits, 31, 31);

    /// <summary>FMOV between X and the top 64 bits of a vector register: sf 1, ptype 10.</summary>
    private static bool TopHalfMove(uint bits) => Field(bits, 31, 31) == 1 && Ptype(bits) == 2;
}
