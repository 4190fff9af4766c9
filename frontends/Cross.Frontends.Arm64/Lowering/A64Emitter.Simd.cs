using Cross.Core.Ir;

namespace Cross.Frontends.Arm64.Lowering;

// Vector registers and the few element-wise building blocks every Advanced SIMD lowering goes
// through. They work lane by lane with VExtract/VInsert (or on the two 64-bit halves for bitwise
// operations); when the IR gains real vector operations, these helpers are the place to switch.
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

    /// <summary>A vector whose first lanes are <paramref name="lanes"/> and whose remaining bits are zero.</summary>
    internal Value FromLanes(IReadOnlyList<Value> lanes)
    {
        var result = ZeroVector();
        for (var index = 0; index < lanes.Count; index++) result = B.VInsert(result, lanes[index], index);
        return result;
    }

    /// <summary>Lanes in a vector of 64 (Q=0) or 128 bits.</summary>
    internal static int LaneCount(bool q, int laneBits) => (q ? 128 : 64) / laneBits;

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

    /// <summary>A bitwise op on the 64-bit halves; the high half is zero when <paramref name="q"/> is false.</summary>
    internal Value Halves(bool q, Value a, Value b, Func<Value, Value, Value> op) =>
        LaneWise(64, q ? 2 : 1, a, b, op);

    /// <summary>
    /// A constant permutation of lanes: result lane i is lane <c>indices[i]</c> of a:b (0..n-1 from
    /// <paramref name="a"/>, n..2n-1 from <paramref name="b"/>, n = lanes in 128 bits), or zero
    /// for a negative index. Lanes past indices.Length are zero.
    /// </summary>
    internal Value Shuffle(int laneBits, Value a, Value b, IReadOnlyList<int> indices)
    {
        var perVector = 128 / laneBits;
        var lanes = new Value[indices.Count];
        for (var index = 0; index < indices.Count; index++)
        {
            var from = indices[index];
            lanes[index] = from < 0 ? B.Const(LaneType(laneBits), 0)
                : from < perVector ? Lane(a, laneBits, from) : Lane(b, laneBits, from - perVector);
        }
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
    /// Like <see cref="LaneWise(int, int, Value, Value, Func{Value, Value, Value})"/> for saturating
    /// operations: op returns the lane and an i1 saying it saturated; any saturation sets FPSR.QC.
    /// </summary>
    internal Value LaneWiseSaturating(int laneBits, int count, Value a, Value b, Func<Value, Value, (Value Lane, Value Saturated)> op)
    {
        var lanes = new Value[count];
        Value? saturated = null;
        for (var index = 0; index < count; index++)
        {
            var (lane, laneSaturated) = op(Lane(a, laneBits, index), Lane(b, laneBits, index));
            lanes[index] = lane;
            saturated = saturated is { } earlier ? B.Or(earlier, laneSaturated) : laneSaturated;
        }
        if (saturated is { } any) AccrueSaturation(any);
        return FromLanes(lanes);
    }

    /// <summary>
    /// op on adjacent lane pairs of the concatenation a:b (a's lanes first), as the pairwise
    /// instructions (ADDP, UMAXP…) read them; <paramref name="count"/> result lanes.
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
