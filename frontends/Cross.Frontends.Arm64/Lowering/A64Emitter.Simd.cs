using Cross.Core.Ir;

namespace Cross.Frontends.Arm64.Lowering;

// Vector registers and the element-wise building blocks every Advanced SIMD lowering goes
// through. Integer, bitwise and permute operations map to the IR's v128 operations (VAdd, VCmp,
// VShuffle, VReduce…) through the whole-vector helpers, with FPSR.QC derived from vector compares
// of the saturating result against an exact one. The lane helpers (LaneWise, Pairwise, Reduce,
// FromLanes) build a result lane by lane with VExtract/VInsert; they remain for floating point,
// whose IR operations are scalar so that every lane gets FPCR's rounding, FZ/DN and its FPSR
// exceptions exactly.
public sealed partial class A64Emitter
{
    /// <summary>Vector register <paramref name="n"/> as v128.</summary>
    internal Value Vec(int n) => B.GetReg(IrType.V128, Arm64State.Vector(n));

    /// <summary>
    /// Writes a vector result. A 64-bit (Q=0) result clears bits [127:64], as every Advanced
    /// SIMD write of a D-sized vector does.
    /// </summary>
    internal void SetVec(int n, Value value, bool q = true) =>
        B.SetReg(Arm64State.Vector(n), q ? value : B.VInsert(value, B.Const64(0), 1));

    internal Value ZeroVector() => B.Const(IrType.V128, 0, 0);

    /// <summary>The integer type of a lane of <paramref name="laneBits"/> bits.</summary>
    internal static IrType LaneType(int laneBits) => IrTypeExtensions.IntegerOfSize(laneBits / 8);

    /// <summary>Lane <paramref name="index"/> of a vector, as an integer of the lane width.</summary>
    internal Value Lane(Value vector, int laneBits, int index) => B.VExtract(LaneType(laneBits), vector, index);

    /// <summary>The vector with lane <paramref name="index"/> replaced (the lane's type gives its width).</summary>
    internal Value WithLane(Value vector, Value lane, int index) => B.VInsert(vector, lane, index);

    /// <summary>A vector whose first lanes are <paramref name="lanes"/> (computed scalars) and whose remaining bits are zero.</summary>
    internal Value FromLanes(IReadOnlyList<Value> lanes)
    {
        var result = ZeroVector();
        for (var index = 0; index < lanes.Count; index++) result = B.VInsert(result, lanes[index], index);
        return result;
    }

    /// <summary>Lanes in a vector of 64 (Q=0) or 128 bits.</summary>
    internal static int LaneCount(bool q, int laneBits) => (q ? 128 : 64) / laneBits;

    // ---- Whole-vector helpers ----------------------------------------------------------

    /// <summary>A v128 constant with every lane of <paramref name="laneBits"/> holding <paramref name="value"/>.</summary>
    internal Value SplatConst(int laneBits, ulong value)
    {
        var pattern = 0UL;
        var lane = laneBits == 64 ? value : value & ((1UL << laneBits) - 1);
        for (var shift = 0; shift < 64; shift += laneBits) pattern |= lane << shift;
        return B.Const(IrType.V128, pattern, pattern);
    }

    /// <summary>The first <paramref name="count"/> lanes of a vector, the rest cleared (nothing to do when they fill 128 bits).</summary>
    internal Value FirstLanes(Value vector, int laneBits, int count)
    {
        var bits = laneBits * count;
        if (bits >= 128) return vector;
        var low = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        return B.And(vector, B.Const(IrType.V128, low, 0));
    }

    /// <summary>An i1 that is true when any bit of the vector is set.</summary>
    internal Value AnyBitSet(Value vector) =>
        B.Cmp(Condition.Ne, B.Bitcast(IrType.I128, vector), B.Const(IrType.I128, 0));

