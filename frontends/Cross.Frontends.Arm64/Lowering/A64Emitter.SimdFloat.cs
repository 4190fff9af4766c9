using Cross.Core.FloatingPoint;
using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>Advanced SIMD FP operations on two operands (three same, by element, pairwise, across lanes).</summary>
public enum SimdFloatOp
{
    Add, Subtract, Multiply, MultiplyExtended, Divide, AbsoluteDifference,
    Max, Min, MaxNumber, MinNumber,
    CompareEqual, CompareGreaterOrEqual, CompareGreater, AbsoluteCompareGreaterOrEqual, AbsoluteCompareGreater,
    MultiplyAdd, MultiplySubtract,
}

/// <summary>Advanced SIMD FP operations on one operand (two-register miscellaneous).</summary>
public enum SimdFloatUnaryOp
{
    Absolute, Negate, SquareRoot,
    CompareGreaterZero, CompareGreaterOrEqualZero, CompareEqualZero, CompareLessOrEqualZero, CompareLessZero,
}

// Advanced SIMD floating point, single and double precision. Lanes travel as integers through
// the lane helpers and are bitcast to f32/f64 around each IR FP operation, which rounds per the
// block's FPCR mode, honours FZ/DN, and accrues exceptions into FPSR.
public sealed partial class A64Emitter
{
    /// <summary>The block's rounding mode as the FP operations' operand.</summary>
    private Value SimdRounding => B.Const(IrType.I8, (ulong)Mode.Rounding);

    private Value StaticRounding(RoundingMode mode) => B.Const(IrType.I8, (ulong)mode);

    /// <summary>Lane width from the sz bit [22]: 32 or 64.</summary>
    private static int FloatLaneBits(A64Instruction i) => i.Bit(22) ? 64 : 32;

    private static IrType FloatType(int laneBits) => laneBits == 64 ? IrType.F64 : IrType.F32;

    private Value ToFloat(Value lane) => B.Bitcast(FloatType(B.TypeOf(lane).Bits()), lane);

    private Value ToBits(Value value) => B.Bitcast(LaneType(B.TypeOf(value).Bits()), value);

    private Value SignMask(int laneBits) => LaneConst(laneBits, 1UL << (laneBits - 1));

    /// <summary>|x| of an FP lane held as bits: the sign cleared, no exceptions.</summary>
    private Value AbsoluteBits(Value bits) => B.And(bits, B.Not(SignMask(B.TypeOf(bits).Bits())));

    private Value NegateBits(Value bits) => B.Xor(bits, SignMask(B.TypeOf(bits).Bits()));

