using System.Numerics;

namespace Cross.Core.Ir;

/// <summary>
/// The meaning of the v128 operations (see <see cref="Opcode"/>), on vectors held as
/// <see cref="UInt128"/> with lane 0 in the least significant bits. The interpreter runs these;
/// the LLVM lowering must agree with them bit for bit.
/// </summary>
public static class VectorEval
{
    /// <summary>True for the lane widths the lane-wise operations accept.</summary>
    public static bool IsLaneWidth(int bits) => bits is 8 or 16 or 32 or 64;

    public static int LaneCount(int laneBits) => 128 / laneBits;

    public static IrType LaneType(int laneBits) => IrTypeExtensions.IntegerOfSize(laneBits / 8);

    public static ulong LaneMask(int laneBits) => laneBits == 64 ? ulong.MaxValue : (1UL << laneBits) - 1;

    public static ulong Lane(UInt128 vector, int index, int laneBits) => (ulong)(vector >> (index * laneBits)) & LaneMask(laneBits);

    public static long SignedLane(UInt128 vector, int index, int laneBits) => SignExtend(Lane(vector, index, laneBits), laneBits);

    public static UInt128 WithLane(UInt128 vector, int index, int laneBits, ulong value)
    {
        var shift = index * laneBits;
        var mask = (UInt128)LaneMask(laneBits) << shift;
        return (vector & ~mask) | (((UInt128)(value & LaneMask(laneBits)) << shift) & mask);
    }

    private static long SignExtend(ulong value, int bits) => bits == 64 ? (long)value : (long)(value << (64 - bits)) >> (64 - bits);

    private static long SignedMin(int bits) => bits == 64 ? long.MinValue : -(1L << (bits - 1));

    private static long SignedMax(int bits) => bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1;

    private static ulong ClampSigned(Int128 value, int bits) =>
        (ulong)(long)Int128.Clamp(value, SignedMin(bits), SignedMax(bits)) & LaneMask(bits);

    /// <summary>VAdd … VMaxU and VShlVarU/S: lane-wise operations of two vectors.</summary>
    public static UInt128 Binary(Opcode op, int laneBits, UInt128 a, UInt128 b)
    {
        UInt128 result = 0;
        for (var i = 0; i < LaneCount(laneBits); i++)
            result = WithLane(result, i, laneBits, BinaryLane(op, laneBits, Lane(a, i, laneBits), Lane(b, i, laneBits)));
        return result;
    }

    private static ulong BinaryLane(Opcode op, int laneBits, ulong x, ulong y)
    {
        var sx = SignExtend(x, laneBits);
        var sy = SignExtend(y, laneBits);
        return op switch
        {
            Opcode.VAdd => x + y,
            Opcode.VSub => x - y,
            Opcode.VMul => x * y,
            Opcode.VAddSatS => ClampSigned((Int128)sx + sy, laneBits),
            Opcode.VSubSatS => ClampSigned((Int128)sx - sy, laneBits),
            Opcode.VAddSatU => (ulong)UInt128.Min((UInt128)x + y, LaneMask(laneBits)),
            Opcode.VSubSatU => x < y ? 0 : x - y,
            Opcode.VMinS => (ulong)Math.Min(sx, sy),
            Opcode.VMaxS => (ulong)Math.Max(sx, sy),
            Opcode.VMinU => Math.Min(x, y),
            Opcode.VMaxU => Math.Max(x, y),
            Opcode.VShlVarU or Opcode.VShlVarS => ShiftBySignedAmount(x, (sbyte)y, laneBits, op == Opcode.VShlVarS),
            _ => throw new ArgumentException($"{op} is not a binary vector operation"),
        };
    }

    private static ulong ShiftBySignedAmount(ulong value, int amount, int laneBits, bool arithmetic)
    {
        if (amount >= 0) return amount >= laneBits ? 0 : value << amount;
        var right = -amount;
        if (arithmetic) return (ulong)(SignExtend(value, laneBits) >> Math.Min(right, laneBits - 1));
        return right >= laneBits ? 0 : value >> right;
    }

    /// <summary>VNeg, VAbs, VPopcount, VClz.</summary>
    public static UInt128 Unary(Opcode op, int laneBits, UInt128 a)
    {
        UInt128 result = 0;
        for (var i = 0; i < LaneCount(laneBits); i++)
            result = WithLane(result, i, laneBits, UnaryLane(op, laneBits, Lane(a, i, laneBits)));
        return result;
    }

    private static ulong UnaryLane(Opcode op, int laneBits, ulong x)
    {
        var sx = SignExtend(x, laneBits);
        return op switch
        {
            Opcode.VNeg => 0 - x,
            Opcode.VAbs => sx < 0 ? 0 - x : x,
            Opcode.VPopcount => (ulong)BitOperations.PopCount(x),
            Opcode.VClz => (ulong)(BitOperations.LeadingZeroCount(x) - (64 - laneBits)),
            _ => throw new ArgumentException($"{op} is not a unary vector operation"),
        };
    }

