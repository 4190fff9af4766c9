using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>Shifts by immediate that keep the lane size.</summary>
public enum SimdShiftOp
{
    ShiftRight, ShiftRightAccumulate, RoundingShiftRight, RoundingShiftRightAccumulate,
    ShiftRightInsert, ShiftLeft, ShiftLeftInsert,
}

/// <summary>The "three different" operations: long (double-width result), wide (one double-width operand) and high-narrow.</summary>
public enum SimdLongOp
{
    AddLong, AddWide, SubtractLong, SubtractWide,
    AddHighNarrow, RoundingAddHighNarrow, SubtractHighNarrow, RoundingSubtractHighNarrow,
    AbsoluteDifferenceAccumulateLong, AbsoluteDifferenceLong,
    MultiplyAddLong, MultiplySubtractLong, MultiplyLong,
}

/// <summary>How a narrowing operation saturates: not at all, or into the signed or unsigned range of the narrow lane.</summary>
public enum SimdNarrowing
{
    Truncate,
    SignedToSigned,
    UnsignedToUnsigned,
    SignedToUnsigned,
}

// Shifts by immediate, and the operations that change the lane width: widening (three different,
// SSHLL/USHLL) and narrowing (XTN, SHRN, the saturating narrows).
public sealed partial class A64Emitter
{
    /// <summary>Lane size from immh (its highest set bit) and the immh:immb shift field.</summary>
    private static (int LaneBits, int ShiftField) ShiftImmediate(A64Instruction i)
    {
        var immh = i.Field(22, 19);
        var laneBits = 8 << (31 - System.Numerics.BitOperations.LeadingZeroCount(immh));
        return (laneBits, (int)i.Field(22, 16));
    }

    /// <summary>x shifted right by 1..laneBits (a constant), optionally rounding (adding the last bit shifted out).</summary>
    private Value RightShift(Value x, int shift, int laneBits, bool signed, bool rounding)
    {
        Value shifted = shift == laneBits
            ? signed ? B.ShrS(x, LaneConst(laneBits, (ulong)laneBits - 1)) : LaneConst(laneBits, 0)
            : signed ? B.ShrS(x, LaneConst(laneBits, (ulong)shift)) : B.ShrU(x, LaneConst(laneBits, (ulong)shift));
        if (!rounding) return shifted;
        var roundBit = B.And(B.ShrU(x, LaneConst(laneBits, (ulong)shift - 1)), LaneConst(laneBits, 1));
        return B.Add(shifted, roundBit);
    }

    internal void ShiftByImmediate(A64Instruction i, SimdShiftOp op, bool signed, bool scalar = false)
    {
        var (laneBits, field) = ShiftImmediate(i);
        var count = Count(i, laneBits, scalar);
        var rightShift = 2 * laneBits - field;
        var leftShift = field - laneBits;
        var ones = ulong.MaxValue >> (64 - laneBits);
        var n = Vec(i.Rn);
        var d = Vec(i.Rd);
        var result = LaneWise(laneBits, count, n, d, (x, destination) => op switch
        {
            SimdShiftOp.ShiftRight => RightShift(x, rightShift, laneBits, signed, rounding: false),
            SimdShiftOp.RoundingShiftRight => RightShift(x, rightShift, laneBits, signed, rounding: true),
            SimdShiftOp.ShiftRightAccumulate => B.Add(destination, RightShift(x, rightShift, laneBits, signed, rounding: false)),
            SimdShiftOp.RoundingShiftRightAccumulate => B.Add(destination, RightShift(x, rightShift, laneBits, signed, rounding: true)),
            SimdShiftOp.ShiftLeft => B.Shl(x, LaneConst(laneBits, (ulong)leftShift)),
            // SRI keeps the destination's top rightShift bits; SLI its low leftShift bits.
            SimdShiftOp.ShiftRightInsert => rightShift == laneBits ? destination
                : B.Or(B.And(destination, LaneConst(laneBits, ~(ones >> rightShift))), B.ShrU(x, LaneConst(laneBits, (ulong)rightShift))),
            _ => B.Or(B.And(destination, LaneConst(laneBits, ~(ones << leftShift))), B.Shl(x, LaneConst(laneBits, (ulong)leftShift))),
        });
        SetResult(i, result, scalar);
    }