    /// <summary>One lane of a two-operand FP operation, on lane bits (the destination lane for the fused forms).</summary>
    private Value FloatLane(SimdFloatOp op, int laneBits, Value x, Value y, Value destination)
    {
        var flags = Arm64State.FpsrFlags;
        var mode = FpEnvironment;
        var a = ToFloat(x);
        var b = ToFloat(y);
        if (op is >= SimdFloatOp.CompareEqual and <= SimdFloatOp.AbsoluteCompareGreater)
        {
            x = FlushDenormalInput(x);
            y = FlushDenormalInput(y);
            a = ToFloat(x);
            b = ToFloat(y);
        }
        return op switch
        {
            SimdFloatOp.Add => ToBits(B.FAdd(a, b, SimdRounding, flags, mode)),
            SimdFloatOp.Subtract => ToBits(B.FSub(a, b, SimdRounding, flags, mode)),
            SimdFloatOp.Multiply => ToBits(B.FMul(a, b, SimdRounding, flags, mode)),
            SimdFloatOp.MultiplyExtended => MultiplyExtended(x, y, laneBits),
            SimdFloatOp.Divide => ToBits(B.FDiv(a, b, SimdRounding, flags, mode)),
            SimdFloatOp.AbsoluteDifference => AbsoluteBits(ToBits(B.FSub(a, b, SimdRounding, flags, mode))),
            SimdFloatOp.Max => ToBits(B.FMinMax(FpMinMaxKind.Max, a, b, flags, mode)),
            SimdFloatOp.Min => ToBits(B.FMinMax(FpMinMaxKind.Min, a, b, flags, mode)),
            SimdFloatOp.MaxNumber => ToBits(B.FMinMax(FpMinMaxKind.MaxNum, a, b, flags, mode)),
            SimdFloatOp.MinNumber => ToBits(B.FMinMax(FpMinMaxKind.MinNum, a, b, flags, mode)),
            // GE and GT signal on any NaN; x >= y is y <= x.
            SimdFloatOp.CompareEqual => LaneMask(B.FCmp(FpCompare.Equal, a, b, flags), laneBits),
            SimdFloatOp.CompareGreaterOrEqual => LaneMask(B.FCmp(FpCompare.LessOrEqual, b, a, flags), laneBits),
            SimdFloatOp.CompareGreater => LaneMask(B.FCmp(FpCompare.LessThan, b, a, flags), laneBits),
            SimdFloatOp.AbsoluteCompareGreaterOrEqual =>
                LaneMask(B.FCmp(FpCompare.LessOrEqual, ToFloat(AbsoluteBits(y)), ToFloat(AbsoluteBits(x)), flags), laneBits),
            SimdFloatOp.AbsoluteCompareGreater =>
                LaneMask(B.FCmp(FpCompare.LessThan, ToFloat(AbsoluteBits(y)), ToFloat(AbsoluteBits(x)), flags), laneBits),
            // FMLA/FMLS: d + x*y (FMLS negates x first) with a single rounding.
            SimdFloatOp.MultiplyAdd => ToBits(B.FMulAdd(a, b, ToFloat(destination), SimdRounding, flags, mode)),
            _ => ToBits(B.FMulAdd(ToFloat(NegateBits(x)), b, ToFloat(destination), SimdRounding, flags, mode)),
        };
    }

    /// <summary>
    /// With FPCR.FZ, a denormal input reads as zero of the same sign and sets FPSR.IDC. For the
    /// operations whose IR has no FP mode or no flags (compares, the fixed-point scaling).
    /// </summary>
    private Value FlushDenormalInput(Value bits)
    {
        if (!Mode.FlushToZero) return bits;
        var laneBits = B.TypeOf(bits).Bits();
        var magnitude = AbsoluteBits(bits);
        var largestDenormal = LaneConst(laneBits, laneBits == 64 ? (1UL << 52) - 1 : (1UL << 23) - 1);
        // magnitude - 1 <= largest denormal exactly when 0 < magnitude <= largest denormal.
        var isDenormal = B.Cmp(Condition.LeU, B.Sub(magnitude, LaneConst(laneBits, 1)), B.Sub(largestDenormal, LaneConst(laneBits, 1)));
        var flags = B.GetReg(IrType.I8, Arm64State.FpsrFlags);
        var inputDenormal = (ulong)FpExceptions.InputDenormal;
        B.SetReg(Arm64State.FpsrFlags, B.Or(flags, B.Select(isDenormal, B.Const(IrType.I8, inputDenormal), B.Const(IrType.I8, 0))));
        return B.Select(isDenormal, B.And(bits, SignMask(laneBits)), bits);
    }

    /// <summary>
    /// FMULX: FMUL except that zero times infinity gives 2.0 with the product's sign instead of
    /// a NaN and an invalid operation (denormals count as zero under FZ).
    /// </summary>
    private Value MultiplyExtended(Value x, Value y, int laneBits)
    {
        x = FlushDenormalInput(x);
        y = FlushDenormalInput(y);
        var infinity = LaneConst(laneBits, laneBits == 64 ? 0x7FF0_0000_0000_0000UL : 0x7F80_0000UL);
        var two = LaneConst(laneBits, laneBits == 64 ? 0x4000_0000_0000_0000UL : 0x4000_0000UL);
        var zero = LaneConst(laneBits, 0);
        Value IsZero(Value v) => B.Cmp(Condition.Eq, AbsoluteBits(v), zero);
        Value IsInfinite(Value v) => B.Cmp(Condition.Eq, AbsoluteBits(v), infinity);
        var special = B.Or(B.And(IsZero(x), IsInfinite(y)), B.And(IsInfinite(x), IsZero(y)));
        // The multiply sees zeros in the special case, so it raises nothing there.
        var product = ToBits(B.FMul(ToFloat(B.Select(special, zero, x)), ToFloat(B.Select(special, zero, y)), SimdRounding, Arm64State.FpsrFlags, FpEnvironment));
        var signedTwo = B.Or(two, B.And(B.Xor(x, y), SignMask(laneBits)));
        return B.Select(special, signedTwo, product);
    }

