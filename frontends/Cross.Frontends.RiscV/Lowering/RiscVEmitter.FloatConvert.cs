using Cross.Core.FloatingPoint;
using Cross.Core.Ir;
using Cross.Frontends.RiscV.Decoding;

namespace Cross.Frontends.RiscV.Lowering;

// F and D conversions, moves and fclass.
public sealed partial class RiscVEmitter
{
    /// <summary>fcvt.{w,wu,l,lu}.{s,d}: saturating; 32-bit results are sign-extended into rd.</summary>
    internal void FToInt(IrType source, IrType target, bool signed, DecodedInstruction i)
    {
        var result = B.FToInt(target, signed, IntOverflow.Saturate, F(source, i.Rs1), Rounding(i.Rm), FlagsOffset, FpEnvironment);
        SetX(i.Rd, B.SignExtend(IrType.I64, result));
    }

    /// <summary>fcvt.{s,d}.{w,wu,l,lu}.</summary>
    internal void IntToF(IrType target, IrType source, bool signed, DecodedInstruction i)
    {
        var value = source == IrType.I32 ? X32(i.Rs1) : X(i.Rs1);
        SetF(target, i.Rd, B.IntToF(target, signed, value, Rounding(i.Rm), FlagsOffset, FpEnvironment));
    }

    /// <summary>fcvt.s.d/fcvt.d.s.</summary>
    internal void FConvert(IrType target, IrType source, DecodedInstruction i) =>
        SetF(target, i.Rd, B.FConvert(target, F(source, i.Rs1), Rounding(i.Rm), FlagsOffset, FpEnvironment));

    /// <summary>fmv.x.w (low 32 bits, sign-extended, boxed or not) and fmv.x.d.</summary>
    internal void FMoveToInt(IrType type, DecodedInstruction i)
    {
        var raw = FRaw(i.Rs1);
        SetX(i.Rd, type == IrType.F32 ? B.SignExtend(IrType.I64, B.Truncate(IrType.I32, raw)) : raw);
    }

    /// <summary>fmv.w.x (NaN-boxes) and fmv.d.x.</summary>
    internal void FMoveFromInt(IrType type, DecodedInstruction i) =>
        SetFBits(type, i.Rd, type == IrType.F32 ? X32(i.Rs1) : X(i.Rs1));

    /// <summary>fclass: a one-hot class mask computed with integer IR on the operand's bits.</summary>
    internal void FClass(IrType type, DecodedInstruction i)
    {
        var intType = IntOf(type);
        var single = type == IrType.F32;
        var fractionBits = single ? 23 : 52;
        var exponentMax = single ? 0xFFUL : 0x7FFUL;
        var fractionMask = (1UL << fractionBits) - 1;
        var x = FBits(type, i.Rs1);

        var negative = B.Cmp(Condition.LtS, x, B.Const(intType, 0));
        var exponent = B.And(B.ShrU(x, B.Const(intType, (ulong)fractionBits)), B.Const(intType, exponentMax));
        var fraction = B.And(x, B.Const(intType, fractionMask));
        var exponentZero = B.Cmp(Condition.Eq, exponent, B.Const(intType, 0));
        var exponentAllOnes = B.Cmp(Condition.Eq, exponent, B.Const(intType, exponentMax));
        var fractionZero = B.Cmp(Condition.Eq, fraction, B.Const(intType, 0));

        // Class index for a positive value: 4 zero, 5 subnormal, 6 normal, 7 infinity; negative mirrors to 3..0.
        var finite = B.Select(exponentZero, B.Select(fractionZero, Const64(4), Const64(5)), Const64(6));
        var index = B.Select(exponentAllOnes, Const64(7), finite);
        var signedIndex = B.Select(negative, B.Sub(Const64(7), index), index);
        var ordered = B.Shl(Const64(1), signedIndex);
        var quiet = B.Cmp(Condition.Ne, B.And(x, B.Const(intType, 1UL << (fractionBits - 1))), B.Const(intType, 0));
        var nan = B.Select(quiet, Const64(1 << 9), Const64(1 << 8));
        SetX(i.Rd, B.Select(exponentAllOnes, B.Select(fractionZero, ordered, nan), ordered));
    }
}