    /// <summary>
    /// Narrows a value of twice the lane width to <paramref name="narrowBits"/>, saturating per
    /// <paramref name="kind"/>. Returns the lane and an i1 that is true when it saturated.
    /// </summary>
    private (Value Lane, Value Saturated) Narrow(Value wide, int narrowBits, SimdNarrowing kind)
    {
        var narrowType = LaneType(narrowBits);
        var wideType = B.TypeOf(wide);
        Value WideConst(long value) => B.Const(wideType, (ulong)value);
        var truncated = B.Truncate(narrowType, wide);
        switch (kind)
        {
            case SimdNarrowing.SignedToSigned:
            {
                var max = (1L << (narrowBits - 1)) - 1;
                var min = -(1L << (narrowBits - 1));
                var over = B.Cmp(Condition.GtS, wide, WideConst(max));
                var under = B.Cmp(Condition.LtS, wide, WideConst(min));
                var clamped = B.Select(over, LaneConst(narrowBits, (ulong)max), B.Select(under, LaneConst(narrowBits, (ulong)min), truncated));
                return (clamped, B.Or(over, under));
            }
            case SimdNarrowing.UnsignedToUnsigned:
            {
                var over = B.Cmp(Condition.GtU, wide, WideConst((long)(ulong.MaxValue >> (64 - narrowBits))));
                return (B.Select(over, LaneConst(narrowBits, ulong.MaxValue), truncated), over);
            }
            case SimdNarrowing.SignedToUnsigned:
            {
                var under = B.Cmp(Condition.LtS, wide, WideConst(0));
                var over = B.Cmp(Condition.GtS, wide, WideConst((long)(ulong.MaxValue >> (64 - narrowBits))));
                var clamped = B.Select(over, LaneConst(narrowBits, ulong.MaxValue), B.Select(under, LaneConst(narrowBits, 0), truncated));
                return (clamped, B.Or(over, under));
            }
            default:
                return (truncated, B.False());
        }
    }

    /// <summary>
    /// Writes narrow lanes: the low half of Vd (upper half zeroed) for the base form, or the
    /// upper half keeping the low one for the "2" form (Q=1).
    /// </summary>
    private void SetNarrowResult(A64Instruction i, Value[] lanes, Value? saturated, bool scalar = false)
    {
        if (saturated is { } any) AccrueSaturation(any);
        if (!Q(i) || scalar)
        {
            SetVec(i.Rd, FromLanes(lanes));
            return;
        }
        var destination = Vec(i.Rd);
        for (var index = 0; index < lanes.Length; index++) destination = WithLane(destination, lanes[index], lanes.Length + index);
        SetVec(i.Rd, destination);
    }

    /// <summary>Narrows each lane of Vn (twice the width) with <paramref name="map"/> then saturation.</summary>
    private void NarrowLanes(A64Instruction i, int narrowBits, SimdNarrowing kind, Func<Value, Value> map, bool scalar = false)
    {
        var count = scalar ? 1 : 64 / narrowBits;
        var n = Vec(i.Rn);
        var lanes = new Value[count];
        Value? saturated = null;
        for (var index = 0; index < count; index++)
        {
            var (lane, laneSaturated) = Narrow(map(Lane(n, narrowBits * 2, index)), narrowBits, kind);
            lanes[index] = lane;
            if (kind != SimdNarrowing.Truncate) saturated = saturated is { } earlier ? B.Or(earlier, laneSaturated) : laneSaturated;
        }
        SetNarrowResult(i, lanes, saturated, scalar);
    }

    /// <summary>XTN, SQXTN, UQXTN, SQXTUN (the saturating ones also as scalars).</summary>
    internal void ExtractNarrow(A64Instruction i, SimdNarrowing kind, bool scalar = false) =>
        NarrowLanes(i, SizeLaneBits(i), kind, x => x, scalar);

