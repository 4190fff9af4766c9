namespace Cross.Frontends.RiscV.Decoding;

/// <summary>How an encoding's immediate is scattered over its bits (see <see cref="OperandLayout.Immediate"/>).</summary>
public enum ImmediateKind : byte
{
    None,
    /// <summary>imm[11:0] = [31:20], sign-extended.</summary>
    I,
    /// <summary>imm[11:5] = [31:25], imm[4:0] = [11:7], sign-extended.</summary>
    S,
    /// <summary>Branch offset imm[12|10:5] = [31:25], imm[4:1|11] = [11:7], sign-extended, even.</summary>
    B,
    /// <summary>imm[31:12] = [31:12], sign-extended from bit 31.</summary>
    U,
    /// <summary>Jump offset imm[20|10:1|11|19:12] = [31:12], sign-extended, even.</summary>
    J,
    /// <summary>Shift amount [25:20].</summary>
    Shamt6,
    /// <summary>Shift amount [24:20] (W forms; bit 25 is part of the opcode).</summary>
    Shamt5,
    /// <summary>CSR immediate uimm[4:0] = [19:15], zero-extended.</summary>
    CsrUimm,

    /// <summary>c.addi4spn: nzuimm[5:4|9:6|2|3] = [12:5].</summary>
    CAddi4spn,
    /// <summary>c.lw/c.sw: uimm[5:3] = [12:10], uimm[2|6] = [6:5].</summary>
    CWordOffset,
    /// <summary>c.ld/c.sd/c.fld/c.fsd: uimm[5:3] = [12:10], uimm[7:6] = [6:5].</summary>
    CDoubleOffset,
    /// <summary>c.addi/c.addiw/c.li/c.andi: imm[5] = [12], imm[4:0] = [6:2], sign-extended.</summary>
    CImm6,
    /// <summary>c.addi16sp: nzimm[9] = [12], nzimm[4|6|8:7|5] = [6:2], sign-extended.</summary>
    CAddi16sp,
    /// <summary>c.lui: nzimm[17] = [12], nzimm[16:12] = [6:2], sign-extended.</summary>
    CLui,
    /// <summary>c.slli/c.srli/c.srai: shamt[5] = [12], shamt[4:0] = [6:2].</summary>
    CShamt,
    /// <summary>c.lwsp: uimm[5] = [12], uimm[4:2|7:6] = [6:2].</summary>
    CLwsp,
    /// <summary>c.ldsp/c.fldsp: uimm[5] = [12], uimm[4:3|8:6] = [6:2].</summary>
    CLdsp,
    /// <summary>c.swsp: uimm[5:2|7:6] = [12:7].</summary>
    CSwsp,
    /// <summary>c.sdsp/c.fsdsp: uimm[5:3|8:6] = [12:7].</summary>
    CSdsp,
    /// <summary>c.j: offset[11|4|9:8|10|6|7|3:1|5] = [12:2], sign-extended.</summary>
    CJump,
    /// <summary>c.beqz/c.bnez: offset[8|4:3] = [12:10], offset[7:6|2:1|5] = [6:2], sign-extended.</summary>
    CBranch,
}
