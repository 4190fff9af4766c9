using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>The lane operations of the Advanced SIMD integer "three same" group (and their scalar forms).</summary>
public enum SimdIntegerOp
{
    Add, Sub, Mul, MultiplyAdd, MultiplySubtract,
    CompareEqual, CompareTest, CompareGreaterSigned, CompareGreaterOrEqualSigned, CompareHigher, CompareHigherOrSame,
    MaxSigned, MinSigned, MaxUnsigned, MinUnsigned,
    AbsoluteDifferenceSigned, AbsoluteDifferenceUnsigned, AbsoluteDifferenceAccumulateSigned, AbsoluteDifferenceAccumulateUnsigned,
    HalvingAddSigned, HalvingAddUnsigned, RoundingHalvingAddSigned, RoundingHalvingAddUnsigned,
    HalvingSubtractSigned, HalvingSubtractUnsigned,
    ShiftLeftSigned, ShiftLeftUnsigned,
}

/// <summary>The lane operations of the integer two-register miscellaneous group compared against zero or unary.</summary>
public enum SimdUnaryOp
{
    CompareGreaterZero, CompareEqualZero, CompareLessZero, CompareGreaterOrEqualZero, CompareLessOrEqualZero,
    Absolute, Negate, CountLeadingSignBits, CountLeadingZeros, PopCount, Not, ReverseBits,
}

/// <summary>The bitwise three-same operations.</summary>
public enum SimdLogicalOp { And, AndNot, Or, OrNot, Xor }

// Advanced SIMD integer arithmetic: three same, two-register miscellaneous, across lanes, three
// different (widening), shifts by immediate, and the scalar D-register forms.
public sealed partial class A64Emitter
{
    private static int SizeLaneBits(A64Instruction i) => 8 << (int)i.Field(23, 22);

    /// <summary>Lanes an instruction works on: one for the scalar forms, else per Q and the lane size.</summary>
    private static int Count(A64Instruction i, int laneBits, bool scalar) => scalar ? 1 : LaneCount(Q(i), laneBits);

    /// <summary>Writes a result of the vector (by Q) or scalar form; scalars zero everything above lane 0.</summary>
    private void SetResult(A64Instruction i, Value value, bool scalar) => SetVec(i.Rd, value, !scalar && Q(i));

    private Value SignBit(int laneBits) => LaneConst(laneBits, 1UL << (laneBits - 1));

    private Value LaneOnes(int laneBits) => LaneConst(laneBits, ulong.MaxValue);

    internal void ThreeSameInteger(A64Instruction i, SimdIntegerOp op, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var count = Count(i, laneBits, scalar);
        var a = Vec(i.Rn);
        var b = Vec(i.Rm);
        Value result = op switch
        {
            SimdIntegerOp.MultiplyAdd => LaneWise(laneBits, count, a, b, Vec(i.Rd), (x, y, d) => B.Add(d, B.Mul(x, y))),
            SimdIntegerOp.MultiplySubtract => LaneWise(laneBits, count, a, b, Vec(i.Rd), (x, y, d) => B.Sub(d, B.Mul(x, y))),
            SimdIntegerOp.AbsoluteDifferenceAccumulateSigned => LaneWise(laneBits, count, a, b, Vec(i.Rd), (x, y, d) => B.Add(d, AbsoluteDifference(x, y, signed: true))),
            SimdIntegerOp.AbsoluteDifferenceAccumulateUnsigned => LaneWise(laneBits, count, a, b, Vec(i.Rd), (x, y, d) => B.Add(d, AbsoluteDifference(x, y, signed: false))),
            _ => LaneWise(laneBits, count, a, b, (x, y) => IntegerLane(op, laneBits, x, y)),
        };
        SetResult(i, result, scalar);
    }