    /// <summary>SHRN, RSHRN and the saturating SQSHRN/UQSHRN/SQRSHRN/UQRSHRN/SQSHRUN/SQRSHRUN.</summary>
    internal void ShiftRightNarrow(A64Instruction i, bool rounding, SimdNarrowing kind, bool scalar = false)
    {
        var (narrowBits, field) = ShiftImmediate(i);
        var shift = 2 * narrowBits - field;
        var signedInput = kind is SimdNarrowing.SignedToSigned or SimdNarrowing.SignedToUnsigned;
        NarrowLanes(i, narrowBits, kind, x => RightShift(x, shift, narrowBits * 2, signedInput, rounding), scalar);
    }

    /// <summary>SSHLL/USHLL (SXTL/UXTL with a zero shift): lanes of one half of Vn widened and shifted left.</summary>
    internal void ShiftLeftLong(A64Instruction i, bool signed)
    {
        var (laneBits, field) = ShiftImmediate(i);
        var shift = field - laneBits;
        var count = 64 / laneBits;
        var first = Q(i) ? count : 0;
        var wide = LaneType(laneBits * 2);
        var n = Vec(i.Rn);
        var lanes = new Value[count];
        for (var index = 0; index < count; index++)
            lanes[index] = B.Shl(Extend(Lane(n, laneBits, first + index), wide, signed), B.Const(wide, (ulong)shift));
        SetVec(i.Rd, FromLanes(lanes));
    }

    /// <summary>The "three different" group: UADDL, SSUBW, UMULL, SMLAL, ADDHN, UABDL…</summary>
    internal void ThreeDifferent(A64Instruction i, SimdLongOp op, bool signed)
    {
        var laneBits = SizeLaneBits(i);
        var wideBits = laneBits * 2;
        var wide = LaneType(wideBits);
        var count = 64 / laneBits;
        var first = Q(i) ? count : 0;
        var n = Vec(i.Rn);
        var m = Vec(i.Rm);
        var d = Vec(i.Rd);
        Value NarrowOperand(Value vector, int index) => Extend(Lane(vector, laneBits, first + index), wide, signed);
        var lanes = new Value[count];
        for (var index = 0; index < count; index++)
        {
            if (op is SimdLongOp.AddHighNarrow or SimdLongOp.RoundingAddHighNarrow or SimdLongOp.SubtractHighNarrow or SimdLongOp.RoundingSubtractHighNarrow)
            {
                var x = Lane(n, wideBits, index);
                var y = Lane(m, wideBits, index);
                var full = op is SimdLongOp.AddHighNarrow or SimdLongOp.RoundingAddHighNarrow ? B.Add(x, y) : B.Sub(x, y);
                if (op is SimdLongOp.RoundingAddHighNarrow or SimdLongOp.RoundingSubtractHighNarrow)
                    full = B.Add(full, B.Const(wide, 1UL << (laneBits - 1)));
                lanes[index] = B.Truncate(LaneType(laneBits), B.ShrU(full, B.Const(wide, (ulong)laneBits)));
                continue;
            }
            var a = op is SimdLongOp.AddWide or SimdLongOp.SubtractWide ? Lane(n, wideBits, index) : NarrowOperand(n, index);
            var b = NarrowOperand(m, index);
            lanes[index] = op switch
            {
                SimdLongOp.AddLong or SimdLongOp.AddWide => B.Add(a, b),
                SimdLongOp.SubtractLong or SimdLongOp.SubtractWide => B.Sub(a, b),
                SimdLongOp.AbsoluteDifferenceLong => AbsoluteDifference(a, b, signed),
                SimdLongOp.AbsoluteDifferenceAccumulateLong => B.Add(Lane(d, wideBits, index), AbsoluteDifference(a, b, signed)),
                SimdLongOp.MultiplyLong => B.Mul(a, b),
                SimdLongOp.MultiplyAddLong => B.Add(Lane(d, wideBits, index), B.Mul(a, b)),
                _ => B.Sub(Lane(d, wideBits, index), B.Mul(a, b)),
            };
        }
        if (op is SimdLongOp.AddHighNarrow or SimdLongOp.RoundingAddHighNarrow or SimdLongOp.SubtractHighNarrow or SimdLongOp.RoundingSubtractHighNarrow)
            SetNarrowResult(i, lanes, null);
        else
            SetVec(i.Rd, FromLanes(lanes));
    }

