using Cross.Core.FloatingPoint;
using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>The FP data-processing (2 source) operations, numbered as their opcode field [15:12].</summary>
public enum A64FpBinary
{
    Mul, Div, Add, Sub, Max, Min, MaxNum, MinNum, NegatedMul,
}

// Scalar floating point: register access, arithmetic, compare and select. Exception flags accrue
// into FPSR's byte; FZ, DN and the FPCR rounding mode come from the block's translation mode.
// The value-level helpers (Fp*) are what the Advanced SIMD lowering reuses per lane.
public sealed partial class A64Emitter
{
    /// <summary>Where FP operations accrue their exception flags.</summary>
    internal const int FpFlagsOffset = Arm64State.FpsrFlags;

    /// <summary>The scalar type of a ptype field (00 single, 01 double); the rows reject the others.</summary>
    internal static IrType FloatType(uint ptype) => ptype == 0 ? IrType.F32 : IrType.F64;

    /// <summary>The integer type holding a float's bits (I16 stands for a half-precision value).</summary>
    internal static IrType BitsType(IrType type) => type switch
    {
        IrType.F32 => IrType.I32,
        IrType.F64 => IrType.I64,
        _ => type,
    };

    private static ulong SignBitOf(IrType type) => 1UL << (BitsType(type).Bits() - 1);

    /// <summary>The low <paramref name="bitsType"/> bits of vector register <paramref name="n"/>.</summary>
    public Value VectorBits(IrType bitsType, int n) => B.GetReg(bitsType, Arm64State.Vector(n));

    /// <summary>Scalar register <paramref name="n"/> as a float of <paramref name="type"/>.</summary>
    public Value Float(IrType type, int n) => B.Bitcast(type, VectorBits(BitsType(type), n));

    /// <summary>A scalar write: the value's bits go to the bottom of V<paramref name="n"/> and the rest of the 128 bits is zeroed.</summary>
    public void SetScalar(int n, Value value)
    {
        var bits = B.Bitcast(BitsType(B.TypeOf(value)), value);
        B.SetReg(Arm64State.Vector(n), B.ZeroExtend(IrType.I64, bits));
        B.SetReg(Arm64State.Vector(n) + 8, B.Const64(0));
    }

    /// <summary>The rounding-mode operand: an instruction's explicit mode, or FPCR's for this block.</summary>
    public Value RoundingOperand(RoundingMode? explicitMode = null) => B.Const(IrType.I8, (ulong)(explicitMode ?? Mode.Rounding));

    /// <summary>Flips the sign bit (FPNeg without FEAT_AFP: NaNs too, no flags).</summary>
    public Value FpNegate(Value value)
    {
        var type = B.TypeOf(value);
        var bits = B.Bitcast(BitsType(type), value);
        return B.Bitcast(type, B.Xor(bits, B.Const(BitsType(type), SignBitOf(type))));
    }

    /// <summary>Clears the sign bit (FPAbs: no flags, NaNs unchanged otherwise).</summary>
    public Value FpAbsolute(Value value)
    {
        var type = B.TypeOf(value);
        var bits = B.Bitcast(BitsType(type), value);
        return B.Bitcast(type, B.And(bits, B.Const(BitsType(type), SignBitOf(type) - 1)));
    }

    /// <summary>
    /// FZ's input flush done in IR, for the operations whose IR op does not flush (compares) or
    /// must not see the flags of an intermediate step: with FZ a denormal becomes a zero of the
    /// same sign and IDC is raised. <paramref name="when"/> (i1) limits both to a condition.
    /// </summary>
    public Value FpFlushInput(Value value, Value? when = null)
    {
        if (!Mode.FlushToZero) return value;
        var type = B.TypeOf(value);
        var bitsType = BitsType(type);
        var bits = B.Bitcast(bitsType, value);
        var fractionBits = type == IrType.F32 ? 23 : 52;
        var exponent = B.And(bits, B.Const(bitsType, (SignBitOf(type) - 1) & ~((1UL << fractionBits) - 1)));
        var fraction = B.And(bits, B.Const(bitsType, (1UL << fractionBits) - 1));
        var denormal = B.And(B.Cmp(Condition.Eq, exponent, B.Const(bitsType, 0)), B.Cmp(Condition.Ne, fraction, B.Const(bitsType, 0)));
        if (when is { } condition) denormal = B.And(denormal, condition);
        var accrued = B.GetReg(IrType.I8, FpFlagsOffset);
        var raised = B.Select(denormal, B.Const(IrType.I8, (ulong)FpExceptions.InputDenormal), B.Const(IrType.I8, 0));
        B.SetReg(FpFlagsOffset, B.Or(accrued, raised));
        var flushed = B.Select(denormal, B.And(bits, B.Const(bitsType, SignBitOf(type))), bits);
        return B.Bitcast(type, flushed);
    }