    /// <summary>Sets FPSR.QC when the saturating result differs from the exact (wrapping or widened-back) one in any bit.</summary>
    internal void AccrueSaturationWhereDifferent(Value saturated, Value exact) =>
        AccrueSaturation(AnyBitSet(B.Xor(saturated, exact)));

    /// <summary>
    /// An operation on whole vectors that keeps every result bit within its 64-bit half (the
    /// bitwise ones, PMUL), for the 64- and 128-bit forms alike: the high half of the result is
    /// cleared when <paramref name="q"/> is false.
    /// </summary>
    internal Value Bitwise(bool q, Value a, Value b, Func<Value, Value, Value> op) => FirstLanes(op(a, b), 64, q ? 2 : 1);

    /// <summary>The 16-byte VShuffle pattern that moves lane <c>indices[i]</c> of a:b to lane i (byte 0 where the index is negative or missing).</summary>
    private static byte[] ShufflePattern(int laneBits, IReadOnlyList<int> indices)
    {
        var laneBytes = laneBits / 8;
        var pattern = new byte[16];
        for (var lane = 0; lane < Math.Min(indices.Count, 16 / laneBytes); lane++)
        {
            if (indices[lane] < 0) continue;
            for (var offset = 0; offset < laneBytes; offset++) pattern[lane * laneBytes + offset] = (byte)(indices[lane] * laneBytes + offset);
        }
        return pattern;
    }

    /// <summary>
    /// A constant permutation of lanes: result lane i is lane <c>indices[i]</c> of a:b (0..n-1 from
    /// <paramref name="a"/>, n..2n-1 from <paramref name="b"/>, n = lanes in 128 bits), or zero
    /// for a negative index. Lanes past indices.Length are zero. One VShuffle, plus a mask when
    /// some lanes must be zero.
    /// </summary>
    internal Value Shuffle(int laneBits, Value a, Value b, IReadOnlyList<int> indices)
    {
        var shuffled = B.VShuffle(a, b, ShufflePattern(laneBits, indices));
        UInt128 keep = 0;
        for (var lane = 0; lane < 128 / laneBits; lane++)
            if (lane < indices.Count && indices[lane] >= 0) keep |= (UInt128)(laneBits == 64 ? ulong.MaxValue : (1UL << laneBits) - 1) << (lane * laneBits);
        return keep == UInt128.MaxValue ? shuffled : B.And(shuffled, B.Const(IrType.V128, (ulong)keep, (ulong)(keep >> 64)));
    }

    /// <summary>Lane <paramref name="index"/> of a vector in every lane (whole vector; the caller's SetVec clears a Q=0 high half).</summary>
    internal Value DuplicateLane(Value vector, int laneBits, int index)
    {
        var indices = new int[128 / laneBits];
        Array.Fill(indices, index);
        return B.VShuffle(vector, vector, ShufflePattern(laneBits, indices));
    }

    /// <summary>
    /// VReduce over the first <paramref name="count"/> lanes (64 or 128 bits of them): for a
    /// 64-bit vector the high half becomes a neutral element, zero for a sum and a copy of the
    /// low half for a minimum or maximum.
    /// </summary>
    internal Value ReduceLanes(VectorReduction reduction, int laneBits, int count, Value vector)
    {
        if (laneBits * count == 64)
            vector = reduction == VectorReduction.Add
                ? FirstLanes(vector, 64, 1)
                : B.VShuffle(vector, vector, [0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7]);
        return B.VReduce(reduction, laneBits, vector);
    }