    /// <summary>The by-element operand of the integer forms: 16-bit lanes index H:L:M of v0-v15, 32-bit lanes H:L of any register.</summary>
    private Value IntegerElement(A64Instruction i, int laneBits)
    {
        var index = laneBits == 16 ? (int)(i.Field(11, 11) << 2 | i.Field(21, 20)) : (int)(i.Field(11, 11) << 1 | i.Field(21, 21));
        var register = laneBits == 16 ? (int)i.Field(19, 16) : (int)i.Field(20, 16);
        return Lane(Vec(register), laneBits, index);
    }

    /// <summary>MUL, MLA, MLS (by element).</summary>
    internal void IntegerByElement(A64Instruction i, SimdIntegerOp op)
    {
        var laneBits = SizeLaneBits(i);
        var element = IntegerElement(i, laneBits);
        var n = Vec(i.Rn);
        var d = Vec(i.Rd);
        var lanes = new Value[LaneCount(Q(i), laneBits)];
        for (var index = 0; index < lanes.Length; index++)
        {
            var product = B.Mul(Lane(n, laneBits, index), element);
            lanes[index] = op switch
            {
                SimdIntegerOp.MultiplyAdd => B.Add(Lane(d, laneBits, index), product),
                SimdIntegerOp.MultiplySubtract => B.Sub(Lane(d, laneBits, index), product),
                _ => product,
            };
        }
        SetVec(i.Rd, FromLanes(lanes), Q(i));
    }

    /// <summary>SMULL, UMLAL, SMLSL… (by element): one half of Vn widened and multiplied by the element.</summary>
    internal void LongByElement(A64Instruction i, SimdLongOp op, bool signed)
    {
        var laneBits = SizeLaneBits(i);
        var wideBits = laneBits * 2;
        var wide = LaneType(wideBits);
        var element = Extend(IntegerElement(i, laneBits), wide, signed);
        var count = 64 / laneBits;
        var first = Q(i) ? count : 0;
        var n = Vec(i.Rn);
        var d = Vec(i.Rd);
        var lanes = new Value[count];
        for (var index = 0; index < count; index++)
        {
            var product = B.Mul(Extend(Lane(n, laneBits, first + index), wide, signed), element);
            lanes[index] = op switch
            {
                SimdLongOp.MultiplyAddLong => B.Add(Lane(d, wideBits, index), product),
                SimdLongOp.MultiplySubtractLong => B.Sub(Lane(d, wideBits, index), product),
                _ => product,
            };
        }
        SetVec(i.Rd, FromLanes(lanes));
    }

    /// <summary>
    /// SQSHL/UQSHL/SQSHLU (immediate): a left shift that saturates when a significant bit
    /// would be lost (SQSHLU takes signed lanes to the unsigned range) and sets FPSR.QC.
    /// </summary>
    internal void SaturatingShiftLeftImmediate(A64Instruction i, bool signedInput, bool signedResult, bool scalar = false)
    {
        var (laneBits, field) = ShiftImmediate(i);
        var shift = LaneConst(laneBits, (ulong)(field - laneBits));
        var count = Count(i, laneBits, scalar);
        var n = Vec(i.Rn);
        var result = LaneWiseSaturating(laneBits, count, n, n, (x, _) =>
        {
            var zero = LaneConst(laneBits, 0);
            var shifted = B.Shl(x, shift);
            if (signedResult)
            {
                var lost = B.Cmp(Condition.Ne, B.ShrS(shifted, shift), x);
                var limit = B.Select(B.Cmp(Condition.LtS, x, zero), SignBit(laneBits), B.Not(SignBit(laneBits)));
                return (B.Select(lost, limit, shifted), lost);
            }
            var overflow = B.Cmp(Condition.Ne, B.ShrU(shifted, shift), x);
            if (!signedInput) return (B.Select(overflow, LaneOnes(laneBits), shifted), overflow);
            var negative = B.Cmp(Condition.LtS, x, zero);
            var value = B.Select(negative, zero, B.Select(overflow, LaneOnes(laneBits), shifted));
            return (value, B.Or(negative, overflow));
        });
        SetResult(i, result, scalar);
    }

