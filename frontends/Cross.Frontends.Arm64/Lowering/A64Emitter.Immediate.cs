using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

// Data processing with immediates.
public sealed partial class A64Emitter
{
    internal void PcRelativeAddress(A64Instruction i, bool page)
    {
        var immediate = i.SignedField(23, 5) << 2 | (long)i.Field(30, 29);
        var address = page ? (Pc & ~0xFFFUL) + (ulong)(immediate << 12) : Pc + (ulong)immediate;
        SetX(i.Rd, B.Const64(address));
    }

    internal void AddSubImmediate(A64Instruction i)
    {
        var is64 = i.Is64;
        var subtract = i.Bit(30);
        var setFlags = i.Bit(29);
        var immediate = (ulong)i.Field(21, 10) << (i.Bit(22) ? 12 : 0);
        var operand1 = RegOrSp(is64, i.Rn);
        var result = subtract
            ? SubtractWithFlags(operand1, Const(is64, immediate), Const(is64, ~immediate), setFlags)
            : AddWithFlags(operand1, Const(is64, immediate), B.False(), setFlags);
        if (setFlags) SetReg(is64, i.Rd, result);
        else SetRegOrSp(is64, i.Rd, result);
    }

    internal void LogicalImmediate(A64Instruction i)
    {
        var is64 = i.Is64;
        var immediate = BitMasks.LogicalImmediate(i.Bit(22), i.Field(15, 10), i.Field(21, 16), is64 ? 64 : 32)!.Value;
        var operand = Reg(is64, i.Rn);
        var constant = Const(is64, immediate);
        var opc = i.Field(30, 29);
        var result = opc switch
        {
            0 or 3 => B.And(operand, constant),
            1 => B.Or(operand, constant),
            _ => B.Xor(operand, constant),
        };
        if (opc == 3)
        {
            SetLogicalFlags(result);
            SetReg(is64, i.Rd, result);
        }
        else SetRegOrSp(is64, i.Rd, result);
    }

    internal void MoveWide(A64Instruction i)
    {
        var is64 = i.Is64;
        var shift = (int)i.Field(22, 21) * 16;
        var immediate = (ulong)i.Field(20, 5) << shift;
        switch (i.Field(30, 29))
        {
            case 0: // MOVN
                SetReg(is64, i.Rd, Const(is64, ~immediate));
                break;
            case 2: // MOVZ
                SetReg(is64, i.Rd, Const(is64, immediate));
                break;
            default: // MOVK
                var kept = B.And(Reg(is64, i.Rd), Const(is64, ~(0xFFFFUL << shift)));
                SetReg(is64, i.Rd, B.Or(kept, Const(is64, immediate)));
                break;
        }
    }

    internal void Bitfield(A64Instruction i)
    {
        var is64 = i.Is64;
        var size = is64 ? 64 : 32;
        var imms = i.Field(15, 10);
        var immr = i.Field(21, 16);
        BitMasks.TryDecode(i.Bit(22), imms, immr, logicalImmediate: false, size, out var wmask, out var tmask);
        var source = Reg(is64, i.Rn);
        var rotated = immr == 0 ? source : B.RotR(source, Const(is64, immr));
        Value result;
        switch (i.Field(30, 29))
        {
            case 0: // SBFM: bits above the field copy its top bit (source bit imms).
            {
                var bottom = B.And(rotated, Const(is64, wmask));
                var topBit = B.ShrS(B.Shl(source, Const(is64, (ulong)(size - 1 - (int)imms))), Const(is64, (ulong)(size - 1)));
                result = B.Or(B.And(topBit, Const(is64, ~tmask)), B.And(bottom, Const(is64, tmask)));
                break;
            }
            case 1: // BFM: inserts into the destination's bits.
            {
                var destination = Reg(is64, i.Rd);
                var bottom = B.Or(B.And(destination, Const(is64, ~wmask)), B.And(rotated, Const(is64, wmask)));
                result = B.Or(B.And(destination, Const(is64, ~tmask)), B.And(bottom, Const(is64, tmask)));
                break;
            }
            default: // UBFM
                result = B.And(rotated, Const(is64, wmask & tmask));
                break;
        }
        SetReg(is64, i.Rd, result);
    }

    internal void Extract(A64Instruction i)
    {
        var is64 = i.Is64;
        var lsb = (int)i.Field(15, 10);
        var high = Reg(is64, i.Rn);
        var low = Reg(is64, i.Rm);
        if (lsb == 0)
        {
            SetReg(is64, i.Rd, low);
            return;
        }
        var size = is64 ? 64 : 32;
        var result = B.Or(B.ShrU(low, Const(is64, (ulong)lsb)), B.Shl(high, Const(is64, (ulong)(size - lsb))));
        SetReg(is64, i.Rd, result);
    }
}
