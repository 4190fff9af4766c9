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

    /// <summary>Writes a result of the vector (by Q) or scalar form (whose lanes past the first the value must already have zero).</summary>
    private void SetResult(A64Instruction i, Value value, bool scalar) => SetVec(i.Rd, value, !scalar && Q(i));

    /// <summary>
    /// Writes the result of a lane-wise vector computation: lanes past the instruction's count are
    /// cleared (SetVec clears a 64-bit result's high half; a scalar with lanes under 64 bits needs
    /// the rest of the low half cleared too).
    /// </summary>
    private void SetLanesResult(A64Instruction i, Value value, int laneBits, bool scalar)
    {
        var count = Count(i, laneBits, scalar);
        SetResult(i, laneBits * count < 64 ? FirstLanes(value, laneBits, count) : value, scalar);
    }

    internal void ThreeSameInteger(A64Instruction i, SimdIntegerOp op, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var a = Vec(i.Rn);
        var b = Vec(i.Rm);
        var result = op switch
        {
            SimdIntegerOp.MultiplyAdd => B.VAdd(laneBits, Vec(i.Rd), B.VMul(laneBits, a, b)),
            SimdIntegerOp.MultiplySubtract => B.VSub(laneBits, Vec(i.Rd), B.VMul(laneBits, a, b)),
            SimdIntegerOp.AbsoluteDifferenceAccumulateSigned => B.VAdd(laneBits, Vec(i.Rd), AbsoluteDifferenceVector(laneBits, a, b, signed: true)),
            SimdIntegerOp.AbsoluteDifferenceAccumulateUnsigned => B.VAdd(laneBits, Vec(i.Rd), AbsoluteDifferenceVector(laneBits, a, b, signed: false)),
            _ => IntegerVector(op, laneBits, a, b),
        };
        SetLanesResult(i, result, laneBits, scalar);
    }

    /// <summary>A two-operand integer operation on whole vectors of <paramref name="laneBits"/>-bit lanes.</summary>
    private Value IntegerVector(SimdIntegerOp op, int laneBits, Value x, Value y)
    {
        Value Compare(Condition condition) => B.VCmp(condition, laneBits, x, y);
        Value HalfOf(Value v, bool signed) => B.VShift(signed ? Opcode.VShrS : Opcode.VShrU, laneBits, v, 1);
        // The halving operations without a wider type (x + y = 2(x & y) + (x ^ y) = 2(x | y) - (x ^ y),
        // x - y = (x ^ y) - 2(~x & y)): the results fit the lane, so wrapping arithmetic is exact.
        Value HalvingAdd(bool signed) => B.VAdd(laneBits, B.And(x, y), HalfOf(B.Xor(x, y), signed));
        Value RoundingHalvingAdd(bool signed) => B.VSub(laneBits, B.Or(x, y), HalfOf(B.Xor(x, y), signed));
        Value HalvingSubtract(bool signed) => B.VSub(laneBits, HalfOf(B.Xor(x, y), signed), B.And(B.Not(x), y));
        return op switch
        {
            SimdIntegerOp.Add => B.VAdd(laneBits, x, y),
            SimdIntegerOp.Sub => B.VSub(laneBits, x, y),
            SimdIntegerOp.Mul => B.VMul(laneBits, x, y),
            SimdIntegerOp.CompareEqual => Compare(Condition.Eq),
            SimdIntegerOp.CompareTest => B.VCmp(Condition.Ne, laneBits, B.And(x, y), ZeroVector()),
            SimdIntegerOp.CompareGreaterSigned => Compare(Condition.GtS),
            SimdIntegerOp.CompareGreaterOrEqualSigned => Compare(Condition.GeS),
            SimdIntegerOp.CompareHigher => Compare(Condition.GtU),
            SimdIntegerOp.CompareHigherOrSame => Compare(Condition.GeU),
            SimdIntegerOp.MaxSigned => B.VBinary(Opcode.VMaxS, laneBits, x, y),
            SimdIntegerOp.MinSigned => B.VBinary(Opcode.VMinS, laneBits, x, y),
            SimdIntegerOp.MaxUnsigned => B.VBinary(Opcode.VMaxU, laneBits, x, y),
            SimdIntegerOp.MinUnsigned => B.VBinary(Opcode.VMinU, laneBits, x, y),
            SimdIntegerOp.AbsoluteDifferenceSigned => AbsoluteDifferenceVector(laneBits, x, y, signed: true),
            SimdIntegerOp.AbsoluteDifferenceUnsigned => AbsoluteDifferenceVector(laneBits, x, y, signed: false),
            SimdIntegerOp.HalvingAddSigned => HalvingAdd(signed: true),
            SimdIntegerOp.HalvingAddUnsigned => HalvingAdd(signed: false),
            SimdIntegerOp.RoundingHalvingAddSigned => RoundingHalvingAdd(signed: true),
            SimdIntegerOp.RoundingHalvingAddUnsigned => RoundingHalvingAdd(signed: false),
            SimdIntegerOp.HalvingSubtractSigned => HalvingSubtract(signed: true),
            SimdIntegerOp.HalvingSubtractUnsigned => HalvingSubtract(signed: false),
            SimdIntegerOp.ShiftLeftSigned => B.VBinary(Opcode.VShlVarS, laneBits, x, y),
            SimdIntegerOp.ShiftLeftUnsigned => B.VBinary(Opcode.VShlVarU, laneBits, x, y),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
    }

    /// <summary>|x - y| per lane read as signed or unsigned: max - min, whose wrapped difference has the right bits.</summary>
    private Value AbsoluteDifferenceVector(int laneBits, Value x, Value y, bool signed) =>
        B.VSub(laneBits,
            B.VBinary(signed ? Opcode.VMaxS : Opcode.VMaxU, laneBits, x, y),
            B.VBinary(signed ? Opcode.VMinS : Opcode.VMinU, laneBits, x, y));

    /// <summary>
    /// SRSHL/URSHL, and the saturating SQSHL/UQSHL/SQRSHL/UQRSHL (which set FPSR.QC): the signed
    /// low byte of each lane of Vm shifts the lane of Vn left (positive) or right (negative), as
    /// VShlVarS/U do. Right shifts may round (add the last bit shifted out; past the lane width the
    /// rounded result is 0); left shifts may saturate (any significant bit lost).
    /// </summary>
    internal void ShiftByRegisterInstruction(A64Instruction i, bool signed, bool rounding, bool saturating, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        // Lanes past the count are cleared first: zero shifts to zero, without saturating.
        var x = FirstLanes(Vec(i.Rn), laneBits, Count(i, laneBits, scalar));
        var y = Vec(i.Rm);
        var shiftOp = signed ? Opcode.VShlVarS : Opcode.VShlVarU;
        // The shift amount as a lane value: the low byte, sign-extended.
        var amount = laneBits == 8 ? y : B.VShift(Opcode.VShrS, laneBits, B.VShift(Opcode.VShl, laneBits, y, laneBits - 8), laneBits - 8);
        var isRight = B.VCmp(Condition.LtS, laneBits, amount, ZeroVector());
        var result = B.VBinary(shiftOp, laneBits, x, y);
        if (rounding)
        {
            // The last bit shifted out by a right shift of n is bit n-1: x shifted by amount + 1.
            var roundBit = B.And(B.VBinary(Opcode.VShlVarU, laneBits, x, B.VAdd(laneBits, amount, SplatConst(laneBits, 1))), SplatConst(laneBits, 1));
            var beyondWidth = B.VCmp(Condition.LtS, laneBits, amount, SplatConst(laneBits, (ulong)-laneBits));
            result = B.And(B.VAdd(laneBits, result, B.And(roundBit, isRight)), B.Not(beyondWidth));
        }
        if (saturating)
        {
            // A left shift lost a significant bit when shifting back does not restore the lane
            // (shifting by the lane width or more leaves 0, which restores only a zero lane).
            var back = B.VBinary(shiftOp, laneBits, result, B.VNeg(laneBits, amount));
            var lost = B.And(B.VCmp(Condition.Ne, laneBits, back, x), B.Not(isRight));
            // Signed: MAX for a non-negative lane, MIN (its inverse) for a negative one.
            var limit = signed
                ? B.Xor(B.VShift(Opcode.VShrS, laneBits, x, laneBits - 1), SplatConst(laneBits, ulong.MaxValue >> (65 - laneBits)))
                : SplatConst(laneBits, ulong.MaxValue);
            result = SelectBits(lost, limit, result);
            AccrueSaturation(AnyBitSet(lost));
        }
        SetResult(i, result, scalar);
    }

    /// <summary>SQADD/UQADD/SQSUB/UQSUB: results clamp to the lane's range and set FPSR.QC.</summary>
    internal void SaturatingAddSubtract(A64Instruction i, bool subtract, bool signed, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var count = Count(i, laneBits, scalar);
        // Lanes past the count are cleared first: zero plus or minus zero never saturates.
        var a = FirstLanes(Vec(i.Rn), laneBits, count);
        var b = FirstLanes(Vec(i.Rm), laneBits, count);
        var op = (subtract, signed) switch
        {
            (false, true) => Opcode.VAddSatS,
            (false, false) => Opcode.VAddSatU,
            (true, true) => Opcode.VSubSatS,
            _ => Opcode.VSubSatU,
        };
        var result = B.VBinary(op, laneBits, a, b);
        // A lane saturated exactly when it differs from the wrapping result.
        AccrueSaturationWhereDifferent(result, subtract ? B.VSub(laneBits, a, b) : B.VAdd(laneBits, a, b));
        SetResult(i, result, scalar);
    }

    /// <summary>AND, BIC, ORR, ORN, EOR on whole vectors.</summary>
    internal void BitwiseLogical(A64Instruction i, SimdLogicalOp op)
    {
        SetVec(i.Rd, Bitwise(Q(i), Vec(i.Rn), Vec(i.Rm), (a, b) => op switch
        {
            SimdLogicalOp.And => B.And(a, b),
            SimdLogicalOp.AndNot => B.And(a, B.Not(b)),
            SimdLogicalOp.Or => B.Or(a, b),
            SimdLogicalOp.OrNot => B.Or(a, B.Not(b)),
            _ => B.Xor(a, b),
        }));
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
        var result = form switch
        {
            0 => SelectBits(d, n, m),
            1 => SelectBits(m, n, d),
            _ => SelectBits(m, d, n),
        };
        SetVec(i.Rd, result, q);
    }

    /// <summary>Bits of <paramref name="ifSet"/> where <paramref name="mask"/> is set, else of <paramref name="ifClear"/> (any width, v128 included).</summary>
    private Value SelectBits(Value mask, Value ifSet, Value ifClear) => B.Xor(ifClear, B.And(B.Xor(ifSet, ifClear), mask));

    /// <summary>SMAXP, UMINP, ADDP… on adjacent pairs of Vn:Vm.</summary>
    internal void PairwiseInteger(A64Instruction i, SimdIntegerOp op)
    {
        var laneBits = SizeLaneBits(i);
        var result = PairwiseVector(laneBits, LaneCount(Q(i), laneBits), Vec(i.Rn), Vec(i.Rm), (x, y) => IntegerVector(op, laneBits, x, y));
        SetVec(i.Rd, result, Q(i));
    }

    /// <summary>ADDP (scalar): Dd = Vn.d[0] + Vn.d[1].</summary>
    internal void AddPairScalar(A64Instruction i) =>
        SetVec(i.Rd, FromLanes([B.VReduce(VectorReduction.Add, 64, Vec(i.Rn))]));

    internal void UnaryInteger(A64Instruction i, SimdUnaryOp op, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var x = Vec(i.Rn);
        var zero = ZeroVector();
        Value CompareWithZero(Condition condition) => B.VCmp(condition, laneBits, x, zero);
        var result = op switch
        {
            // NOT and RBIT work on bytes whatever the size field says (it selects the operation).
            SimdUnaryOp.Not => Bitwise(Q(i), x, x, (v, _) => B.Not(v)),
            SimdUnaryOp.ReverseBits => Bitwise(Q(i), x, x, (v, _) => ReverseBitsInBytes(v)),
            SimdUnaryOp.CompareGreaterZero => CompareWithZero(Condition.GtS),
            SimdUnaryOp.CompareEqualZero => CompareWithZero(Condition.Eq),
            SimdUnaryOp.CompareLessZero => CompareWithZero(Condition.LtS),
            SimdUnaryOp.CompareGreaterOrEqualZero => CompareWithZero(Condition.GeS),
            SimdUnaryOp.CompareLessOrEqualZero => CompareWithZero(Condition.LeS),
            SimdUnaryOp.Absolute => B.VAbs(laneBits, x),
            SimdUnaryOp.Negate => B.VNeg(laneBits, x),
            // CLS(x) = CLZ(x ^ (x >> 1)) - 1 with an arithmetic shift: the sign bit cancels.
            SimdUnaryOp.CountLeadingSignBits => B.VSub(laneBits,
                B.VUnary(Opcode.VClz, laneBits, B.Xor(x, B.VShift(Opcode.VShrS, laneBits, x, 1))), SplatConst(laneBits, 1)),
            SimdUnaryOp.CountLeadingZeros => B.VUnary(Opcode.VClz, laneBits, x),
            SimdUnaryOp.PopCount => B.VUnary(Opcode.VPopcount, laneBits, x),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
        SetLanesResult(i, result, laneBits, scalar);
    }

    /// <summary>Reverses the bits of each byte of a vector: swap nibbles, then bit pairs, then bits.</summary>
    private Value ReverseBitsInBytes(Value x)
    {
        // Shifting 64-bit lanes moves bits across byte boundaries, but the masks keep only the bits that stay in their byte.
        Value Swap(Value v, ulong highMask, int shift)
        {
            var mask = SplatConst(64, highMask);
            return B.Or(B.VShift(Opcode.VShrU, 64, B.And(v, mask), shift), B.And(B.VShift(Opcode.VShl, 64, v, shift), mask));
        }
        x = Swap(x, 0xF0F0_F0F0_F0F0_F0F0, 4);
        x = Swap(x, 0xCCCC_CCCC_CCCC_CCCC, 2);
        return Swap(x, 0xAAAA_AAAA_AAAA_AAAA, 1);
    }

    /// <summary>SQABS/SQNEG: the most negative lane saturates to the most positive and sets FPSR.QC.</summary>
    internal void SaturatingAbsNeg(A64Instruction i, bool negate, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        // Lanes past the count are cleared first, so they are zero and never the most negative.
        var x = FirstLanes(Vec(i.Rn), laneBits, Count(i, laneBits, scalar));
        var isMin = B.VCmp(Condition.Eq, laneBits, x, SplatConst(laneBits, 1UL << (laneBits - 1)));
        var wrapped = negate ? B.VNeg(laneBits, x) : B.VAbs(laneBits, x);
        AccrueSaturation(AnyBitSet(isMin));
        // Both wrap MIN to MIN; inverting its bits gives MAX.
        SetResult(i, B.Xor(wrapped, isMin), scalar);
    }

    /// <summary>ADDV, SMAXV, UMINV…: all lanes reduced to a scalar in lane 0.</summary>
    internal void AcrossLanes(A64Instruction i, SimdIntegerOp op)
    {
        var laneBits = SizeLaneBits(i);
        var reduction = op switch
        {
            SimdIntegerOp.Add => VectorReduction.Add,
            SimdIntegerOp.MaxSigned => VectorReduction.MaxS,
            SimdIntegerOp.MinSigned => VectorReduction.MinS,
            SimdIntegerOp.MaxUnsigned => VectorReduction.MaxU,
            SimdIntegerOp.MinUnsigned => VectorReduction.MinU,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
        SetVec(i.Rd, FromLanes([ReduceLanes(reduction, laneBits, LaneCount(Q(i), laneBits), Vec(i.Rn))]));
    }

    /// <summary>SADDLV/UADDLV: the sum of all lanes at twice the lane width.</summary>
    internal void AddLongAcrossLanes(A64Instruction i, bool signed)
    {
        var laneBits = SizeLaneBits(i);
        var n = Vec(i.Rn);
        // Widened, the low half's lanes fill a vector; a 128-bit source adds its high half's.
        var wide = B.VWiden(signed, laneBits, n, 0);
        if (Q(i)) wide = B.VAdd(laneBits * 2, wide, B.VWiden(signed, laneBits, n, 1));
        SetVec(i.Rd, FromLanes([B.VReduce(VectorReduction.Add, laneBits * 2, wide)]));
    }

    /// <summary>SADDLP/UADDLP (and the accumulating SADALP/UADALP): adjacent lanes summed at twice the width.</summary>
    internal void AddLongPairwise(A64Instruction i, bool signed, bool accumulate)
    {
        var laneBits = SizeLaneBits(i);
        var wideBits = laneBits * 2;
        var n = Vec(i.Rn);
        // Each wide lane holds a pair: its low half is the even lane, its high half the odd one.
        var even = signed
            ? B.VShift(Opcode.VShrS, wideBits, B.VShift(Opcode.VShl, wideBits, n, laneBits), laneBits)
            : B.And(n, SplatConst(wideBits, (1UL << laneBits) - 1));
        var odd = B.VShift(signed ? Opcode.VShrS : Opcode.VShrU, wideBits, n, laneBits);
        var sum = B.VAdd(wideBits, even, odd);
        SetVec(i.Rd, accumulate ? B.VAdd(wideBits, Vec(i.Rd), sum) : sum, Q(i));
    }
}