    /// <summary>SHLL/SHLL2: lanes of one half of Vn widened and shifted left by the lane width.</summary>
    internal void ShiftLeftLongByLaneSize(A64Instruction i)
    {
        var laneBits = SizeLaneBits(i);
        var count = 64 / laneBits;
        var first = Q(i) ? count : 0;
        var wide = LaneType(laneBits * 2);
        var n = Vec(i.Rn);
        var lanes = new Value[count];
        for (var index = 0; index < count; index++)
            lanes[index] = B.Shl(B.ZeroExtend(wide, Lane(n, laneBits, first + index)), B.Const(wide, (ulong)laneBits));
        SetVec(i.Rd, FromLanes(lanes));
    }

    /// <summary>
    /// SQDMULH/SQRDMULH: the high half of twice the product (rounded for SQRDMULH). Only
    /// MIN * MIN overflows; it saturates to MAX and sets FPSR.QC.
    /// </summary>
    private (Value Lane, Value Saturated) DoublingMultiplyHigh(Value x, Value y, int laneBits, bool rounding)
    {
        var product = B.Mul(B.SignExtend(IrType.I64, x), B.SignExtend(IrType.I64, y));
        var doubled = B.Shl(product, B.Const64(1));
        if (rounding) doubled = B.Add(doubled, B.Const64(1UL << (laneBits - 1)));
        var high = B.Truncate(LaneType(laneBits), B.ShrS(doubled, B.Const64(laneBits)));
        var min = SignBit(laneBits);
        var saturated = B.And(B.Cmp(Condition.Eq, x, min), B.Cmp(Condition.Eq, y, min));
        return (B.Select(saturated, B.Not(min), high), saturated);
    }

    internal void DoublingMultiplyHighInstruction(A64Instruction i, bool rounding, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var result = LaneWiseSaturating(laneBits, Count(i, laneBits, scalar), Vec(i.Rn), Vec(i.Rm),
            (x, y) => DoublingMultiplyHigh(x, y, laneBits, rounding));
        SetResult(i, result, scalar);
    }

    /// <summary>SQDMULH/SQRDMULH (by element).</summary>
    internal void DoublingMultiplyHighByElement(A64Instruction i, bool rounding, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var element = IntegerElement(i, laneBits);
        var count = Count(i, laneBits, scalar);
        var n = Vec(i.Rn);
        var lanes = new Value[count];
        Value? saturated = null;
        for (var index = 0; index < count; index++)
        {
            var (lane, laneSaturated) = DoublingMultiplyHigh(Lane(n, laneBits, index), element, laneBits, rounding);
            lanes[index] = lane;
            saturated = saturated is { } earlier ? B.Or(earlier, laneSaturated) : laneSaturated;
        }
        AccrueSaturation(saturated!.Value);
        SetResult(i, FromLanes(lanes), scalar);
    }

    /// <summary>
    /// SQDMULL, SQDMLAL, SQDMLSL (vector, by element, scalar): twice the widened product,
    /// saturated, then optionally added to or subtracted from Vd with saturation. Either
    /// saturation sets FPSR.QC.
    /// </summary>
    internal void SaturatingDoublingLong(A64Instruction i, int accumulate, bool byElement, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var wideBits = laneBits * 2;
        var wide = LaneType(wideBits);
        var count = scalar ? 1 : 64 / laneBits;
        var first = Q(i) && !scalar ? count : 0;
        var n = Vec(i.Rn);
        var m = Vec(i.Rm);
        var d = Vec(i.Rd);
        var element = byElement ? IntegerElement(i, laneBits) : default;
        var min = LaneConst(wideBits, 1UL << (wideBits - 1));
        var max = B.Not(min);
        var lanes = new Value[count];
        Value saturated = B.False();
        for (var index = 0; index < count; index++)
        {
            var x = Lane(n, laneBits, first + index);
            var y = byElement ? element : Lane(m, laneBits, first + index);
            // Only MIN * MIN doubles past the wide range.
            var productOverflow = B.And(B.Cmp(Condition.Eq, x, SignBit(laneBits)), B.Cmp(Condition.Eq, y, SignBit(laneBits)));
            var product = B.Shl(B.Mul(B.SignExtend(wide, x), B.SignExtend(wide, y)), B.Const(wide, 1));
            product = B.Select(productOverflow, max, product);
            saturated = B.Or(saturated, productOverflow);
            if (accumulate != 0)
            {
                var addend = Lane(d, wideBits, index);
                var sum = accumulate > 0 ? B.Add(addend, product) : B.Sub(addend, product);
                var overflow = accumulate > 0 ? B.OverflowOut(addend, product) : B.OverflowOut(addend, B.Not(product), B.True());
                product = B.Select(overflow, B.Select(B.Cmp(Condition.LtS, addend, B.Const(wide, 0)), min, max), sum);
                saturated = B.Or(saturated, overflow);
            }
            lanes[index] = product;
        }
        AccrueSaturation(saturated);
        SetVec(i.Rd, FromLanes(lanes));
    }

