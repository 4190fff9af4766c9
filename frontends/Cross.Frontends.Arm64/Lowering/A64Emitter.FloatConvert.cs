using Cross.Core.FloatingPoint;
using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

// Scalar FP conversions (precision, integer, fixed point) and moves between general and FP registers.
public sealed partial class A64Emitter
{
    /// <summary>FPToFixed: conversions to integers saturate, and a NaN gives 0; both raise Invalid.</summary>
    private const IntOverflow ArmIntOverflow = IntOverflow.SaturateNanZero;

    /// <summary>2^<paramref name="exponent"/> as a float of <paramref name="type"/> (|exponent| ≤ 64, always normal).</summary>
    private Value PowerOfTwo(IrType type, int exponent) => type == IrType.F32
        ? B.Bitcast(IrType.F32, B.Const32((uint)(127 + exponent) << 23))
        : B.Bitcast(IrType.F64, B.Const64((ulong)(1023 + exponent) << 52));

    /// <summary>
    /// FPToFixed: <paramref name="value"/> × 2^<paramref name="fractionBits"/> rounded to an
    /// integer of <paramref name="target"/> (i32/i64). The scaling is exact (or overflows, which
    /// saturates anyway), so it runs without flags after FZ's input flush.
    /// </summary>
    public Value FpToInteger(Value value, IrType target, bool signed, RoundingMode rounding, int fractionBits = 0)
    {
        if (fractionBits > 0)
        {
            value = FpFlushInput(value);
            value = B.FMul(value, PowerOfTwo(B.TypeOf(value), fractionBits), RoundingOperand(), -1, FpEnvironment);
        }
        return B.FToInt(target, signed, ArmIntOverflow, value, RoundingOperand(rounding), FpFlagsOffset, FpEnvironment);
    }

    /// <summary>
    /// FixedToFP: an integer (i32/i64) divided by 2^<paramref name="fractionBits"/>, rounded in
    /// FPCR's mode. Rounding the integer first is the same single rounding: the scaling is exact
    /// since no result can be denormal.
    /// </summary>
    public Value IntegerToFp(Value integer, IrType target, bool signed, int fractionBits = 0)
    {
        var converted = B.IntToF(target, signed, integer, RoundingOperand(), FpFlagsOffset, FpEnvironment);
        return fractionBits == 0
            ? converted
            : B.FMul(converted, PowerOfTwo(target, -fractionBits), RoundingOperand(), -1, FpEnvironment);
    }

    /// <summary>
    /// FCVT between single (F32), double (F64) and half (I16 bits). Half needs helpers; FZ flushes
    /// a single or double input but never a half input or output (FZ16 does not apply to FCVT);
    /// FPCR.AHP selects the alternative half-precision format.
    /// Returns a float for F32/F64 and the I16 bits for half.
    /// </summary>
    public Value FpConvertPrecision(Value value, IrType target)
    {
        var source = B.TypeOf(value);
        if (source != IrType.I16 && target != IrType.I16)
            return B.FConvert(target, value, RoundingOperand(), FpFlagsOffset, FpEnvironment);

        // FPCR.AHP is not part of the translation mode: the helper gets it from FPCR at run time.
        var alternativeHalf = B.And(B.ShrU(B.ZeroExtend(IrType.I64, B.GetReg(IrType.I32, Arm64State.Fpcr)), B.Const64(26 - 8)), B.Const64(A64FloatHelpers.AlternativeHalfBit));
        var environment = B.Or(alternativeHalf, B.Const64(A64FloatHelpers.PackEnvironment(Mode.Rounding, Mode.DefaultNan ? NanPolicy.DefaultNan : NanPolicy.Propagate)));
        if (source == IrType.I16)
        {
            var helper = target == IrType.F32 ? A64FloatHelpers.HalfToSingle : A64FloatHelpers.HalfToDouble;
            var widened = B.Call(helper, B.ZeroExtend(IrType.I64, value), environment);
            return B.Bitcast(target, B.Truncate(BitsType(target), widened));
        }
        var bits = B.ZeroExtend(IrType.I64, B.Bitcast(BitsType(source), FpFlushInput(value)));
        var narrowed = B.Call(source == IrType.F32 ? A64FloatHelpers.SingleToHalf : A64FloatHelpers.DoubleToHalf, bits, environment);
        return B.Truncate(IrType.I16, narrowed);
    }

    /// <summary>The type of an FCVT operand field: 00 single, 01 double, 11 half (as I16 bits).</summary>
    private static IrType PrecisionType(uint field) => field switch
    {
        0 => IrType.F32,
        1 => IrType.F64,
        _ => IrType.I16,
    };

    internal void FloatConvertPrecision(A64Instruction i)
    {
        var source = PrecisionType(i.Field(23, 22));
        var target = PrecisionType(i.Field(16, 15));
        var value = source == IrType.I16 ? VectorBits(IrType.I16, i.Rn) : Float(source, i.Rn);
        SetScalar(i.Rd, FpConvertPrecision(value, target));
    }

    /// <summary>FCVT[NPMZA][SU] to W/X; the fixed-point forms take fbits = 64 - scale [15:10].</summary>
    internal void FloatToInteger(A64Instruction i, RoundingMode rounding, bool signed, bool fixedPoint)
    {
        var type = FloatType(i.Field(23, 22));
        var fractionBits = fixedPoint ? 64 - (int)i.Field(15, 10) : 0;
        var result = FpToInteger(Float(type, i.Rn), WidthType(i.Is64), signed, rounding, fractionBits);
        SetReg(i.Is64, i.Rd, result);
    }

    /// <summary>SCVTF/UCVTF from W/X, integer or fixed point.</summary>
    internal void IntegerToFloat(A64Instruction i, bool signed, bool fixedPoint)
    {
        var type = FloatType(i.Field(23, 22));
        var fractionBits = fixedPoint ? 64 - (int)i.Field(15, 10) : 0;
        SetScalar(i.Rd, IntegerToFp(Reg(i.Is64, i.Rn), type, signed, fractionBits));
    }

    /// <summary>FMOV W←S, X←D, or X←V.D[1] (ptype 10).</summary>
    internal void FloatMoveToGeneral(A64Instruction i)
    {
        var value = i.Field(23, 22) switch
        {
            0 => B.ZeroExtend(IrType.I64, VectorBits(IrType.I32, i.Rn)),
            1 => VectorBits(IrType.I64, i.Rn),
            _ => B.GetReg(IrType.I64, Arm64State.Vector(i.Rn) + 8),
        };
        SetX(i.Rd, value);
    }

    /// <summary>FMOV S←W, D←X (zeroing the rest of the vector), or V.D[1]←X (keeping the low half).</summary>
    internal void FloatMoveFromGeneral(A64Instruction i)
    {
        switch (i.Field(23, 22))
        {
            case 0:
                SetScalar(i.Rd, W(i.Rn));
                break;
            case 1:
                SetScalar(i.Rd, X(i.Rn));
                break;
            default:
                B.SetReg(Arm64State.Vector(i.Rd) + 8, X(i.Rn));
                break;
        }
    }
}