    /// <summary>One of the 2-source operations on two floats of the same type.</summary>
    public Value FpBinary(A64FpBinary operation, Value a, Value b)
    {
        var mode = FpEnvironment;
        return operation switch
        {
            A64FpBinary.Mul => B.FMul(a, b, RoundingOperand(), FpFlagsOffset, mode),
            A64FpBinary.Div => B.FDiv(a, b, RoundingOperand(), FpFlagsOffset, mode),
            A64FpBinary.Add => B.FAdd(a, b, RoundingOperand(), FpFlagsOffset, mode),
            A64FpBinary.Sub => B.FSub(a, b, RoundingOperand(), FpFlagsOffset, mode),
            A64FpBinary.Max => B.FMinMax(FpMinMaxKind.Max, a, b, FpFlagsOffset, mode),
            A64FpBinary.Min => B.FMinMax(FpMinMaxKind.Min, a, b, FpFlagsOffset, mode),
            A64FpBinary.MaxNum => B.FMinMax(FpMinMaxKind.MaxNum, a, b, FpFlagsOffset, mode),
            A64FpBinary.MinNum => B.FMinMax(FpMinMaxKind.MinNum, a, b, FpFlagsOffset, mode),
            // FNMUL negates the rounded product, a NaN result included.
            A64FpBinary.NegatedMul => FpNegate(B.FMul(a, b, RoundingOperand(), FpFlagsOffset, mode)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }

    /// <summary>FPMulAdd: addend + factor1 * factor2 with one rounding (NaN priority: addend, then the factors).</summary>
    public Value FpMulAdd(Value addend, Value factor1, Value factor2) =>
        B.FMulAdd(factor1, factor2, addend, RoundingOperand(), FpFlagsOffset, FpEnvironment);

    public Value FpSquareRoot(Value value) => B.FSqrt(value, RoundingOperand(), FpFlagsOffset, FpEnvironment);

    /// <summary>FRINT*: round to an integral float, in <paramref name="rounding"/> or FPCR's mode.</summary>
    public Value FpRoundToIntegral(Value value, RoundingMode? rounding, bool signalInexact) =>
        B.FRound(value, RoundingOperand(rounding), signalInexact, FpFlagsOffset, FpEnvironment);

    /// <summary>
    /// FPCompare as NZCV (unordered 0011, equal 0110, less 1000, greater 0010). Invalid is raised
    /// for a signalling NaN, or any NaN when <paramref name="signalQuietNan"/>; FZ flushes
    /// denormal operands. <paramref name="when"/> (i1) suppresses every flag when false (FCCMP).
    /// </summary>
    public (Value N, Value Z, Value C, Value V) FpCompareFlags(Value a, Value b, bool signalQuietNan, Value? when = null)
    {
        if (when is { } condition)
        {
            // Compare zeros when the condition fails: no exception can come from them.
            var type = B.TypeOf(a);
            var zero = B.Const(BitsType(type), 0);
            a = B.Bitcast(type, B.Select(condition, B.Bitcast(BitsType(type), a), zero));
            b = B.Bitcast(type, B.Select(condition, B.Bitcast(BitsType(type), b), zero));
        }
        a = FpFlushInput(a, when);
        b = FpFlushInput(b, when);
        var unordered = B.FCmp(signalQuietNan ? FpCompare.UnorderedSignaling : FpCompare.Unordered, a, b, FpFlagsOffset);
        var equal = B.FCmp(FpCompare.Equal, a, b, -1);
        var less = B.FCmp(FpCompare.LessThanQuiet, a, b, -1);
        return (less, equal, B.Not(less), unordered);
    }

    internal void FloatMove(A64Instruction i) =>
        SetScalar(i.Rd, VectorBits(BitsType(FloatType(i.Field(23, 22))), i.Rn));

    internal void FloatAbsolute(A64Instruction i) =>
        SetScalar(i.Rd, FpAbsolute(Float(FloatType(i.Field(23, 22)), i.Rn)));

    internal void FloatNegate(A64Instruction i) =>
        SetScalar(i.Rd, FpNegate(Float(FloatType(i.Field(23, 22)), i.Rn)));

    internal void FloatSquareRoot(A64Instruction i) =>
        SetScalar(i.Rd, FpSquareRoot(Float(FloatType(i.Field(23, 22)), i.Rn)));

    internal void FloatRoundToIntegral(A64Instruction i, RoundingMode? rounding, bool signalInexact) =>
        SetScalar(i.Rd, FpRoundToIntegral(Float(FloatType(i.Field(23, 22)), i.Rn), rounding, signalInexact));

    internal void FloatBinary(A64Instruction i, A64FpBinary operation)
    {
        var type = FloatType(i.Field(23, 22));
        SetScalar(i.Rd, FpBinary(operation, Float(type, i.Rn), Float(type, i.Rm)));
    }

    /// <summary>FMADD/FMSUB/FNMADD/FNMSUB: the negations apply to the operands before the fused operation (so to NaNs too).</summary>
    internal void FloatFusedMultiplyAdd(A64Instruction i, bool negateProduct, bool negateAddend)
    {
        var type = FloatType(i.Field(23, 22));
        var factor1 = Float(type, i.Rn);
        var addend = Float(type, i.Ra);
        if (negateProduct) factor1 = FpNegate(factor1);
        if (negateAddend) addend = FpNegate(addend);
        SetScalar(i.Rd, FpMulAdd(addend, factor1, Float(type, i.Rm)));
    }

    internal void FloatCompare(A64Instruction i, bool withZero, bool signalQuietNan)
    {
        var type = FloatType(i.Field(23, 22));
        var b = withZero ? B.Bitcast(type, B.Const(BitsType(type), 0)) : Float(type, i.Rm);
        var (n, z, c, v) = FpCompareFlags(Float(type, i.Rn), b, signalQuietNan);
        SetFlags(n, z, c, v);
    }

    internal void FloatConditionalCompare(A64Instruction i, bool signalQuietNan)
    {
        var type = FloatType(i.Field(23, 22));
        var holds = ConditionHolds(i.Field(15, 12));
        var (n, z, c, v) = FpCompareFlags(Float(type, i.Rn), Float(type, i.Rm), signalQuietNan, holds);
        var nzcv = i.Field(3, 0);
        Value Pick(Value compared, int bit) => B.Select(holds, compared, B.Const(IrType.I1, (nzcv >> bit) & 1));
        SetFlags(Pick(n, 3), Pick(z, 2), Pick(c, 1), Pick(v, 0));
    }

    internal void FloatConditionalSelect(A64Instruction i)
    {
        var bitsType = BitsType(FloatType(i.Field(23, 22)));
        var holds = ConditionHolds(i.Field(15, 12));
        SetScalar(i.Rd, B.Select(holds, VectorBits(bitsType, i.Rn), VectorBits(bitsType, i.Rm)));
    }

    /// <summary>FMOV (immediate): VFPExpandImm of imm8 [20:13].</summary>
    internal void FloatMoveImmediate(A64Instruction i)
    {
        var isDouble = i.Field(23, 22) == 1;
        SetScalar(i.Rd, isDouble ? B.Const64(ExpandFpImmediate(i.Field(20, 13), 64)) : B.Const32((uint)ExpandFpImmediate(i.Field(20, 13), 32)));
    }

    /// <summary>
    /// VFPExpandImm: sign imm8[7]; exponent NOT(imm8[6]), imm8[6] repeated, imm8[5:4]; fraction
    /// imm8[3:0] at the top of the fraction field.
    /// </summary>
    public static ulong ExpandFpImmediate(uint imm8, int width)
    {
        var exponentBits = width switch { 16 => 5, 32 => 8, _ => 11 };
        var fractionBits = width - exponentBits - 1;
        var sign = (ulong)(imm8 >> 7) & 1;
        var b6 = (imm8 >> 6) & 1;
        var exponent = (ulong)(b6 ^ 1) << (exponentBits - 1)
                     | (b6 == 1 ? ((1UL << (exponentBits - 3)) - 1) << 2 : 0)
                     | ((imm8 >> 4) & 3);
        var fraction = (ulong)(imm8 & 0xF) << (fractionBits - 4);
        return sign << (width - 1) | exponent << fractionBits | fraction;
    }
}