    internal void ThreeSameFloat(A64Instruction i, SimdFloatOp op, bool scalar = false)
    {
        var laneBits = FloatLaneBits(i);
        var count = Count(i, laneBits, scalar);
        var result = LaneWise(laneBits, count, Vec(i.Rn), Vec(i.Rm), Vec(i.Rd), (x, y, d) => FloatLane(op, laneBits, x, y, d));
        SetResult(i, result, scalar);
    }

    /// <summary>FADDP, FMAXP, FMINNMP… (vector): adjacent pairs of Vn:Vm.</summary>
    internal void PairwiseFloat(A64Instruction i, SimdFloatOp op)
    {
        var laneBits = FloatLaneBits(i);
        var none = LaneConst(laneBits, 0);
        var result = Pairwise(laneBits, LaneCount(Q(i), laneBits), Vec(i.Rn), Vec(i.Rm), (x, y) => FloatLane(op, laneBits, x, y, none));
        SetVec(i.Rd, result, Q(i));
    }

    /// <summary>FADDP, FMAXP… (scalar): the two lanes of Vn (the low 64 bits for single precision).</summary>
    internal void PairwiseFloatScalar(A64Instruction i, SimdFloatOp op)
    {
        var laneBits = FloatLaneBits(i);
        var n = Vec(i.Rn);
        var value = FloatLane(op, laneBits, Lane(n, laneBits, 0), Lane(n, laneBits, 1), LaneConst(laneBits, 0));
        SetVec(i.Rd, FromLanes([value]));
    }

    /// <summary>FMAXV, FMINNMV…: the four single-precision lanes of Vn reduced pairwise.</summary>
    internal void AcrossLanesFloat(A64Instruction i, SimdFloatOp op)
    {
        var none = LaneConst(32, 0);
        var value = Reduce(32, 4, Vec(i.Rn), (x, y) => FloatLane(op, 32, x, y, none));
        SetVec(i.Rd, FromLanes([value]));
    }

    /// <summary>FMUL, FMULX, FMLA, FMLS (by element): Vm's lane H:L (single) or H (double) against every lane of Vn.</summary>
    internal void FloatByElement(A64Instruction i, SimdFloatOp op, bool scalar = false)
    {
        var laneBits = FloatLaneBits(i);
        var index = laneBits == 64 ? (int)i.Field(11, 11) : (int)(i.Field(11, 11) << 1 | i.Field(21, 21));
        var m = (int)i.Field(20, 16);
        var count = Count(i, laneBits, scalar);
        var element = Lane(Vec(m), laneBits, index);
        var n = Vec(i.Rn);
        var d = Vec(i.Rd);
        var lanes = new Value[count];
        for (var lane = 0; lane < count; lane++)
            lanes[lane] = FloatLane(op, laneBits, Lane(n, laneBits, lane), element, Lane(d, laneBits, lane));
        SetResult(i, FromLanes(lanes), scalar);
    }