    private Value IntegerLane(SimdIntegerOp op, int laneBits, Value x, Value y) => op switch
    {
        SimdIntegerOp.Add => B.Add(x, y),
        SimdIntegerOp.Sub => B.Sub(x, y),
        SimdIntegerOp.Mul => B.Mul(x, y),
        SimdIntegerOp.CompareEqual => LaneMask(B.Cmp(Condition.Eq, x, y), laneBits),
        SimdIntegerOp.CompareTest => LaneMask(B.Cmp(Condition.Ne, B.And(x, y), LaneConst(laneBits, 0)), laneBits),
        SimdIntegerOp.CompareGreaterSigned => LaneMask(B.Cmp(Condition.GtS, x, y), laneBits),
        SimdIntegerOp.CompareGreaterOrEqualSigned => LaneMask(B.Cmp(Condition.GeS, x, y), laneBits),
        SimdIntegerOp.CompareHigher => LaneMask(B.Cmp(Condition.GtU, x, y), laneBits),
        SimdIntegerOp.CompareHigherOrSame => LaneMask(B.Cmp(Condition.GeU, x, y), laneBits),
        SimdIntegerOp.MaxSigned => B.Select(B.Cmp(Condition.GtS, x, y), x, y),
        SimdIntegerOp.MinSigned => B.Select(B.Cmp(Condition.LtS, x, y), x, y),
        SimdIntegerOp.MaxUnsigned => B.Select(B.Cmp(Condition.GtU, x, y), x, y),
        SimdIntegerOp.MinUnsigned => B.Select(B.Cmp(Condition.LtU, x, y), x, y),
        SimdIntegerOp.AbsoluteDifferenceSigned => AbsoluteDifference(x, y, signed: true),
        SimdIntegerOp.AbsoluteDifferenceUnsigned => AbsoluteDifference(x, y, signed: false),
        SimdIntegerOp.HalvingAddSigned => Halving(x, y, signed: true, (p, q) => B.Add(p, q)),
        SimdIntegerOp.HalvingAddUnsigned => Halving(x, y, signed: false, (p, q) => B.Add(p, q)),
        SimdIntegerOp.RoundingHalvingAddSigned => Halving(x, y, signed: true, (p, q) => B.Add(B.Add(p, q), B.Const64(1))),
        SimdIntegerOp.RoundingHalvingAddUnsigned => Halving(x, y, signed: false, (p, q) => B.Add(B.Add(p, q), B.Const64(1))),
        SimdIntegerOp.HalvingSubtractSigned => Halving(x, y, signed: true, (p, q) => B.Sub(p, q)),
        SimdIntegerOp.HalvingSubtractUnsigned => Halving(x, y, signed: false, (p, q) => B.Sub(p, q)),
        SimdIntegerOp.ShiftLeftSigned => ShiftByRegister(x, y, laneBits, signed: true),
        SimdIntegerOp.ShiftLeftUnsigned => ShiftByRegister(x, y, laneBits, signed: false),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private Value Extend(Value lane, IrType type, bool signed) => signed ? B.SignExtend(type, lane) : B.ZeroExtend(type, lane);

    /// <summary>|x - y| of lanes read as signed or unsigned; the wrapped difference has the right bits.</summary>
    private Value AbsoluteDifference(Value x, Value y, bool signed) =>
        B.Select(B.Cmp(signed ? Condition.GtS : Condition.GtU, x, y), B.Sub(x, y), B.Sub(y, x));

    /// <summary>The halving operations on lanes of at most 32 bits: op at 64 bits, then halved and narrowed.</summary>
    private Value Halving(Value x, Value y, bool signed, Func<Value, Value, Value> op)
    {
        var type = B.TypeOf(x);
        var wide = op(Extend(x, IrType.I64, signed), Extend(y, IrType.I64, signed));
        return B.Truncate(type, signed ? B.ShrS(wide, B.Const64(1)) : B.ShrU(wide, B.Const64(1)));
    }

    /// <summary>SSHL/USHL: <see cref="ShiftByRegister(Value, Value, int, bool, bool, bool)"/> without rounding or saturation.</summary>
    private Value ShiftByRegister(Value x, Value y, int laneBits, bool signed) =>
        ShiftByRegister(x, y, laneBits, signed, rounding: false, saturating: false).Lane;

    /// <summary>
    /// The shifts by register (SSHL, URSHL, SQSHL, UQRSHL…): the signed low byte of y shifts x
    /// left (positive) or right (negative). Right shifts may round (add the last bit shifted
    /// out); left shifts may saturate (any significant bit lost). Shifting out every bit gives
    /// zero, or the sign for an arithmetic right shift. Returns the lane and an i1 "saturated".
    /// </summary>
    private (Value Lane, Value Saturated) ShiftByRegister(Value x, Value y, int laneBits, bool signed, bool rounding, bool saturating)
    {
        var type = B.TypeOf(x);
        var amount = B.SignExtend(IrType.I64, B.Truncate(IrType.I8, y));
        var zero = LaneConst(laneBits, 0);
        var width = B.Const64(laneBits);

        // Left: amounts of the lane width or more shift everything out.
        var leftTooFar = B.Cmp(Condition.GeS, amount, width);
        var leftAmount = B.Truncate(type, B.Select(leftTooFar, B.Const64(0), amount));
        var shiftedLeft = B.Shl(x, leftAmount);
        var left = B.Select(leftTooFar, zero, shiftedLeft);
        Value leftSaturated = B.False();
        if (saturating)
        {
            var back = signed ? B.ShrS(shiftedLeft, leftAmount) : B.ShrU(shiftedLeft, leftAmount);
            var lost = B.Select(leftTooFar, B.Cmp(Condition.Ne, x, zero), B.Cmp(Condition.Ne, back, x));
            var limit = signed ? B.Select(B.Cmp(Condition.LtS, x, zero), SignBit(laneBits), B.Not(SignBit(laneBits))) : LaneOnes(laneBits);
            left = B.Select(lost, limit, left);
            leftSaturated = lost;
        }

        // Right by n = -amount (1..128).
        var n = B.Neg(amount);
        var rightTooFar = B.Cmp(Condition.GeS, n, width);
        var clamped = B.Truncate(type, B.Select(rightTooFar, B.Const64(laneBits - 1), n));
        Value right = signed ? B.ShrS(x, clamped) : B.Select(rightTooFar, zero, B.ShrU(x, clamped));
        if (rounding)
        {
            // The last bit shifted out is bit n-1; past the lane width the rounded result is 0.
            var beyond = B.Cmp(Condition.GtS, n, width);
            var roundPosition = B.Truncate(type, B.Select(beyond, B.Const64(0), B.Sub(n, B.Const64(1))));
            var roundBit = B.And(B.ShrU(x, roundPosition), LaneConst(laneBits, 1));
            right = B.Select(beyond, zero, B.Add(right, roundBit));
        }

        var isLeft = B.Cmp(Condition.GeS, amount, B.Const64(0));
        return (B.Select(isLeft, left, right), B.And(isLeft, leftSaturated));
    }

    /// <summary>SRSHL/URSHL, and the saturating SQSHL/UQSHL/SQRSHL/UQRSHL (which set FPSR.QC).</summary>
    internal void ShiftByRegisterInstruction(A64Instruction i, bool signed, bool rounding, bool saturating, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var count = Count(i, laneBits, scalar);
        Value result = saturating
            ? LaneWiseSaturating(laneBits, count, Vec(i.Rn), Vec(i.Rm), (x, y) => ShiftByRegister(x, y, laneBits, signed, rounding, saturating: true))
            : LaneWise(laneBits, count, Vec(i.Rn), Vec(i.Rm), (x, y) => ShiftByRegister(x, y, laneBits, signed, rounding, saturating: false).Lane);
        SetResult(i, result, scalar);
    }

    /// <summary>SQADD/UQADD/SQSUB/UQSUB: results clamp to the lane's range and set FPSR.QC.</summary>
    internal void SaturatingAddSubtract(A64Instruction i, bool subtract, bool signed, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var count = Count(i, laneBits, scalar);
        var result = LaneWiseSaturating(laneBits, count, Vec(i.Rn), Vec(i.Rm), (x, y) =>
        {
            var min = SignBit(laneBits);
            var max = B.Not(min);
            if (signed)
            {
                var raw = subtract ? B.Sub(x, y) : B.Add(x, y);
                var overflow = subtract ? B.OverflowOut(x, B.Not(y), B.True()) : B.OverflowOut(x, y);
                var clamp = B.Select(B.Cmp(Condition.LtS, x, LaneConst(laneBits, 0)), min, max);
                return (B.Select(overflow, clamp, raw), overflow);
            }
            if (subtract)
            {
                var borrow = B.Cmp(Condition.LtU, x, y);
                return (B.Select(borrow, LaneConst(laneBits, 0), B.Sub(x, y)), borrow);
            }
            var carry = B.CarryOut(x, y);
            return (B.Select(carry, LaneOnes(laneBits), B.Add(x, y)), carry);
        });
        SetResult(i, result, scalar);
    }

    /// <summary>AND, BIC, ORR, ORN, EOR on the 64-bit halves.</summary>
    internal void BitwiseLogical(A64Instruction i, SimdLogicalOp op)
    {
        var q = Q(i);
        SetVec(i.Rd, Halves(q, Vec(i.Rn), Vec(i.Rm), (a, b) => op switch
        {
            SimdLogicalOp.And => B.And(a, b),
            SimdLogicalOp.AndNot => B.And(a, B.Not(b)),
            SimdLogicalOp.Or => B.Or(a, b),
            SimdLogicalOp.OrNot => B.Or(a, B.Not(b)),
            _ => B.Xor(a, b),
        }), q);
    }

    /// <summary>
    /// BSL, BIT, BIF: a bitwise select. BSL picks Vn where Vd is set, else Vm; BIT inserts Vn where
    /// Vm is set; BIF inserts Vn where Vm is clear.
    /// </summary>
    internal void BitwiseSelect(A64Instruction i, int form)
    {
        var q = Q(i);
        var n = Vec(i.Rn);
        var m = Vec(i.Rm);
        var d = Vec(i.Rd);
        Value Select(Value mask, Value ifSet, Value ifClear) =>
            LaneWise(64, q ? 2 : 1, mask, ifSet, ifClear, (k, s, c) => B.Xor(c, B.And(B.Xor(s, c), k)));
        var result = form switch
        {
            0 => Select(d, n, m),
            1 => Select(m, n, d),
            _ => Select(m, d, n),
        };
        SetVec(i.Rd, result, q);
    }

    /// <summary>SMAXP, UMINP, ADDP… on adjacent pairs of Vn:Vm.</summary>
    internal void PairwiseInteger(A64Instruction i, SimdIntegerOp op)
    {
        var laneBits = SizeLaneBits(i);
        var result = Pairwise(laneBits, LaneCount(Q(i), laneBits), Vec(i.Rn), Vec(i.Rm), (x, y) => IntegerLane(op, laneBits, x, y));
        SetVec(i.Rd, result, Q(i));
    }

    /// <summary>ADDP (scalar): Dd = Vn.d[0] + Vn.d[1].</summary>
    internal void AddPairScalar(A64Instruction i)
    {
        var n = Vec(i.Rn);
        SetVec(i.Rd, FromLanes([B.Add(Lane(n, 64, 0), Lane(n, 64, 1))]));
    }

    internal void UnaryInteger(A64Instruction i, SimdUnaryOp op, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var count = Count(i, laneBits, scalar);
        var zero = LaneConst(laneBits, 0);
        var result = op switch
        {
            // NOT and RBIT work on bytes whatever the size field says (it selects the operation).
            SimdUnaryOp.Not => Halves(Q(i), Vec(i.Rn), Vec(i.Rn), (x, _) => B.Not(x)),
            SimdUnaryOp.ReverseBits => Halves(Q(i), Vec(i.Rn), Vec(i.Rn), (x, _) => ReverseBitsInBytes(x)),
            _ => LaneWise(laneBits, count, Vec(i.Rn), x => op switch
            {
                SimdUnaryOp.CompareGreaterZero => LaneMask(B.Cmp(Condition.GtS, x, zero), laneBits),
                SimdUnaryOp.CompareEqualZero => LaneMask(B.Cmp(Condition.Eq, x, zero), laneBits),
                SimdUnaryOp.CompareLessZero => LaneMask(B.Cmp(Condition.LtS, x, zero), laneBits),
                SimdUnaryOp.CompareGreaterOrEqualZero => LaneMask(B.Cmp(Condition.GeS, x, zero), laneBits),
                SimdUnaryOp.CompareLessOrEqualZero => LaneMask(B.Cmp(Condition.LeS, x, zero), laneBits),
                SimdUnaryOp.Absolute => B.Select(B.Cmp(Condition.LtS, x, zero), B.Neg(x), x),
                SimdUnaryOp.Negate => B.Neg(x),
                // CLS(x) = CLZ(x ^ (x >> 1)) - 1 with an arithmetic shift: the sign bit cancels.
                SimdUnaryOp.CountLeadingSignBits => B.Sub(B.Clz(B.Xor(x, B.ShrS(x, LaneConst(laneBits, 1)))), LaneConst(laneBits, 1)),
                SimdUnaryOp.CountLeadingZeros => B.Clz(x),
                SimdUnaryOp.PopCount => B.Popcount(x),
                _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
            }),
        };
        SetResult(i, result, scalar);
    }

    /// <summary>Reverses the bits of each byte of a 64-bit value: swap nibbles, then bit pairs, then bits.</summary>
    private Value ReverseBitsInBytes(Value x)
    {
        Value Swap(Value v, ulong highMask, int shift) =>
            B.Or(B.ShrU(B.And(v, B.Const64(highMask)), B.Const64(shift)), B.And(B.Shl(v, B.Const64(shift)), B.Const64(highMask)));
        x = Swap(x, 0xF0F0_F0F0_F0F0_F0F0, 4);
        x = Swap(x, 0xCCCC_CCCC_CCCC_CCCC, 2);
        return Swap(x, 0xAAAA_AAAA_AAAA_AAAA, 1);
    }

    /// <summary>SQABS/SQNEG: the most negative lane saturates to the most positive and sets FPSR.QC.</summary>
    internal void SaturatingAbsNeg(A64Instruction i, bool negate, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var count = Count(i, laneBits, scalar);
        var n = Vec(i.Rn);
        var result = LaneWiseSaturating(laneBits, count, n, n, (x, _) =>
        {
            var min = SignBit(laneBits);
            var isMin = B.Cmp(Condition.Eq, x, min);
            var value = negate ? B.Neg(x) : B.Select(B.Cmp(Condition.LtS, x, LaneConst(laneBits, 0)), B.Neg(x), x);
            return (B.Select(isMin, B.Not(min), value), isMin);
        });
        SetResult(i, result, scalar);
    }

    /// <summary>ADDV, SMAXV, UMINV…: all lanes reduced to a scalar in lane 0.</summary>
    internal void AcrossLanes(A64Instruction i, SimdIntegerOp op)
    {
        var laneBits = SizeLaneBits(i);
        var value = Reduce(laneBits, LaneCount(Q(i), laneBits), Vec(i.Rn), (x, y) => IntegerLane(op, laneBits, x, y));
        SetVec(i.Rd, FromLanes([value]));
    }

    /// <summary>SADDLV/UADDLV: the sum of all lanes at twice the lane width.</summary>
    internal void AddLongAcrossLanes(A64Instruction i, bool signed)
    {
        var laneBits = SizeLaneBits(i);
        var wide = LaneType(laneBits * 2);
        var n = Vec(i.Rn);
        var sum = B.Const(wide, 0);
        for (var index = 0; index < LaneCount(Q(i), laneBits); index++)
            sum = B.Add(sum, Extend(Lane(n, laneBits, index), wide, signed));
        SetVec(i.Rd, FromLanes([sum]));
    }

    /// <summary>SADDLP/UADDLP (and the accumulating SADALP/UADALP): adjacent lanes summed at twice the width.</summary>
    internal void AddLongPairwise(A64Instruction i, bool signed, bool accumulate)
    {
        var laneBits = SizeLaneBits(i);
        var wideBits = laneBits * 2;
        var wide = LaneType(wideBits);
        var count = LaneCount(Q(i), wideBits);
        var n = Vec(i.Rn);
        var d = Vec(i.Rd);
        var lanes = new Value[count];
        for (var index = 0; index < count; index++)
        {
            var sum = B.Add(Extend(Lane(n, laneBits, 2 * index), wide, signed), Extend(Lane(n, laneBits, 2 * index + 1), wide, signed));
            lanes[index] = accumulate ? B.Add(Lane(d, wideBits, index), sum) : sum;
        }
        SetVec(i.Rd, FromLanes(lanes), Q(i));
    }
}