    public static UInt128 Compare(Condition condition, int laneBits, UInt128 a, UInt128 b)
    {
        var laneType = LaneType(laneBits);
        UInt128 result = 0;
        for (var i = 0; i < LaneCount(laneBits); i++)
            if (IrEval.Compare(condition, laneType, Lane(a, i, laneBits), Lane(b, i, laneBits)))
                result = WithLane(result, i, laneBits, ulong.MaxValue);
        return result;
    }

    /// <summary>VShl, VShrU, VShrS by an immediate 0..laneBits.</summary>
    public static UInt128 ShiftImmediate(Opcode op, int laneBits, UInt128 a, int amount)
    {
        UInt128 result = 0;
        for (var i = 0; i < LaneCount(laneBits); i++)
        {
            var x = Lane(a, i, laneBits);
            var shifted = op switch
            {
                Opcode.VShl => amount >= laneBits ? 0 : x << amount,
                Opcode.VShrU => amount >= laneBits ? 0 : x >> amount,
                Opcode.VShrS => (ulong)(SignExtend(x, laneBits) >> Math.Min(amount, laneBits - 1)),
                _ => throw new ArgumentException($"{op} is not an immediate vector shift"),
            };
            result = WithLane(result, i, laneBits, shifted);
        }
        return result;
    }

    public static UInt128 Duplicate(int laneBits, ulong value)
    {
        UInt128 result = 0;
        for (var i = 0; i < LaneCount(laneBits); i++) result = WithLane(result, i, laneBits, value);
        return result;
    }

    /// <summary>Byte i of the result is byte (pattern byte i) of A:B.</summary>
    public static UInt128 Shuffle(UInt128 a, UInt128 b, ulong patternLow, ulong patternHigh)
    {
        UInt128 result = 0;
        for (var i = 0; i < 16; i++)
        {
            var index = (int)((i < 8 ? patternLow >> (8 * i) : patternHigh >> (8 * (i - 8))) & 0xFF);
            result = WithLane(result, i, 8, index < 16 ? Lane(a, index, 8) : Lane(b, index - 16, 8));
        }
        return result;
    }

    public static UInt128 TableLookup(UInt128 table, UInt128 indices, UInt128 fallback)
    {
        UInt128 result = 0;
        for (var i = 0; i < 16; i++)
        {
            var index = Lane(indices, i, 8);
            result = WithLane(result, i, 8, index < 16 ? Lane(table, (int)index, 8) : Lane(fallback, i, 8));
        }
        return result;
    }

    /// <summary>VWidenU/S: the narrow lanes of one half of A, extended to twice their width.</summary>
    public static UInt128 Widen(Opcode op, int narrowBits, UInt128 a, int half)
    {
        var wideBits = narrowBits * 2;
        var first = half * LaneCount(wideBits);
        UInt128 result = 0;
        for (var i = 0; i < LaneCount(wideBits); i++)
        {
            var lane = op == Opcode.VWidenS ? (ulong)SignedLane(a, first + i, narrowBits) : Lane(a, first + i, narrowBits);
            result = WithLane(result, i, wideBits, lane);
        }
        return result;
    }

    /// <summary>VNarrow and its saturating forms: the wide lanes of A into the low half, high half zero.</summary>
    public static UInt128 Narrow(Opcode op, int narrowBits, UInt128 a)
    {
        var wideBits = narrowBits * 2;
        UInt128 result = 0;
        for (var i = 0; i < LaneCount(wideBits); i++)
        {
            var x = Lane(a, i, wideBits);
            var sx = SignedLane(a, i, wideBits);
            var narrow = op switch
            {
                Opcode.VNarrow => x,
                Opcode.VNarrowSatS => ClampSigned(sx, narrowBits),
                Opcode.VNarrowSatU => Math.Min(x, LaneMask(narrowBits)),
                Opcode.VNarrowSatSU => sx < 0 ? 0 : Math.Min(x, LaneMask(narrowBits)),
                _ => throw new ArgumentException($"{op} is not a vector narrowing"),
            };
            result = WithLane(result, i, narrowBits, narrow);
        }
        return result;
    }

    /// <summary>VReduce: the lanes combined into one, zero-extended to 64 bits.</summary>
    public static ulong Reduce(VectorReduction reduction, int laneBits, UInt128 a)
    {
        var result = Lane(a, 0, laneBits);
        for (var i = 1; i < LaneCount(laneBits); i++)
        {
            var x = Lane(a, i, laneBits);
            result = reduction switch
            {
                VectorReduction.Add => result + x,
                VectorReduction.MaxU => Math.Max(result, x),
                VectorReduction.MinU => Math.Min(result, x),
                VectorReduction.MaxS => (ulong)Math.Max(SignExtend(result, laneBits), SignExtend(x, laneBits)),
                VectorReduction.MinS => (ulong)Math.Min(SignExtend(result, laneBits), SignExtend(x, laneBits)),
                _ => throw new ArgumentException($"unknown reduction {reduction}"),
            } & LaneMask(laneBits);
        }
        return result;
    }
}
