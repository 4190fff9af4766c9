namespace Cross.Frontends.RiscV.Decoding;

/// <summary>
/// Where an encoding keeps its register operands (see <see cref="OperandLayout"/>). The immediate
/// layout is given separately by <see cref="ImmediateKind"/>, because compressed formats such as
/// CI scramble their immediate differently per instruction.
/// </summary>
public enum OperandFormat : byte
{
    /// <summary>rd[11:7], rs1[19:15], rs2[24:20].</summary>
    R,
    /// <summary>rd, rs1, imm[31:20].</summary>
    I,
    /// <summary>rs1, rs2, imm[31:25|11:7].</summary>
    S,
    /// <summary>rs1, rs2, branch offset.</summary>
    B,
    /// <summary>rd, imm[31:12].</summary>
    U,
    /// <summary>rd, jump offset.</summary>
    J,
    /// <summary>rd, rs1, rs2, rs3[31:27], rm[14:12] (fused multiply-add).</summary>
    R4,
    /// <summary>rd, rs1, shamt (6 bits, or 5 for the W forms).</summary>
    Shift,
    /// <summary>rd, rs1, csr[31:20].</summary>
    Csr,
    /// <summary>rd, uimm[19:15], csr[31:20].</summary>
    CsrImm,
    /// <summary>rd, rs1, rs2, aq[26], rl[25].</summary>
    Amo,
    /// <summary>fm[31:28], pred[27:24], succ[23:20], rs1, rd (all ignored).</summary>
    Fence,

    /// <summary>Compressed register: rd/rs1[11:7], rs2[6:2].</summary>
    CR,
    /// <summary>Compressed immediate: rd/rs1[11:7], immediate in [12] and [6:2].</summary>
    CI,
    /// <summary>Compressed stack store: rs2[6:2], immediate in [12:7].</summary>
    CSS,
    /// <summary>Compressed wide immediate: rd'[4:2], immediate in [12:5].</summary>
    CIW,
    /// <summary>Compressed load: rs1'[9:7], rd'[4:2], immediate in [12:10] and [6:5].</summary>
    CL,
    /// <summary>Compressed store: rs1'[9:7], rs2'[4:2], immediate in [12:10] and [6:5].</summary>
    CS,
    /// <summary>Compressed arithmetic: rd'/rs1'[9:7], rs2'[4:2].</summary>
    CA,
    /// <summary>Compressed branch/ALU-immediate: rd'/rs1'[9:7], immediate in [12:10] and [6:2].</summary>
    CB,
    /// <summary>Compressed jump: offset in [12:2].</summary>
    CJ,
}
