using Cross.Core.FloatingPoint;
using Cross.Core.Ir;

namespace Cross.Frontends.RiscV.Lowering;

// Register access: x0 reads as zero and ignores writes; single-precision values are NaN-boxed.
public sealed partial class RiscVEmitter
{
    private const ulong NanBoxHigh = 0xFFFF_FFFF_0000_0000;

    /// <summary>Integer register <paramref name="r"/> as i64.</summary>
    public Value X(int r) => r == 0 ? B.Const64(0) : B.GetReg(IrType.I64, RiscVState.X(r));

    /// <summary>Writes an i64 to integer register <paramref name="r"/> (dropped for x0).</summary>
    public void SetX(int r, Value value)
    {
        if (r != 0) B.SetReg(RiscVState.X(r), value);
    }

    /// <summary>The low 32 bits of integer register <paramref name="r"/>.</summary>
    internal Value X32(int r) => B.Truncate(IrType.I32, X(r));

    /// <summary>Writes a 32-bit result sign-extended to 64 bits (the W forms).</summary>
    internal void SetXSigned32(int r, Value value32) => SetX(r, B.SignExtend(IrType.I64, value32));

    /// <summary>All 64 bits of f register <paramref name="r"/>, unchecked (transfers, stores).</summary>
    internal Value FRaw(int r) => B.GetReg(IrType.I64, RiscVState.F(r));

    internal void SetFRaw(int r, Value bits64) => B.SetReg(RiscVState.F(r), bits64);

    /// <summary>
    /// The bits of an operand of <paramref name="type"/> (i32 for f32, i64 for f64). An f32 operand
    /// that is not properly NaN-boxed reads as the canonical NaN.
    /// </summary>
    internal Value FBits(IrType type, int r)
    {
        var raw = FRaw(r);
        if (type == IrType.F64) return raw;
        var boxed = B.Cmp(Condition.GeU, raw, B.Const64(NanBoxHigh));
        return B.Select(boxed, B.Truncate(IrType.I32, raw), B.Const32(SoftFloat.CanonicalNaN32));
    }

    /// <summary>A floating-point operand of <paramref name="type"/>.</summary>
    internal Value F(IrType type, int r) => B.Bitcast(type, FBits(type, r));

    /// <summary>Writes the bits of a <paramref name="type"/> value, NaN-boxing single precision.</summary>
    internal void SetFBits(IrType type, int r, Value bits)
    {
        if (type == IrType.F64)
        {
            SetFRaw(r, bits);
            return;
        }
        SetFRaw(r, B.Or(B.ZeroExtend(IrType.I64, bits), B.Const64(NanBoxHigh)));
    }

    internal void SetF(IrType type, int r, Value value) => SetFBits(type, r, B.Bitcast(IntOf(type), value));
}
