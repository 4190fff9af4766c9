using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

// Data processing with registers: logical and add/sub on shifted or extended registers,
// add/sub with carry, conditional compare and conditional select. Register 31 is XZR except
// where the extended-register add/sub forms name SP.
public sealed partial class A64Emitter
{
    /// <summary>
    /// Rm shifted by imm6 as the shift field [23:22] says (LSL, LSR, ASR, ROR), at the operation width.
    /// The encoding rows guarantee imm6 is below the width.
    /// </summary>
    private Value ShiftedRegister(A64Instruction i)
    {
        var is64 = i.Is64;
        var value = Reg(is64, i.Rm);
        var amount = i.Field(15, 10);
        if (amount == 0) return value;
        var count = Const(is64, amount);
        return i.Field(23, 22) switch
        {
            0 => B.Shl(value, count),
            1 => B.ShrU(value, count),
            2 => B.ShrS(value, count),
            _ => B.RotR(value, count),
        };
    }

    internal void LogicalShiftedRegister(A64Instruction i)
    {
        var is64 = i.Is64;
        var operand2 = ShiftedRegister(i);
        if (i.Bit(21)) operand2 = B.Not(operand2); // N: BIC, ORN, EON, BICS
        var operand1 = Reg(is64, i.Rn);
        var opc = i.Field(30, 29);
        var result = opc switch
        {
            0 or 3 => B.And(operand1, operand2),
            1 => B.Or(operand1, operand2),
            _ => B.Xor(operand1, operand2),
        };
        if (opc == 3) SetLogicalFlags(result);
        SetReg(is64, i.Rd, result);
    }

    /// <summary>ADD, ADDS, SUB, SUBS (and CMP, CMN, NEG, NEGS) with a shifted Rm; Rn and Rd are XZR for 31.</summary>
    internal void AddSubShiftedRegister(A64Instruction i)
    {
        var result = AddOrSubtract(i, Reg(i.Is64, i.Rn), ShiftedRegister(i));
        SetReg(i.Is64, i.Rd, result);
    }

    /// <summary>
    /// ADD, ADDS, SUB, SUBS with Rm extended (UXTB…SXTX) and shifted left by 0-4. Rn is SP for
    /// 31, and so is Rd unless the flags are set (then it is XZR, as in CMP/CMN).
    /// </summary>
    internal void AddSubExtendedRegister(A64Instruction i)
    {
        var is64 = i.Is64;
        var operand2 = ExtendedRegister(is64, i.Rm, i.Field(15, 13), (int)i.Field(12, 10));
        var result = AddOrSubtract(i, RegOrSp(is64, i.Rn), operand2);
        if (i.Bit(29)) SetReg(is64, i.Rd, result);
        else SetRegOrSp(is64, i.Rd, result);
    }

    /// <summary>
    /// The Arm ARM's ExtendReg: the low 8/16/32/64 bits of Rm (option [1:0]) zero- or sign-extended
    /// (option [2]) to the operation width, then shifted left.
    /// </summary>
    private Value ExtendedRegister(bool is64, int rm, uint option, int shift)
    {
        var width = WidthType(is64);
        var sourceType = (option & 3) switch
        {
            0 => IrType.I8,
            1 => IrType.I16,
            2 => IrType.I32,
            _ => IrType.I64,
        };
        var source = B.Truncate(sourceType, X(rm));
        Value extended;
        if (sourceType.Bits() >= width.Bits()) extended = B.Truncate(width, source);
        else extended = (option & 4) != 0 ? B.SignExtend(width, source) : B.ZeroExtend(width, source);
        return shift == 0 ? extended : B.Shl(extended, Const(is64, (ulong)shift));
    }

    /// <summary>Rn + operand2, or Rn - operand2 when op [30] is set, setting NZCV when S [29] is.</summary>
    private Value AddOrSubtract(A64Instruction i, Value operand1, Value operand2)
    {
        var setFlags = i.Bit(29);
        return i.Bit(30)
            ? SubtractWithFlags(operand1, operand2, B.Not(operand2), setFlags)
            : AddWithFlags(operand1, operand2, B.False(), setFlags);
    }

    /// <summary>ADC, ADCS, SBC, SBCS (NGC, NGCS): Rn + Rm (or NOT Rm) + C.</summary>
    internal void AddSubWithCarry(A64Instruction i)
    {
        var is64 = i.Is64;
        var operand2 = Reg(is64, i.Rm);
        if (i.Bit(30)) operand2 = B.Not(operand2);
        var result = AddWithFlags(Reg(is64, i.Rn), operand2, FlagC(), setFlags: i.Bit(29));
        SetReg(is64, i.Rd, result);
    }

    /// <summary>
    /// CCMP/CCMN: when the condition holds, NZCV comes from Rn - operand (CCMP, op [30] = 1) or
    /// Rn + operand (CCMN); otherwise it is the immediate nzcv [3:0]. The operand is Rm or imm5.
    /// </summary>
    internal void ConditionalCompare(A64Instruction i, bool immediate)
    {
        var is64 = i.Is64;
        var condition = ConditionHolds(i.Field(15, 12));
        var operand1 = Reg(is64, i.Rn);
        var operand2 = immediate ? Const(is64, i.Field(20, 16)) : Reg(is64, i.Rm);
        Value n, z, c, v;
        if (i.Bit(30)) (n, z, c, v) = SubtractionFlags(operand1, operand2, B.Sub(operand1, operand2));
        else
        {
            var sum = B.Add(operand1, operand2);
            var zero = Const(is64, 0);
            (n, z, c, v) = (B.Cmp(Condition.LtS, sum, zero), B.Cmp(Condition.Eq, sum, zero),
                            B.CarryOut(operand1, operand2), B.OverflowOut(operand1, operand2));
        }
        var nzcv = i.Field(3, 0);
        Value Pick(Value computed, int bit) => B.Select(condition, computed, B.Const(IrType.I1, (nzcv >> bit) & 1));
        SetFlags(Pick(n, 3), Pick(z, 2), Pick(c, 1), Pick(v, 0));
        if (i.Bit(30)) _flagSource = new FlagSource(operand1, operand2, Logical: false) { Guard = condition, Otherwise = nzcv };
    }

    /// <summary>CSEL, CSINC, CSINV, CSNEG (op [30] and o2 [10]): Rn if the condition holds, else Rm transformed.</summary>
    internal void ConditionalSelect(A64Instruction i)
    {
        var is64 = i.Is64;
        var condition = ConditionHolds(i.Field(15, 12));
        var otherwise = Reg(is64, i.Rm);
        otherwise = (i.Field(30, 30) << 1 | i.Field(10, 10)) switch
        {
            0 => otherwise,
            1 => B.Add(otherwise, Const(is64, 1)),
            2 => B.Not(otherwise),
            _ => B.Neg(otherwise),
        };
        SetReg(is64, i.Rd, B.Select(condition, Reg(is64, i.Rn), otherwise));
    }
}
