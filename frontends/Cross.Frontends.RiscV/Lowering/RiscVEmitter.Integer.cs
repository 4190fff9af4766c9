using Cross.Core.Ir;

namespace Cross.Frontends.RiscV.Lowering;

// Integer computation: base ALU, multiply/divide with the RISC-V division rules, and Zba/Zbb/Zbs.
public sealed partial class RiscVEmitter
{
    /// <summary>rd = rs1 op rs2.</summary>
    internal void RegReg(AluOp op, int rd, int rs1, int rs2) => SetX(rd, Alu(op, X(rs1), X(rs2)));

    /// <summary>rd = rs1 op imm.</summary>
    internal void RegImm(AluOp op, int rd, int rs1, long imm) => SetX(rd, Alu(op, X(rs1), B.Const64(imm)));

    /// <summary>rd = sext32(rs1[31:0] op rs2[31:0]).</summary>
    internal void RegRegW(AluOp op, int rd, int rs1, int rs2) => SetXSigned32(rd, Alu(op, X32(rs1), X32(rs2)));

    /// <summary>rd = sext32(rs1[31:0] op imm).</summary>
    internal void RegImmW(AluOp op, int rd, int rs1, long imm) => SetXSigned32(rd, Alu(op, X32(rs1), B.Const32((uint)imm)));

    /// <summary>rd = imm (lui, c.li, c.lui) or a PC-relative constant (auipc).</summary>
    internal void LoadImmediate(int rd, long value) => SetX(rd, B.Const64(value));

    internal void Unary(UnaryOp op, int rd, int rs1) => SetX(rd, UnaryValue(op, X(rs1)));

    /// <summary>clzw/ctzw/cpopw: count on the low 32 bits.</summary>
    internal void UnaryW(UnaryOp op, int rd, int rs1) => SetX(rd, B.ZeroExtend(IrType.I64, UnaryValue(op, X32(rs1))));

    private Value Ones(IrType type) => B.Const(type, ulong.MaxValue);

    private Value ZeroExtend32(Value a) => B.And(a, B.Const64(0xFFFF_FFFFL));

    private Value Bit(IrType type, Value index) => B.Shl(B.Const(type, 1), index);

    /// <summary>The value of <paramref name="op"/> on two operands of one integer type (i64, or i32 for W forms).</summary>
    internal Value Alu(AluOp op, Value a, Value b)
    {
        var type = B.TypeOf(a);
        return op switch
        {
            AluOp.Add => B.Add(a, b),
            AluOp.Sub => B.Sub(a, b),
            AluOp.Sll => B.Shl(a, b),
            AluOp.Srl => B.ShrU(a, b),
            AluOp.Sra => B.ShrS(a, b),
            AluOp.Slt => B.ZeroExtend(type, B.Cmp(Condition.LtS, a, b)),
            AluOp.Sltu => B.ZeroExtend(type, B.Cmp(Condition.LtU, a, b)),
            AluOp.Xor => B.Xor(a, b),
            AluOp.Or => B.Or(a, b),
            AluOp.And => B.And(a, b),

            AluOp.Mul => B.Mul(a, b),
            AluOp.Mulh => B.MulHighS(a, b),
            AluOp.Mulhsu => B.MulHighSU(a, b),
            AluOp.Mulhu => B.MulHighU(a, b),
            // x / 0 = all ones; MIN / -1 = MIN and the remainder rules match the IR already.
            AluOp.Div => B.Select(B.Cmp(Condition.Eq, b, B.Const(type, 0)), Ones(type), B.DivS(a, b)),
            AluOp.Divu => B.Select(B.Cmp(Condition.Eq, b, B.Const(type, 0)), Ones(type), B.DivU(a, b)),
            AluOp.Rem => B.RemS(a, b),
            AluOp.Remu => B.RemU(a, b),

            AluOp.AddUw => B.Add(b, ZeroExtend32(a)),
            AluOp.Sh1Add => B.Add(b, B.Shl(a, B.Const64(1))),
            AluOp.Sh2Add => B.Add(b, B.Shl(a, B.Const64(2))),
            AluOp.Sh3Add => B.Add(b, B.Shl(a, B.Const64(3))),
            AluOp.Sh1AddUw => B.Add(b, B.Shl(ZeroExtend32(a), B.Const64(1))),
            AluOp.Sh2AddUw => B.Add(b, B.Shl(ZeroExtend32(a), B.Const64(2))),
            AluOp.Sh3AddUw => B.Add(b, B.Shl(ZeroExtend32(a), B.Const64(3))),
            AluOp.SllUw => B.Shl(ZeroExtend32(a), b),

            AluOp.Andn => B.And(a, B.Not(b)),
            AluOp.Orn => B.Or(a, B.Not(b)),
            AluOp.Xnor => B.Not(B.Xor(a, b)),
            AluOp.Max => B.Select(B.Cmp(Condition.GtS, a, b), a, b),
            AluOp.Maxu => B.Select(B.Cmp(Condition.GtU, a, b), a, b),
            AluOp.Min => B.Select(B.Cmp(Condition.LtS, a, b), a, b),
            AluOp.Minu => B.Select(B.Cmp(Condition.LtU, a, b), a, b),
            AluOp.Rol => B.RotL(a, b),
            AluOp.Ror => B.RotR(a, b),

            AluOp.Bclr => B.And(a, B.Not(Bit(type, b))),
            AluOp.Bext => B.And(B.ShrU(a, b), B.Const(type, 1)),
            AluOp.Binv => B.Xor(a, Bit(type, b)),
            AluOp.Bset => B.Or(a, Bit(type, b)),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
    }

    internal Value UnaryValue(UnaryOp op, Value a) => op switch
    {
        UnaryOp.Clz => B.Clz(a),
        UnaryOp.Ctz => B.Ctz(a),
        UnaryOp.Cpop => B.Popcount(a),
        UnaryOp.SextB => B.SignExtend(IrType.I64, B.Truncate(IrType.I8, a)),
        UnaryOp.SextH => B.SignExtend(IrType.I64, B.Truncate(IrType.I16, a)),
        UnaryOp.ZextH => B.ZeroExtend(IrType.I64, B.Truncate(IrType.I16, a)),
        UnaryOp.OrcB => OrCombineBytes(a),
        UnaryOp.Rev8 => B.ByteSwap(a),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>orc.b: each byte becomes 0xff if it was non-zero, else 0.</summary>
    private Value OrCombineBytes(Value a)
    {
        // Per byte, bit 7 of ((a & 0x7f) + 0x7f) | a is set iff the byte is non-zero; no carry
        // crosses a byte. Then 0x01 per non-zero byte times 0xff gives 0xff without carries.
        var low7 = B.Const64(0x7F7F_7F7F_7F7F_7F7FL);
        var high = B.And(B.Or(B.Add(B.And(a, low7), low7), a), B.Const64(unchecked((long)0x8080_8080_8080_8080UL)));
        return B.Mul(B.ShrU(high, B.Const64(7)), B.Const64(0xFF));
    }
}
