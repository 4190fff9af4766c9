using Cross.Core.Ir;

namespace Cross.Frontends.Arm64.Lowering;

// General registers: number 31 is XZR for most operands and SP for the address and
// immediate-arithmetic operands; 32-bit writes zero the upper half.
public sealed partial class A64Emitter
{
    /// <summary>Register <paramref name="r"/> as i64, with 31 reading as zero (XZR).</summary>
    public Value X(int r) => r == 31 ? B.Const64(0) : B.GetReg(IrType.I64, Arm64State.X(r));

    /// <summary>Register <paramref name="r"/> as i64, with 31 reading SP.</summary>
    public Value XOrSp(int r) => B.GetReg(IrType.I64, r == 31 ? Arm64State.Sp : Arm64State.X(r));

    /// <summary>The low 32 bits of register <paramref name="r"/> (31 = WZR).</summary>
    public Value W(int r) => r == 31 ? B.Const32(0) : B.Truncate(IrType.I32, X(r));

    /// <summary>Register <paramref name="r"/> at the operation width: i64 or the low 32 bits as i32.</summary>
    public Value Reg(bool is64, int r) => is64 ? X(r) : W(r);

    /// <summary>Like <see cref="Reg"/> with 31 reading SP.</summary>
    public Value RegOrSp(bool is64, int r) => is64 ? XOrSp(r) : B.Truncate(IrType.I32, XOrSp(r));

    /// <summary>Writes an i64 to register <paramref name="r"/> (dropped for XZR).</summary>
    public void SetX(int r, Value value)
    {
        if (r != 31) B.SetReg(Arm64State.X(r), value);
    }

    /// <summary>Writes an i64 to register <paramref name="r"/>, with 31 writing SP.</summary>
    public void SetXOrSp(int r, Value value) => B.SetReg(r == 31 ? Arm64State.Sp : Arm64State.X(r), value);

    /// <summary>Writes a result of the operation width (i64 or i32, which is zero-extended); 31 = XZR.</summary>
    public void SetReg(bool is64, int r, Value value) => SetX(r, is64 ? value : B.ZeroExtend(IrType.I64, value));

    /// <summary>Like <see cref="SetReg"/> with 31 writing SP.</summary>
    public void SetRegOrSp(bool is64, int r, Value value) => SetXOrSp(r, is64 ? value : B.ZeroExtend(IrType.I64, value));

    /// <summary>The integer type of the operation width.</summary>
    public static IrType WidthType(bool is64) => is64 ? IrType.I64 : IrType.I32;

    /// <summary>A constant of the operation width.</summary>
    public Value Const(bool is64, ulong value) => is64 ? B.Const64(value) : B.Const32((uint)value);
}