    internal void UnaryFloat(A64Instruction i, SimdFloatUnaryOp op, bool scalar = false)
    {
        var laneBits = FloatLaneBits(i);
        var count = Count(i, laneBits, scalar);
        var flags = Arm64State.FpsrFlags;
        if (op is SimdFloatUnaryOp.Absolute or SimdFloatUnaryOp.Negate)
        {
            // Pure sign-bit operations on whole vectors: no rounding, flags or flushing.
            var signs = SplatConst(laneBits, 1UL << (laneBits - 1));
            var bits = op == SimdFloatUnaryOp.Absolute ? B.And(Vec(i.Rn), B.Not(signs)) : B.Xor(Vec(i.Rn), signs);
            SetLanesResult(i, bits, laneBits, scalar);
            return;
        }
        var result = LaneWise(laneBits, count, Vec(i.Rn), x =>
        {
            var zero = ToFloat(LaneConst(laneBits, 0));
            if (op >= SimdFloatUnaryOp.CompareGreaterZero) x = FlushDenormalInput(x);
            return op switch
            {
                SimdFloatUnaryOp.Absolute => AbsoluteBits(x),
                SimdFloatUnaryOp.Negate => NegateBits(x),
                SimdFloatUnaryOp.SquareRoot => ToBits(B.FSqrt(ToFloat(x), SimdRounding, flags, FpEnvironment)),
                SimdFloatUnaryOp.CompareGreaterZero => LaneMask(B.FCmp(FpCompare.LessThan, zero, ToFloat(x), flags), laneBits),
                SimdFloatUnaryOp.CompareGreaterOrEqualZero => LaneMask(B.FCmp(FpCompare.LessOrEqual, zero, ToFloat(x), flags), laneBits),
                SimdFloatUnaryOp.CompareEqualZero => LaneMask(B.FCmp(FpCompare.Equal, ToFloat(x), zero, flags), laneBits),
                SimdFloatUnaryOp.CompareLessOrEqualZero => LaneMask(B.FCmp(FpCompare.LessOrEqual, ToFloat(x), zero, flags), laneBits),
                _ => LaneMask(B.FCmp(FpCompare.LessThan, ToFloat(x), zero, flags), laneBits),
            };
        });
        SetResult(i, result, scalar);
    }

    /// <summary>FCVTNS/FCVTMS/FCVTPS/FCVTZS/FCVTAS and the unsigned forms: saturating, NaN gives 0.</summary>
    internal void SimdFloatToInteger(A64Instruction i, RoundingMode rounding, bool signed, bool scalar = false)
    {
        var laneBits = FloatLaneBits(i);
        var count = Count(i, laneBits, scalar);
        var result = LaneWise(laneBits, count, Vec(i.Rn), x =>
            B.FToInt(LaneType(laneBits), signed, IntOverflow.SaturateNanZero, ToFloat(x), StaticRounding(rounding), Arm64State.FpsrFlags, FpEnvironment));
        SetResult(i, result, scalar);
    }

    /// <summary>SCVTF/UCVTF (vector, integer): lanes converted at the same width, rounded per FPCR.</summary>
    internal void SimdIntegerToFloat(A64Instruction i, bool signed, bool scalar = false)
    {
        var laneBits = FloatLaneBits(i);
        var count = Count(i, laneBits, scalar);
        var result = LaneWise(laneBits, count, Vec(i.Rn), x =>
            ToBits(B.IntToF(FloatType(laneBits), signed, x, SimdRounding, Arm64State.FpsrFlags, FpEnvironment)));
        SetResult(i, result, scalar);
    }

    /// <summary>FRINTN/M/P/Z/A (a static mode, no inexact), FRINTI (FPCR's mode) and FRINTX (FPCR's mode, signals inexact).</summary>
    internal void RoundToIntegral(A64Instruction i, RoundingMode? rounding, bool signalInexact)
    {
        var laneBits = FloatLaneBits(i);
        var count = Count(i, laneBits, scalar: false);
        var result = LaneWise(laneBits, count, Vec(i.Rn), x =>
            ToBits(B.FRound(ToFloat(x), rounding is { } fixedMode ? StaticRounding(fixedMode) : SimdRounding, signalInexact, Arm64State.FpsrFlags, FpEnvironment)));
        SetResult(i, result, scalar: false);
    }

    /// <summary>FCVTL/FCVTL2: the low (or, for Q=1, high) two singles of Vn widened to doubles.</summary>
    internal void FloatConvertLong(A64Instruction i)
    {
        var first = Q(i) ? 2 : 0;
        var n = Vec(i.Rn);
        var lanes = new Value[2];
        for (var index = 0; index < 2; index++)
            lanes[index] = ToBits(B.FConvert(IrType.F64, ToFloat(Lane(n, 32, first + index)), SimdRounding, Arm64State.FpsrFlags, FpEnvironment));
        SetVec(i.Rd, FromLanes(lanes));
    }