    /// <summary>
    /// SUQADD (signed Vd plus unsigned Vn, signed saturation) and USQADD (unsigned Vd plus
    /// signed Vn, unsigned saturation), setting FPSR.QC when they saturate.
    /// </summary>
    internal void SaturatingAccumulateMixed(A64Instruction i, bool signedAccumulator, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var count = Count(i, laneBits, scalar);
        var result = LaneWiseSaturating(laneBits, count, Vec(i.Rd), Vec(i.Rn), (accumulator, operand) =>
        {
            var sum = B.Add(accumulator, operand);
            var zero = LaneConst(laneBits, 0);
            if (signedAccumulator)
            {
                // The operand is non-negative, so only MAX can be passed: overflow when it exceeds MAX - accumulator (as unsigned).
                var max = B.Not(SignBit(laneBits));
                var overflow = B.Cmp(Condition.GtU, operand, B.Sub(max, accumulator));
                return (B.Select(overflow, max, sum), overflow);
            }
            var negative = B.Cmp(Condition.LtS, operand, zero);
            var carry = B.CarryOut(accumulator, operand);
            var over = B.And(B.Not(negative), carry);
            var under = B.And(negative, B.Cmp(Condition.LtU, accumulator, B.Neg(operand)));
            var value = B.Select(over, LaneOnes(laneBits), B.Select(under, zero, sum));
            return (value, B.Or(over, under));
        });
        SetResult(i, result, scalar);
    }

    /// <summary>PMUL: carry-less multiplication of bytes, keeping the low 8 bits, on each 64-bit half.</summary>
    internal void PolynomialMultiply(A64Instruction i)
    {
        const ulong lowBits = 0x0101_0101_0101_0101UL;
        SetVec(i.Rd, Halves(Q(i), Vec(i.Rn), Vec(i.Rm), (a, b) =>
        {
            var result = B.Const64(0);
            for (var bit = 0; bit < 8; bit++)
            {
                // Bytes of b with this bit set select a shifted left by it (bits leaving a byte are dropped).
                var selected = B.Mul(B.And(B.ShrU(b, B.Const64(bit)), B.Const64(lowBits)), B.Const64(0xFF));
                var shifted = B.Shl(B.And(a, B.Const64((0xFFUL >> bit) * lowBits)), B.Const64(bit));
                result = B.Xor(result, B.And(shifted, selected));
            }
            return result;
        }), Q(i));
    }

    /// <summary>PMULL/PMULL2 (8-bit lanes): carry-less products of one half's bytes as 16-bit lanes.</summary>
    internal void PolynomialMultiplyLong(A64Instruction i)
    {
        var first = Q(i) ? 8 : 0;
        var n = Vec(i.Rn);
        var m = Vec(i.Rm);
        var lanes = new Value[8];
        for (var index = 0; index < 8; index++)
        {
            var a = B.ZeroExtend(IrType.I16, Lane(n, 8, first + index));
            var b = B.ZeroExtend(IrType.I16, Lane(m, 8, first + index));
            var product = B.Const(IrType.I16, 0);
            for (var bit = 0; bit < 8; bit++)
            {
                // All ones when bit `bit` of b is set: 0 - that bit.
                var take = B.Neg(B.And(B.ShrU(b, B.Const(IrType.I16, (ulong)bit)), B.Const(IrType.I16, 1)));
                product = B.Xor(product, B.And(B.Shl(a, B.Const(IrType.I16, (ulong)bit)), take));
            }
            lanes[index] = product;
        }
        SetVec(i.Rd, FromLanes(lanes));
    }
}