    /// <summary>
    /// A lane-wise vector operation on adjacent lane pairs of the concatenation a:b (a's lanes
    /// first), as the pairwise instructions (ADDP, UMAXP…) read them: the even and the odd lanes
    /// are shuffled into two vectors and combined by <paramref name="op"/>. <paramref name="count"/>
    /// result lanes, the rest zero as long as op maps two zero lanes to zero.
    /// </summary>
    internal Value PairwiseVector(int laneBits, int count, Value a, Value b, Func<Value, Value, Value> op)
    {
        var perVector = 128 / laneBits;
        var evens = new int[count];
        var odds = new int[count];
        for (var index = 0; index < count; index++)
        {
            var fromB = index >= count / 2;
            var first = 2 * (index % (count / 2)) + (fromB ? perVector : 0);
            evens[index] = first;
            odds[index] = first + 1;
        }
        return op(Shuffle(laneBits, a, b, evens), Shuffle(laneBits, a, b, odds));
    }

    // ---- Lane-by-lane helpers ----------------------------------------------------------

    /// <summary>op applied to each pair of lanes; lanes past <paramref name="count"/> are zero.</summary>
    internal Value LaneWise(int laneBits, int count, Value a, Value b, Func<Value, Value, Value> op)
    {
        var lanes = new Value[count];
        for (var index = 0; index < count; index++) lanes[index] = op(Lane(a, laneBits, index), Lane(b, laneBits, index));
        return FromLanes(lanes);
    }

    /// <summary>op applied to each lane; lanes past <paramref name="count"/> are zero.</summary>
    internal Value LaneWise(int laneBits, int count, Value a, Func<Value, Value> op)
    {
        var lanes = new Value[count];
        for (var index = 0; index < count; index++) lanes[index] = op(Lane(a, laneBits, index));
        return FromLanes(lanes);
    }

    /// <summary>op on lanes of three vectors (accumulating forms read the destination).</summary>
    internal Value LaneWise(int laneBits, int count, Value a, Value b, Value c, Func<Value, Value, Value, Value> op)
    {
        var lanes = new Value[count];
        for (var index = 0; index < count; index++)
            lanes[index] = op(Lane(a, laneBits, index), Lane(b, laneBits, index), Lane(c, laneBits, index));
        return FromLanes(lanes);
    }

    /// <summary>The lanes of a vector reduced with op, left to right pairwise like the hardware's tree (same result for associative ops).</summary>
    internal Value Reduce(int laneBits, int count, Value vector, Func<Value, Value, Value> op)
    {
        var values = new List<Value>(count);
        for (var index = 0; index < count; index++) values.Add(Lane(vector, laneBits, index));
        while (values.Count > 1)
        {
            var next = new List<Value>(values.Count / 2);
            for (var index = 0; index < values.Count; index += 2) next.Add(op(values[index], values[index + 1]));
            values = next;
        }
        return values[0];
    }

    /// <summary>
    /// op on adjacent lane pairs of the concatenation a:b (a's lanes first), as the pairwise
    /// instructions (FADDP, FMAXP…) read them; <paramref name="count"/> result lanes.
    /// </summary>
    internal Value Pairwise(int laneBits, int count, Value a, Value b, Func<Value, Value, Value> op)
    {
        var lanes = new Value[count];
        for (var index = 0; index < count; index++)
        {
            var source = index < count / 2 ? a : b;
            var first = 2 * (index % (count / 2));
            lanes[index] = op(Lane(source, laneBits, first), Lane(source, laneBits, first + 1));
        }
        return FromLanes(lanes);
    }

    /// <summary>Sets FPSR.QC when <paramref name="saturated"/> (i1) is true; it is never cleared here.</summary>
    internal void AccrueSaturation(Value saturated)
    {
        var current = B.GetReg(IrType.I8, Arm64State.FpsrSaturation);
        B.SetReg(Arm64State.FpsrSaturation, B.Or(current, B.ZeroExtend(IrType.I8, saturated)));
    }

    /// <summary>An all-ones lane when the i1 holds, else zero (the compare results).</summary>
    internal Value LaneMask(Value condition, int laneBits) =>
        B.Select(condition, B.Const(LaneType(laneBits), ulong.MaxValue), B.Const(LaneType(laneBits), 0));

    internal Value LaneConst(int laneBits, ulong value) => B.Const(LaneType(laneBits), value);
}
