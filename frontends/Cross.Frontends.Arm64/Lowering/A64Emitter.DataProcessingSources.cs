using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

// Data processing with 1, 2 and 3 register sources: bit and byte reversal, leading-bit counts,
// division, variable shifts, CRC32 and multiply(-accumulate). All registers are XZR for 31.
public sealed partial class A64Emitter
{
    /// <summary>RBIT, REV16, REV32, REV, CLZ, CLS by opcode [15:10] (the row admits 0-5 only).</summary>
    internal void DataProcessingOneSource(A64Instruction i)
    {
        var is64 = i.Is64;
        var value = Reg(is64, i.Rn);
        var result = i.Field(15, 10) switch
        {
            0 => ReverseBits(is64, value),
            1 => SwapAdjacent(is64, value, 8, 0x00FF_00FF_00FF_00FFUL),
            // Opcode 2 is REV for W registers and REV32 for X registers: a full byte swap puts
            // the words in the opposite order too, which the rotation undoes.
            2 => is64 ? B.RotR(B.ByteSwap(value), B.Const64(32)) : B.ByteSwap(value),
            3 => B.ByteSwap(value),
            4 => B.Clz(value),
            // CLS counts the bits below the top one that equal it: the leading zeros of x XOR (x << 1),
            // with bit 0 forced on so that 0 and -1 give width - 1.
            _ => B.Clz(B.Or(B.Xor(value, B.Shl(value, Const(is64, 1))), Const(is64, 1))),
        };
        SetReg(is64, i.Rd, result);
    }

    /// <summary>Reverses the bit order: swaps bits, pairs and nibbles inside each byte, then the bytes.</summary>
    private Value ReverseBits(bool is64, Value value)
    {
        value = SwapAdjacent(is64, value, 1, 0x5555_5555_5555_5555UL);
        value = SwapAdjacent(is64, value, 2, 0x3333_3333_3333_3333UL);
        value = SwapAdjacent(is64, value, 4, 0x0F0F_0F0F_0F0F_0F0FUL);
        return B.ByteSwap(value);
    }

    /// <summary>Swaps each group of <paramref name="distance"/> bits selected by <paramref name="lowMask"/> with the group above it.</summary>
    private Value SwapAdjacent(bool is64, Value value, int distance, ulong lowMask)
    {
        var mask = Const(is64, lowMask);
        var count = Const(is64, (ulong)distance);
        return B.Or(B.And(B.ShrU(value, count), mask), B.Shl(B.And(value, mask), count));
    }

    /// <summary>
    /// UDIV, SDIV, LSLV, LSRV, ASRV, RORV. The IR's division already gives what A64 defines
    /// (x / 0 = 0, MIN / -1 = MIN) and its shifts take the amount modulo the width, as A64 does.
    /// </summary>
    internal void DataProcessingTwoSource(A64Instruction i)
    {
        var is64 = i.Is64;
        var operand1 = Reg(is64, i.Rn);
        var operand2 = Reg(is64, i.Rm);
        var result = i.Field(15, 10) switch
        {
            2 => B.DivU(operand1, operand2),
            3 => B.DivS(operand1, operand2),
            8 => B.Shl(operand1, operand2),
            9 => B.ShrU(operand1, operand2),
            10 => B.ShrS(operand1, operand2),
            _ => B.RotR(operand1, operand2),
        };
        SetReg(is64, i.Rd, result);
    }

    /// <summary>CRC32B/H/W/X and CRC32CB/H/W/X: accumulates the low 8 &lt;&lt; sz [11:10] bits of Rm into Wn (C [12] picks CRC-32C).</summary>
    internal void Crc32(A64Instruction i)
    {
        var bits = 8 << (int)i.Field(11, 10);
        var helper = i.Bit(12) ? A64CrcHelpers.Crc32C : A64CrcHelpers.Crc32;
        var result = B.Call(helper, W(i.Rn), X(i.Rm), B.Const32((uint)bits));
        SetReg(is64: false, i.Rd, result);
    }

    /// <summary>MADD, MSUB, SMADDL, SMSUBL, UMADDL, UMSUBL, SMULH, UMULH by op31 [23:21] and o0 [15].</summary>
    internal void DataProcessingThreeSource(A64Instruction i)
    {
        var is64 = i.Is64;
        var subtract = i.Bit(15);
        Value product;
        switch (i.Field(23, 21))
        {
            case 0:
                product = B.Mul(Reg(is64, i.Rn), Reg(is64, i.Rm));
                break;
            case 1:
                product = B.Mul(B.SignExtend(IrType.I64, W(i.Rn)), B.SignExtend(IrType.I64, W(i.Rm)));
                break;
            case 5:
                product = B.Mul(B.ZeroExtend(IrType.I64, W(i.Rn)), B.ZeroExtend(IrType.I64, W(i.Rm)));
                break;
            case 2:
                SetX(i.Rd, B.MulHighS(X(i.Rn), X(i.Rm)));
                return;
            default:
                SetX(i.Rd, B.MulHighU(X(i.Rn), X(i.Rm)));
                return;
        }
        var addend = Reg(is64, i.Ra);
        SetReg(is64, i.Rd, subtract ? B.Sub(addend, product) : B.Add(addend, product));
    }
}