    /// <summary>FCVTN/FCVTN2: the two doubles of Vn narrowed to singles in the low (or, for Q=1, high) half of Vd.</summary>
    internal void FloatConvertNarrow(A64Instruction i)
    {
        var n = Vec(i.Rn);
        var lanes = new Value[2];
        for (var index = 0; index < 2; index++)
            lanes[index] = ToBits(B.FConvert(IrType.F32, ToFloat(Lane(n, 64, index)), SimdRounding, Arm64State.FpsrFlags, FpEnvironment));
        SetNarrowResult(i, lanes);
    }

    /// <summary>
    /// SCVTF/UCVTF (fixed point): the integer converted, then scaled by 2^-fbits. The scaling is
    /// exact (the smallest result, 2^-64, is still a normal number), so there is one rounding.
    /// </summary>
    internal void FixedToFloat(A64Instruction i, bool signed, bool scalar = false)
    {
        var (laneBits, field) = ShiftImmediate(i);
        var fractionBits = 2 * laneBits - field;
        var count = Count(i, laneBits, scalar);
        var scale = ToFloat(LaneConst(laneBits, PowerOfTwo(laneBits, -fractionBits)));
        var result = LaneWise(laneBits, count, Vec(i.Rn), x =>
        {
            var converted = B.IntToF(FloatType(laneBits), signed, x, SimdRounding, Arm64State.FpsrFlags, FpEnvironment);
            return ToBits(B.FMul(converted, scale, SimdRounding, -1, FpEnvironment));
        });
        SetResult(i, result, scalar);
    }

    /// <summary>
    /// FCVTZS/FCVTZU (fixed point): scaled by 2^fbits, then converted toward zero with
    /// saturation. The scaling keeps no flags of its own: an overflow to infinity only
    /// saturates, which the conversion reports as invalid like the hardware does.
    /// </summary>
    internal void FloatToFixed(A64Instruction i, bool signed, bool scalar = false)
    {
        var (laneBits, field) = ShiftImmediate(i);
        var fractionBits = 2 * laneBits - field;
        var count = Count(i, laneBits, scalar);
        var scale = ToFloat(LaneConst(laneBits, PowerOfTwo(laneBits, fractionBits)));
        var result = LaneWise(laneBits, count, Vec(i.Rn), x =>
        {
            var scaled = B.FMul(ToFloat(FlushDenormalInput(x)), scale, SimdRounding, -1, FpEnvironment);
            return B.FToInt(LaneType(laneBits), signed, IntOverflow.SaturateNanZero, scaled, StaticRounding(RoundingMode.TowardZero), Arm64State.FpsrFlags, FpEnvironment);
        });
        SetResult(i, result, scalar);
    }

    /// <summary>The bits of 2^exponent as a single or double.</summary>
    private static ulong PowerOfTwo(int laneBits, int exponent) =>
        laneBits == 64 ? (ulong)(1023 + exponent) << 52 : (ulong)(127 + exponent) << 23;

    /// <summary>FRECPE/FRSQRTE: per-lane estimates from <see cref="SimdEstimates"/>.</summary>
    internal void FloatEstimate(A64Instruction i, bool reciprocalSquareRoot, bool scalar = false)
    {
        var laneBits = FloatLaneBits(i);
        var helper = reciprocalSquareRoot ? SimdEstimates.ReciprocalSquareRootEstimate : SimdEstimates.ReciprocalEstimate;
        var mode = B.Const64(SimdEstimates.PackMode(Mode, laneBits));
        var result = LaneWise(laneBits, Count(i, laneBits, scalar), Vec(i.Rn), x =>
            B.Truncate(LaneType(laneBits), B.Call(helper, B.ZeroExtend(IrType.I64, x), mode)));
        SetResult(i, result, scalar);
    }

