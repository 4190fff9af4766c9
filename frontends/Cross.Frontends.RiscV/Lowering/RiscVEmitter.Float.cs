using Cross.Core.FloatingPoint;
using Cross.Core.Ir;
using Cross.Frontends.RiscV.Decoding;

namespace Cross.Frontends.RiscV.Lowering;

// F and D arithmetic. Every operation accrues fflags into the low byte of fcsr and produces
// canonical NaNs; the rounding mode is an IR operand (static, or frm checked at run time).
public sealed partial class RiscVEmitter
{
    private const int FlagsOffset = RiscVState.Fcsr;

    /// <summary>
    /// The rounding-mode operand for an rm field: 0-4 are static; 7 reads frm, which a helper
    /// checks once per block (frm 5-7 raise an illegal-instruction trap at this instruction).
    /// The decoder has already rejected rm 5 and 6.
    /// </summary>
    internal Value Rounding(int rm)
    {
        if (rm != 7) return B.Const(IrType.I8, (ulong)rm);
        if (_dynamicRounding is { } cached) return cached;
        if (!Mode.IsSystem)
        {
            // User mode needs no trap value, so plain IR will do: the FP operation itself raises
            // the illegal-instruction trap for frm 5-7, and compiled code needs no helper call.
            var field = B.And(B.ShrU(B.GetReg(IrType.I32, RiscVState.Fcsr), B.Const32(5)), B.Const32(7));
            _dynamicRounding = B.Truncate(IrType.I8, field);
            return _dynamicRounding.Value;
        }
        var fcsr = B.ZeroExtend(IrType.I64, B.GetReg(IrType.I32, RiscVState.Fcsr));
        var frm = B.Call(RiscVHelpers.CheckDynamicRounding, fcsr, B.Const64(InstructionBits));
        var rounding = B.Truncate(IrType.I8, frm);
        _dynamicRounding = rounding;
        return rounding;
    }

    /// <summary>Flips the sign of a float exactly (no flags, NaN payload kept).</summary>
    private Value Negate(IrType type, Value bits) =>
        B.Xor(bits, B.Const(IntOf(type), type == IrType.F32 ? 0x8000_0000UL : 0x8000_0000_0000_0000UL));

    internal void FBinary(FpBinaryOp op, IrType type, DecodedInstruction i)
    {
        var a = F(type, i.Rs1);
        var b = F(type, i.Rs2);
        var result = op switch
        {
            FpBinaryOp.Add => B.FAdd(a, b, Rounding(i.Rm), FlagsOffset, FpEnvironment),
            FpBinaryOp.Sub => B.FSub(a, b, Rounding(i.Rm), FlagsOffset, FpEnvironment),
            FpBinaryOp.Mul => B.FMul(a, b, Rounding(i.Rm), FlagsOffset, FpEnvironment),
            FpBinaryOp.Div => B.FDiv(a, b, Rounding(i.Rm), FlagsOffset, FpEnvironment),
            FpBinaryOp.Min => B.FMinMax(FpMinMaxKind.MinNumber, a, b, FlagsOffset, FpEnvironment),
            FpBinaryOp.Max => B.FMinMax(FpMinMaxKind.MaxNumber, a, b, FlagsOffset, FpEnvironment),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
        SetF(type, i.Rd, result);
    }

    internal void FSqrt(IrType type, DecodedInstruction i) =>
        SetF(type, i.Rd, B.FSqrt(F(type, i.Rs1), Rounding(i.Rm), FlagsOffset, FpEnvironment));

    /// <summary>The negated forms flip input signs, which is exact under the canonical-NaN policy.</summary>
    internal void FFused(FpFusedOp op, IrType type, DecodedInstruction i)
    {
        var a = FBits(type, i.Rs1);
        var b = FBits(type, i.Rs2);
        var c = FBits(type, i.Rs3);
        if (op is FpFusedOp.NegMulSub or FpFusedOp.NegMulAdd) a = Negate(type, a);
        if (op is FpFusedOp.MulSub or FpFusedOp.NegMulAdd) c = Negate(type, c);
        var result = B.FMulAdd(B.Bitcast(type, a), B.Bitcast(type, b), B.Bitcast(type, c), Rounding(i.Rm), FlagsOffset, FpEnvironment);
        SetF(type, i.Rd, result);
    }

    /// <summary>fsgnj/fsgnjn/fsgnjx: bit operations, no flags, no NaN canonicalisation.</summary>
    internal void FSignInject(SignInjection kind, IrType type, DecodedInstruction i)
    {
        var intType = IntOf(type);
        var a = FBits(type, i.Rs1);
        var b = FBits(type, i.Rs2);
        var sign = B.Const(intType, type == IrType.F32 ? 0x8000_0000UL : 0x8000_0000_0000_0000UL);
        var magnitude = B.And(a, B.Not(sign));
        var result = kind switch
        {
            SignInjection.Copy => B.Or(magnitude, B.And(b, sign)),
            SignInjection.Negate => B.Or(magnitude, B.And(B.Not(b), sign)),
            SignInjection.Xor => B.Xor(a, B.And(b, sign)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        SetFBits(type, i.Rd, result);
    }

    /// <summary>feq/flt/fle: rd = 0 or 1.</summary>
    internal void FCompare(FpCompare compare, IrType type, DecodedInstruction i)
    {
        var result = B.FCmp(compare, F(type, i.Rs1), F(type, i.Rs2), FlagsOffset);
        SetX(i.Rd, B.ZeroExtend(IrType.I64, result));
    }
}
