using System.Numerics;

namespace Cross.Core.Ir;

/// <summary>
/// The meaning of the pure integer operations, on values held zero-extended in 64-bit slots
/// (or <see cref="UInt128"/> for i128). Constant folding and the interpreter both call this, so
/// the two can never disagree.
/// </summary>
public static class IrEval
{
    public static long SignExtend(ulong value, IrType type) => type.Bits() switch
    {
        1 => -(long)(value & 1),
        8 => (sbyte)value,
        16 => (short)value,
        32 => (int)value,
        _ => (long)value,
    };

    public static bool IsPureIntegerBinary(Opcode op) => op is >= Opcode.Add and <= Opcode.RotR and not Opcode.Not and not Opcode.Neg;

    public static ulong Unary(Opcode op, IrType type, ulong a)
    {
        var bits = type.Bits();
        var mask = type.Mask();
        ulong result = op switch
        {
            Opcode.Not => ~a,
            Opcode.Neg => 0 - a,
            Opcode.Clz => (ulong)(BitOperations.LeadingZeroCount(a & mask) - (64 - bits)),
            Opcode.Ctz => (a & mask) == 0 ? (ulong)bits : (ulong)BitOperations.TrailingZeroCount(a),
            Opcode.Popcount => (ulong)BitOperations.PopCount(a & mask),
            Opcode.ByteSwap => bits switch
            {
                16 => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ushort)a),
                32 => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)a),
                64 => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a),
                _ => a,
            },
            _ => throw new ArgumentException($"{op} is not a unary integer operation"),
        };
        return result & mask;
    }

    public static ulong Binary(Opcode op, IrType type, ulong a, ulong b)
    {
        var bits = type.Bits();
        var mask = type.Mask();
        a &= mask;
        b &= mask;
        var sa = SignExtend(a, type);
        var sb = SignExtend(b, type);
        var shift = (int)(b & (ulong)(bits - 1));
        ulong result = op switch
        {
            Opcode.Add => a + b,
            Opcode.Sub => a - b,
            Opcode.Mul => a * b,
            Opcode.MulHighS => bits == 64 ? (ulong)Math.BigMul(sa, sb, out _) : (ulong)((sa * sb) >> bits),
            Opcode.MulHighU => bits == 64 ? Math.BigMul(a, b, out _) : (a * b) >> bits,
            Opcode.MulHighSU => MulHighSignedUnsigned(sa, a, b, bits),
            Opcode.DivS => b == 0 ? 0 : (sb == -1 ? (ulong)(-sa) : (ulong)(sa / sb)),
            Opcode.DivU => b == 0 ? 0 : a / b,
            Opcode.RemS => b == 0 ? a : (sb == -1 ? 0 : (ulong)(sa % sb)),
            Opcode.RemU => b == 0 ? a : a % b,
            Opcode.And => a & b,
            Opcode.Or => a | b,
            Opcode.Xor => a ^ b,
            Opcode.Shl => a << shift,
            Opcode.ShrU => a >> shift,
            Opcode.ShrS => (ulong)(sa >> shift),
            Opcode.RotL => shift == 0 ? a : (a << shift) | (a >> (bits - shift)),
            Opcode.RotR => shift == 0 ? a : (a >> shift) | (a << (bits - shift)),
            _ => throw new ArgumentException($"{op} is not a binary integer operation"),
        };
        return result & mask;
    }

    private static ulong MulHighSignedUnsigned(long signedA, ulong a, ulong b, int bits)
    {
        if (bits < 64) return (ulong)((Int128)signedA * b >> bits);
        var product = (Int128)signedA * (Int128)(UInt128)b;
        return (ulong)(product >> 64);
    }

    public static bool Compare(Condition condition, IrType type, ulong a, ulong b)
    {
        var mask = type.Mask();
        a &= mask;
        b &= mask;
        var sa = SignExtend(a, type);
        var sb = SignExtend(b, type);
        return condition switch
        {
            Condition.Eq => a == b,
            Condition.Ne => a != b,
            Condition.LtS => sa < sb,
            Condition.LeS => sa <= sb,
            Condition.GtS => sa > sb,
            Condition.GeS => sa >= sb,
            Condition.LtU => a < b,
            Condition.LeU => a <= b,
            Condition.GtU => a > b,
            Condition.GeU => a >= b,
            _ => throw new ArgumentException($"unknown condition {condition}"),
        };
    }

    public static ulong Convert(Opcode op, IrType from, IrType to, ulong a) => op switch
    {
        Opcode.ZeroExtend => a & from.Mask(),
        Opcode.SignExtend => (ulong)SignExtend(a, from) & to.Mask(),
        Opcode.Truncate => a & to.Mask(),
        Opcode.Bitcast => a & to.Mask(),
        _ => throw new ArgumentException($"{op} is not a conversion"),
    };

    public static ulong AddWithCarry(IrType type, ulong a, ulong b, ulong carry) => (a + b + (carry & 1)) & type.Mask();

    public static bool CarryOut(IrType type, ulong a, ulong b, ulong carry)
    {
        var mask = type.Mask();
        a &= mask;
        b &= mask;
        carry &= 1;
        if (type.Bits() == 64)
        {
            var sum = a + b;
            var c1 = sum < a;
            var sum2 = sum + carry;
            return c1 || sum2 < sum;
        }
        return ((a + b + carry) >> type.Bits()) != 0;
    }

    public static bool OverflowOut(IrType type, ulong a, ulong b, ulong carry)
    {
        var result = (a + b + (carry & 1)) & type.Mask();
        var signBit = 1UL << (type.Bits() - 1);
        return ((~(a ^ b) & (a ^ result)) & signBit) != 0;
    }

    // 128-bit integer forms.
    public static UInt128 Binary128(Opcode op, UInt128 a, UInt128 b)
    {
        var shift = (int)(b & 127);
        return op switch
        {
            Opcode.Add => a + b,
            Opcode.Sub => a - b,
            Opcode.Mul => a * b,
            Opcode.And => a & b,
            Opcode.Or => a | b,
            Opcode.Xor => a ^ b,
            Opcode.Shl => a << shift,
            Opcode.ShrU => a >> shift,
            Opcode.ShrS => (UInt128)((Int128)a >> shift),
            Opcode.RotL => UInt128.RotateLeft(a, shift),
            Opcode.RotR => UInt128.RotateRight(a, shift),
            Opcode.DivU => b == 0 ? 0 : a / b,
            Opcode.RemU => b == 0 ? a : a % b,
            Opcode.DivS => b == 0 ? 0 : ((Int128)b == -1 ? (UInt128)(-(Int128)a) : (UInt128)((Int128)a / (Int128)b)),
            Opcode.RemS => b == 0 ? a : ((Int128)b == -1 ? 0 : (UInt128)((Int128)a % (Int128)b)),
            _ => throw new ArgumentException($"{op} is not supported on i128"),
        };
    }

    public static bool Compare128(Condition condition, UInt128 a, UInt128 b) => condition switch
    {
        Condition.Eq => a == b,
        Condition.Ne => a != b,
        Condition.LtS => (Int128)a < (Int128)b,
        Condition.LeS => (Int128)a <= (Int128)b,
        Condition.GtS => (Int128)a > (Int128)b,
        Condition.GeS => (Int128)a >= (Int128)b,
        Condition.LtU => a < b,
        Condition.LeU => a <= b,
        Condition.GtU => a > b,
        Condition.GeU => a >= b,
        _ => throw new ArgumentException($"unknown condition {condition}"),
    };
}