    /// <summary>URECPE/URSQRTE on 32-bit lanes.</summary>
    internal void UnsignedEstimate(A64Instruction i, bool reciprocalSquareRoot)
    {
        var helper = reciprocalSquareRoot ? SimdEstimates.UnsignedReciprocalSquareRootEstimate : SimdEstimates.UnsignedReciprocalEstimate;
        var result = LaneWise(32, LaneCount(Q(i), 32), Vec(i.Rn), x =>
            B.Truncate(IrType.I32, B.Call(helper, B.ZeroExtend(IrType.I64, x))));
        SetVec(i.Rd, result, Q(i));
    }

    /// <summary>
    /// FRECPS (2 - x*y) and FRSQRTS ((3 - x*y) / 2), fused, where zero times infinity gives
    /// exactly 2 or 1.5 without an exception.
    /// </summary>
    internal void FloatStep(A64Instruction i, bool reciprocalSquareRoot, bool scalar = false)
    {
        var laneBits = FloatLaneBits(i);
        var flags = Arm64State.FpsrFlags;
        var mode = FpEnvironment;
        Value FloatConst(double value) => ToFloat(LaneConst(laneBits, laneBits == 64 ? (ulong)BitConverter.DoubleToInt64Bits(value) : BitConverter.SingleToUInt32Bits((float)value)));
        var result = LaneWise(laneBits, Count(i, laneBits, scalar), Vec(i.Rn), Vec(i.Rm), (x, y) =>
        {
            x = FlushDenormalInput(x);
            y = FlushDenormalInput(y);
            var zero = LaneConst(laneBits, 0);
            var infinity = LaneConst(laneBits, laneBits == 64 ? 0x7FF0_0000_0000_0000UL : 0x7F80_0000UL);
            Value IsZero(Value v) => B.Cmp(Condition.Eq, AbsoluteBits(v), zero);
            Value IsInfinite(Value v) => B.Cmp(Condition.Eq, AbsoluteBits(v), infinity);
            var special = B.Or(B.And(IsZero(x), IsInfinite(y)), B.And(IsInfinite(x), IsZero(y)));
            // In the special case both factors become zero, so the fused operation yields the constant exactly.
            var negated = B.Select(special, zero, NegateBits(x));
            var other = B.Select(special, zero, y);
            if (!reciprocalSquareRoot)
                return ToBits(B.FMulAdd(ToFloat(negated), ToFloat(other), FloatConst(2.0), SimdRounding, flags, mode));
            // (3 - x*y)/2 = 1.5 - (x/2)*y with one rounding: halve the larger factor by lowering its
            // exponent (exact, no exceptions; NaNs and infinities untouched), keeping the operand
            // order for NaN propagation. Factors too small to halve this way cannot affect the result.
            var xLarger = B.Cmp(Condition.GeU, AbsoluteBits(negated), AbsoluteBits(other));
            var halvedX = B.Select(xLarger, HalveByExponent(negated, laneBits), negated);
            var halvedY = B.Select(xLarger, other, HalveByExponent(other, laneBits));
            return ToBits(B.FMulAdd(ToFloat(halvedX), ToFloat(halvedY), FloatConst(1.5), SimdRounding, flags, mode));
        });
        SetResult(i, result, scalar);
    }

    /// <summary>A finite float with a biased exponent of at least 2, halved by decrementing its exponent; other values unchanged.</summary>
    private Value HalveByExponent(Value bits, int laneBits)
    {
        var fractionBits = laneBits == 64 ? 52 : 23;
        var exponentMask = laneBits == 64 ? 0x7FFUL : 0xFFUL;
        var exponent = B.And(B.ShrU(bits, LaneConst(laneBits, (ulong)fractionBits)), LaneConst(laneBits, exponentMask));
        // exponent - 2 <= max - 3 exactly when 2 <= exponent < max.
        var halvable = B.Cmp(Condition.LeU, B.Sub(exponent, LaneConst(laneBits, 2)), LaneConst(laneBits, exponentMask - 3));
        return B.Select(halvable, B.Sub(bits, LaneConst(laneBits, 1UL << fractionBits)), bits);
    }

