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

    /// <summary>Each lane shifted right by 1..laneBits (a constant), optionally rounding (adding the last bit shifted out).</summary>
    private Value RightShift(Value x, int shift, int laneBits, bool signed, bool rounding)
    {
        // A shift by the lane width gives 0 (logical) or the sign (arithmetic), as the IR defines it.
        var shifted = B.VShift(signed ? Opcode.VShrS : Opcode.VShrU, laneBits, x, shift);
        if (!rounding) return shifted;
        var roundBit = B.And(B.VShift(Opcode.VShrU, laneBits, x, shift - 1), SplatConst(laneBits, 1));
        return B.VAdd(laneBits, shifted, roundBit);
    }

    internal void ShiftByImmediate(A64Instruction i, SimdShiftOp op, bool signed, bool scalar = false)
    {
        var (laneBits, field) = ShiftImmediate(i);
        var rightShift = 2 * laneBits - field;
        var leftShift = field - laneBits;
        var ones = ulong.MaxValue >> (64 - laneBits);
        var x = Vec(i.Rn);
        var result = op switch
        {
            SimdShiftOp.ShiftRight => RightShift(x, rightShift, laneBits, signed, rounding: false),
            SimdShiftOp.RoundingShiftRight => RightShift(x, rightShift, laneBits, signed, rounding: true),
            SimdShiftOp.ShiftRightAccumulate => B.VAdd(laneBits, Vec(i.Rd), RightShift(x, rightShift, laneBits, signed, rounding: false)),
            SimdShiftOp.RoundingShiftRightAccumulate => B.VAdd(laneBits, Vec(i.Rd), RightShift(x, rightShift, laneBits, signed, rounding: true)),
            SimdShiftOp.ShiftLeft => B.VShift(Opcode.VShl, laneBits, x, leftShift),
            // SRI keeps the destination's top rightShift bits; SLI its low leftShift bits.
            SimdShiftOp.ShiftRightInsert => rightShift == laneBits ? Vec(i.Rd)
                : B.Or(B.And(Vec(i.Rd), SplatConst(laneBits, ~(ones >> rightShift))), B.VShift(Opcode.VShrU, laneBits, x, rightShift)),
            _ => B.Or(B.And(Vec(i.Rd), SplatConst(laneBits, ~(ones << leftShift))), B.VShift(Opcode.VShl, laneBits, x, leftShift)),
        };
        SetLanesResult(i, result, laneBits, scalar);
    }

    /// <summary>The narrowing operation of a <see cref="SimdNarrowing"/>.</summary>
    private static Opcode NarrowOpcode(SimdNarrowing kind) => kind switch
    {
        SimdNarrowing.SignedToSigned => Opcode.VNarrowSatS,
        SimdNarrowing.UnsignedToUnsigned => Opcode.VNarrowSatU,
        SimdNarrowing.SignedToUnsigned => Opcode.VNarrowSatSU,
        _ => Opcode.VNarrow,
    };

    /// <summary>
    /// Writes narrow lanes (in the low half of <paramref name="narrowed"/>, whose high half is
    /// zero): the low half of Vd (upper half zeroed) for the base form, or the upper half keeping
    /// the low one for the "2" form (Q=1).
    /// </summary>
    private void SetNarrowResult(A64Instruction i, Value narrowed, bool scalar = false)
    {
        if (!Q(i) || scalar)
        {
            SetVec(i.Rd, narrowed);
            return;
        }
        SetVec(i.Rd, B.VShuffle(Vec(i.Rd), narrowed, [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]));
    }

    /// <summary><see cref="SetNarrowResult(A64Instruction, Value, bool)"/> of lanes computed one by one (the FP narrows).</summary>
    private void SetNarrowResult(A64Instruction i, Value[] lanes, bool scalar = false)
    {
        if (!Q(i) || scalar)
        {
            SetVec(i.Rd, FromLanes(lanes));
            return;
        }
        // Inserted straight into the destination's upper half: fewer operations than building and shuffling.
        var destination = Vec(i.Rd);
        for (var index = 0; index < lanes.Length; index++) destination = WithLane(destination, lanes[index], lanes.Length + index);
        SetVec(i.Rd, destination);
    }

    /// <summary>
    /// Narrows each wide lane of Vn, after <paramref name="map"/>, with the saturation of
    /// <paramref name="kind"/>; any saturated lane sets FPSR.QC. The scalar forms narrow lane 0 only.
    /// </summary>
    private void NarrowLanes(A64Instruction i, int narrowBits, SimdNarrowing kind, Func<Value, Value> map, bool scalar = false)
    {
        var wideBits = narrowBits * 2;
        // A scalar's other wide lanes are cleared: they narrow to zero and never saturate.
        var wide = FirstLanes(map(Vec(i.Rn)), wideBits, scalar ? 1 : 64 / narrowBits);
        var narrowed = B.VNarrow(NarrowOpcode(kind), narrowBits, wide);
        if (kind != SimdNarrowing.Truncate)
        {
            // A lane saturated exactly when widening it back does not give the wide lane.
            var back = B.VWiden(kind == SimdNarrowing.SignedToSigned, narrowBits, narrowed, 0);
            AccrueSaturationWhereDifferent(back, wide);
        }
        SetNarrowResult(i, narrowed, scalar);
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

    /// <summary>The lanes of one half of a vector (the high one for the "2" forms, Q=1) extended to twice their width.</summary>
    private Value WidenHalf(A64Instruction i, Value vector, int laneBits, bool signed) => B.VWiden(signed, laneBits, vector, Q(i) ? 1 : 0);

    /// <summary>SSHLL/USHLL (SXTL/UXTL with a zero shift): lanes of one half of Vn widened and shifted left.</summary>
    internal void ShiftLeftLong(A64Instruction i, bool signed)
    {
        var (laneBits, field) = ShiftImmediate(i);
        var shift = field - laneBits;
        var widened = WidenHalf(i, Vec(i.Rn), laneBits, signed);
        SetVec(i.Rd, shift == 0 ? widened : B.VShift(Opcode.VShl, laneBits * 2, widened, shift));
    }

    /// <summary>The "three different" group: UADDL, SSUBW, UMULL, SMLAL, ADDHN, UABDL…</summary>
    internal void ThreeDifferent(A64Instruction i, SimdLongOp op, bool signed)
    {
        var laneBits = SizeLaneBits(i);
        var wideBits = laneBits * 2;
        var n = Vec(i.Rn);
        var m = Vec(i.Rm);
        if (op is SimdLongOp.AddHighNarrow or SimdLongOp.RoundingAddHighNarrow or SimdLongOp.SubtractHighNarrow or SimdLongOp.RoundingSubtractHighNarrow)
        {
            var full = op is SimdLongOp.AddHighNarrow or SimdLongOp.RoundingAddHighNarrow ? B.VAdd(wideBits, n, m) : B.VSub(wideBits, n, m);
            if (op is SimdLongOp.RoundingAddHighNarrow or SimdLongOp.RoundingSubtractHighNarrow)
                full = B.VAdd(wideBits, full, SplatConst(wideBits, 1UL << (laneBits - 1)));
            SetNarrowResult(i, B.VNarrow(Opcode.VNarrow, laneBits, B.VShift(Opcode.VShrU, wideBits, full, laneBits)));
            return;
        }
        var a = op is SimdLongOp.AddWide or SimdLongOp.SubtractWide ? n : WidenHalf(i, n, laneBits, signed);
        var b = WidenHalf(i, m, laneBits, signed);
        var result = op switch
        {
            SimdLongOp.AddLong or SimdLongOp.AddWide => B.VAdd(wideBits, a, b),
            SimdLongOp.SubtractLong or SimdLongOp.SubtractWide => B.VSub(wideBits, a, b),
            SimdLongOp.AbsoluteDifferenceLong => AbsoluteDifferenceVector(wideBits, a, b, signed),
            SimdLongOp.AbsoluteDifferenceAccumulateLong => B.VAdd(wideBits, Vec(i.Rd), AbsoluteDifferenceVector(wideBits, a, b, signed)),
            SimdLongOp.MultiplyLong => B.VMul(wideBits, a, b),
            SimdLongOp.MultiplyAddLong => B.VAdd(wideBits, Vec(i.Rd), B.VMul(wideBits, a, b)),
            _ => B.VSub(wideBits, Vec(i.Rd), B.VMul(wideBits, a, b)),
        };
        SetVec(i.Rd, result);
    }

    /// <summary>The by-element operand of the integer forms: 16-bit lanes index H:L:M of v0-v15, 32-bit lanes H:L of any register.</summary>
    private static (int Register, int Index) IntegerElementPosition(A64Instruction i, int laneBits)
    {
        var index = laneBits == 16 ? (int)(i.Field(11, 11) << 2 | i.Field(21, 20)) : (int)(i.Field(11, 11) << 1 | i.Field(21, 21));
        var register = laneBits == 16 ? (int)i.Field(19, 16) : (int)i.Field(20, 16);
        return (register, index);
    }

    /// <summary>The by-element operand in every lane.</summary>
    private Value IntegerElementVector(A64Instruction i, int laneBits)
    {
        var (register, index) = IntegerElementPosition(i, laneBits);
        return DuplicateLane(Vec(register), laneBits, index);
    }

    /// <summary>MUL, MLA, MLS (by element).</summary>
    internal void IntegerByElement(A64Instruction i, SimdIntegerOp op)
    {
        var laneBits = SizeLaneBits(i);
        var product = B.VMul(laneBits, Vec(i.Rn), IntegerElementVector(i, laneBits));
        var result = op switch
        {
            SimdIntegerOp.MultiplyAdd => B.VAdd(laneBits, Vec(i.Rd), product),
            SimdIntegerOp.MultiplySubtract => B.VSub(laneBits, Vec(i.Rd), product),
            _ => product,
        };
        SetVec(i.Rd, result, Q(i));
    }

    /// <summary>SMULL, UMLAL, SMLSL… (by element): one half of Vn widened and multiplied by the element.</summary>
    internal void LongByElement(A64Instruction i, SimdLongOp op, bool signed)
    {
        var laneBits = SizeLaneBits(i);
        var wideBits = laneBits * 2;
        // Every lane holds the element, so either half widens to it.
        var element = B.VWiden(signed, laneBits, IntegerElementVector(i, laneBits), 0);
        var product = B.VMul(wideBits, WidenHalf(i, Vec(i.Rn), laneBits, signed), element);
        var result = op switch
        {
            SimdLongOp.MultiplyAddLong => B.VAdd(wideBits, Vec(i.Rd), product),
            SimdLongOp.MultiplySubtractLong => B.VSub(wideBits, Vec(i.Rd), product),
            _ => product,
        };
        SetVec(i.Rd, result);
    }

    /// <summary>
    /// SQSHL/UQSHL/SQSHLU (immediate): a left shift that saturates when a significant bit
    /// would be lost (SQSHLU takes signed lanes to the unsigned range) and sets FPSR.QC.
    /// </summary>
    internal void SaturatingShiftLeftImmediate(A64Instruction i, bool signedInput, bool signedResult, bool scalar = false)
    {
        var (laneBits, field) = ShiftImmediate(i);
        var shift = field - laneBits;
        // Lanes past the count are cleared first: zero shifts to zero without saturating.
        var x = FirstLanes(Vec(i.Rn), laneBits, Count(i, laneBits, scalar));
        var shifted = B.VShift(Opcode.VShl, laneBits, x, shift);
        Value result, saturated;
        if (signedResult)
        {
            saturated = B.VCmp(Condition.Ne, laneBits, B.VShift(Opcode.VShrS, laneBits, shifted, shift), x);
            // MAX for a non-negative lane, MIN (its inverse) for a negative one.
            var limit = B.Xor(B.VShift(Opcode.VShrS, laneBits, x, laneBits - 1), SplatConst(laneBits, ulong.MaxValue >> (65 - laneBits)));
            result = SelectBits(saturated, limit, shifted);
        }
        else
        {
            // Overflowing lanes become all ones; SQSHLU's negative lanes become zero.
            var overflow = B.VCmp(Condition.Ne, laneBits, B.VShift(Opcode.VShrU, laneBits, shifted, shift), x);
            result = B.Or(shifted, overflow);
            saturated = overflow;
            if (signedInput)
            {
                var negative = B.VCmp(Condition.LtS, laneBits, x, ZeroVector());
                result = B.And(result, B.Not(negative));
                saturated = B.Or(overflow, negative);
            }
        }
        AccrueSaturation(AnyBitSet(saturated));
        SetResult(i, result, scalar);
    }

    /// <summary>SHLL/SHLL2: lanes of one half of Vn widened and shifted left by the lane width.</summary>
    internal void ShiftLeftLongByLaneSize(A64Instruction i)
    {
        var laneBits = SizeLaneBits(i);
        SetVec(i.Rd, B.VShift(Opcode.VShl, laneBits * 2, WidenHalf(i, Vec(i.Rn), laneBits, signed: false), laneBits));
    }

    /// <summary>
    /// SQDMULH/SQRDMULH: the high half of twice the product (rounded for SQRDMULH), computed on
    /// lanes widened to twice the width, where only MIN * MIN overflows; it saturates to MAX and
    /// sets FPSR.QC. <paramref name="x"/>'s lanes past <paramref name="count"/> must be zero.
    /// </summary>
    private Value DoublingMultiplyHigh(Value x, Value y, int laneBits, int count, bool rounding)
    {
        var wideBits = laneBits * 2;
        Value HighHalvesOfProducts(int half)
        {
            var product = B.VMul(wideBits, B.VWiden(true, laneBits, x, half), B.VWiden(true, laneBits, y, half));
            var doubled = B.VShift(Opcode.VShl, wideBits, product, 1);
            if (rounding) doubled = B.VAdd(wideBits, doubled, SplatConst(wideBits, 1UL << (laneBits - 1)));
            return B.VNarrow(Opcode.VNarrow, laneBits, B.VShift(Opcode.VShrS, wideBits, doubled, laneBits));
        }
        var high = HighHalvesOfProducts(0);
        if (laneBits * count > 64)
            high = B.VShuffle(high, HighHalvesOfProducts(1), [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
        var min = SplatConst(laneBits, 1UL << (laneBits - 1));
        var saturated = B.And(B.VCmp(Condition.Eq, laneBits, x, min), B.VCmp(Condition.Eq, laneBits, y, min));
        AccrueSaturation(AnyBitSet(saturated));
        return SelectBits(saturated, B.Not(min), high);
    }

    internal void DoublingMultiplyHighInstruction(A64Instruction i, bool rounding, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var count = Count(i, laneBits, scalar);
        // Vn's lanes past the count are cleared: their products are zero and never saturate.
        var result = DoublingMultiplyHigh(FirstLanes(Vec(i.Rn), laneBits, count), Vec(i.Rm), laneBits, count, rounding);
        SetResult(i, result, scalar);
    }

    /// <summary>SQDMULH/SQRDMULH (by element).</summary>
    internal void DoublingMultiplyHighByElement(A64Instruction i, bool rounding, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var count = Count(i, laneBits, scalar);
        var result = DoublingMultiplyHigh(FirstLanes(Vec(i.Rn), laneBits, count), IntegerElementVector(i, laneBits), laneBits, count, rounding);
        SetResult(i, result, scalar);
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
        var half = Q(i) && !scalar ? 1 : 0;
        // A scalar works on lane 0: Vn's other lanes are cleared, so their products are zero.
        var n = scalar ? FirstLanes(Vec(i.Rn), laneBits, 1) : Vec(i.Rn);
        var m = byElement ? IntegerElementVector(i, laneBits) : Vec(i.Rm);
        var doubled = B.VShift(Opcode.VShl, wideBits,
            B.VMul(wideBits, B.VWiden(true, laneBits, n, half), B.VWiden(true, laneBits, m, half)), 1);
        // Only MIN * MIN doubles past the wide range, wrapping to exactly the wide MIN (no other
        // doubled product is that low); inverting its bits gives the saturated MAX.
        var saturated = B.VCmp(Condition.Eq, wideBits, doubled, SplatConst(wideBits, 1UL << (wideBits - 1)));
        var result = B.Xor(doubled, saturated);
        if (accumulate != 0)
        {
            var addend = scalar ? FirstLanes(Vec(i.Rd), wideBits, 1) : Vec(i.Rd);
            var wrapped = accumulate > 0 ? B.VAdd(wideBits, addend, result) : B.VSub(wideBits, addend, result);
            result = B.VBinary(accumulate > 0 ? Opcode.VAddSatS : Opcode.VSubSatS, wideBits, addend, result);
            saturated = B.Or(saturated, B.Xor(result, wrapped));
        }
        AccrueSaturation(AnyBitSet(saturated));
        SetVec(i.Rd, result);
    }

    /// <summary>
    /// SUQADD (signed Vd plus unsigned Vn, signed saturation) and USQADD (unsigned Vd plus
    /// signed Vn, unsigned saturation), setting FPSR.QC when they saturate.
    /// </summary>
    internal void SaturatingAccumulateMixed(A64Instruction i, bool signedAccumulator, bool scalar = false)
    {
        var laneBits = SizeLaneBits(i);
        var count = Count(i, laneBits, scalar);
        // Lanes past the count are cleared first: zero plus zero never saturates.
        var accumulator = FirstLanes(Vec(i.Rd), laneBits, count);
        var operand = FirstLanes(Vec(i.Rn), laneBits, count);
        var sum = B.VAdd(laneBits, accumulator, operand);
        Value result, saturated;
        if (signedAccumulator)
        {
            // The operand is non-negative, so only MAX can be passed: overflow when it exceeds MAX - accumulator (as unsigned).
            var max = SplatConst(laneBits, ulong.MaxValue >> (65 - laneBits));
            saturated = B.VCmp(Condition.GtU, laneBits, operand, B.VSub(laneBits, max, accumulator));
            result = SelectBits(saturated, max, sum);
        }
        else
        {
            var negative = B.VCmp(Condition.LtS, laneBits, operand, ZeroVector());
            // The unsigned sum carried out exactly when it wrapped below the accumulator.
            var carry = B.VCmp(Condition.LtU, laneBits, sum, accumulator);
            var over = B.And(B.Not(negative), carry);
            var under = B.And(negative, B.VCmp(Condition.LtU, laneBits, accumulator, B.VNeg(laneBits, operand)));
            // Over and under never meet: all ones where over, zero where under.
            result = B.And(B.Or(sum, over), B.Not(under));
            saturated = B.Or(over, under);
        }
        AccrueSaturation(AnyBitSet(saturated));
        SetResult(i, result, scalar);
    }

    /// <summary>PMUL: carry-less multiplication of bytes, keeping the low 8 bits.</summary>
    internal void PolynomialMultiply(A64Instruction i)
    {
        SetVec(i.Rd, Bitwise(Q(i), Vec(i.Rn), Vec(i.Rm), (a, b) =>
        {
            var result = ZeroVector();
            for (var bit = 0; bit < 8; bit++)
            {
                // Bytes of b with this bit set select a shifted left by it (bits leaving a byte are dropped).
                var selected = B.VCmp(Condition.Ne, 8, B.And(b, SplatConst(8, 1UL << bit)), ZeroVector());
                result = B.Xor(result, B.And(B.VShift(Opcode.VShl, 8, a, bit), selected));
            }
            return result;
        }));
    }

    /// <summary>PMULL/PMULL2 (8-bit lanes): carry-less products of one half's bytes as 16-bit lanes.</summary>
    internal void PolynomialMultiplyLong(A64Instruction i)
    {
        var a = WidenHalf(i, Vec(i.Rn), 8, signed: false);
        var b = WidenHalf(i, Vec(i.Rm), 8, signed: false);
        var product = ZeroVector();
        for (var bit = 0; bit < 8; bit++)
        {
            var selected = B.VCmp(Condition.Ne, 16, B.And(b, SplatConst(16, 1UL << bit)), ZeroVector());
            product = B.Xor(product, B.And(B.VShift(Opcode.VShl, 16, a, bit), selected));
        }
        SetVec(i.Rd, product);
    }
}
