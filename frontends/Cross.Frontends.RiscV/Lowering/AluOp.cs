namespace Cross.Frontends.RiscV.Lowering;

/// <summary>Two-operand integer operations shared by the register, immediate, W and compressed forms.</summary>
internal enum AluOp : byte
{
    // RV64I.
    Add, Sub, Sll, Slt, Sltu, Xor, Srl, Sra, Or, And,
    // M.
    Mul, Mulh, Mulhsu, Mulhu, Div, Divu, Rem, Remu,
    // Zba: a is the (possibly zero-extended) scaled operand, b the base.
    AddUw, Sh1Add, Sh2Add, Sh3Add, Sh1AddUw, Sh2AddUw, Sh3AddUw, SllUw,
    // Zbb.
    Andn, Orn, Xnor, Max, Maxu, Min, Minu, Rol, Ror,
    // Zbs.
    Bclr, Bext, Binv, Bset,
}

/// <summary>One-operand integer operations (Zbb).</summary>
internal enum UnaryOp : byte
{
    Clz, Ctz, Cpop, SextB, SextH, ZextH, OrcB, Rev8,
}