    /// <summary>
    /// FCVTXN/FCVTXN2 (and the scalar form): doubles narrowed to singles rounding to odd, that
    /// is truncated, with the lowest bit set when the truncation was inexact.
    /// </summary>
    internal void FloatConvertNarrowToOdd(A64Instruction i, bool scalar = false)
    {
        var n = Vec(i.Rn);
        var count = scalar ? 1 : 2;
        var lanes = new Value[count];
        for (var index = 0; index < count; index++)
        {
            var source = FlushDenormalInput(Lane(n, 64, index));
            var truncated = ToBits(B.FConvert(IrType.F32, ToFloat(source), StaticRounding(RoundingMode.TowardZero), Arm64State.FpsrFlags, FpEnvironment));
            // Widening back is exact, so a difference means the narrowing lost bits (NaNs are left alone).
            var back = ToBits(B.FConvert(IrType.F64, ToFloat(truncated), SimdRounding, -1, FpEnvironment));
            var isNan = B.Cmp(Condition.GtU, AbsoluteBits(source), LaneConst(64, 0x7FF0_0000_0000_0000UL));
            var inexact = B.And(B.Cmp(Condition.Ne, back, source), B.Not(isNan));
            // Under FZ a result flushed to zero stays zero.
            if (Mode.FlushToZero) inexact = B.And(inexact, B.Cmp(Condition.Ne, AbsoluteBits(truncated), LaneConst(32, 0)));
            lanes[index] = B.Select(inexact, B.Or(truncated, LaneConst(32, 1)), truncated);
        }
        SetNarrowResult(i, lanes, scalar);
    }

    /// <summary>FRECPX: the exponent inverted and the fraction cleared (zero and denormals give the largest finite exponent).</summary>
    internal void ReciprocalExponent(A64Instruction i)
    {
        var laneBits = FloatLaneBits(i);
        var fractionBits = laneBits == 64 ? 52 : 23;
        var exponentMask = laneBits == 64 ? 0x7FFUL : 0xFFUL;
        var x = Lane(Vec(i.Rn), laneBits, 0);
        // FMAX of a value with itself quiets NaNs with the right exceptions and honours DN and FZ.
        var processed = ToBits(B.FMinMax(FpMinMaxKind.Max, ToFloat(x), ToFloat(x), Arm64State.FpsrFlags, FpEnvironment));
        var exponent = B.And(B.ShrU(x, LaneConst(laneBits, (ulong)fractionBits)), LaneConst(laneBits, exponentMask));
        var inverted = B.Select(B.Cmp(Condition.Eq, exponent, LaneConst(laneBits, 0)),
            LaneConst(laneBits, exponentMask - 1), B.Xor(exponent, LaneConst(laneBits, exponentMask)));
        var result = B.Or(B.And(x, SignMask(laneBits)), B.Shl(inverted, LaneConst(laneBits, (ulong)fractionBits)));
        var isNan = B.Cmp(Condition.GtU, AbsoluteBits(x), LaneConst(laneBits, exponentMask << fractionBits));
        SetVec(i.Rd, FromLanes([B.Select(isNan, processed, result)]));
    }

    /// <summary>FCVTL/FCVTL2 with half-precision sources: four halves of Vn (low or, for Q=1, high) widened to singles.</summary>
    internal void HalfConvertLong(A64Instruction i)
    {
        var first = Q(i) ? 4 : 0;
        var n = Vec(i.Rn);
        var lanes = new Value[4];
        for (var index = 0; index < 4; index++)
            lanes[index] = B.Truncate(IrType.I32, B.Call(SimdHalfConversions.HalfToSingle, B.ZeroExtend(IrType.I64, Lane(n, 16, first + index))));
        SetVec(i.Rd, FromLanes(lanes));
    }

    /// <summary>FCVTN/FCVTN2 to half precision: the four singles of Vn narrowed into the low (or, for Q=1, high) half of Vd.</summary>
    internal void HalfConvertNarrow(A64Instruction i)
    {
        var n = Vec(i.Rn);
        var lanes = new Value[4];
        for (var index = 0; index < 4; index++)
            lanes[index] = B.Truncate(IrType.I16, B.Call(SimdHalfConversions.SingleToHalf, B.ZeroExtend(IrType.I64, Lane(n, 32, index))));
        SetNarrowResult(i, lanes);
    }
}
