using Cross.Core.Ir;
using Cross.Frontends.RiscV.Decoding;
using static Cross.Frontends.RiscV.Decoding.EncodingFlags;
using static Cross.Frontends.RiscV.Decoding.ImmediateKind;
using static Cross.Frontends.RiscV.Decoding.OperandFormat;
using static Cross.Frontends.RiscV.Lowering.AluOp;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>
/// RV64C: 16-bit encodings whose handlers reuse the 32-bit lowering helpers with the implicit
/// registers (x0, ra, sp) filled in. Constraints make reserved code points illegal and keep each
/// word owned by one row (c.lui excludes rd = 2, which is c.addi16sp; c.mv excludes rs2 = 0,
/// which is c.jr; and so on). HINTs (rd = x0 and similar) execute as their expansion.
/// </summary>
public static class RvC
{
    private const int Ra = 1, Sp = 2;
    private const uint Funct3 = 0xE003;
    private const MemoryAccess Word = MemoryAccess.Size4 | MemoryAccess.Signed, Double = MemoryAccess.Size8;

    private static RiscVEncoding E(string mnemonic, uint match, uint mask, OperandFormat format, ImmediateKind immediate,
        InstructionHandler handler, EncodingFlags flags = EncodingFlags.None, EncodingConstraint? constraint = null) =>
        Define.Encoding(RiscVExtension.C, mnemonic, match, mask, format, handler, flags, immediate, constraint);

    private static readonly EncodingConstraint RdNotZero = EncodingConstraint.Bits11To7NotZero("rd");
    private static readonly EncodingConstraint Rs1NotZero = EncodingConstraint.Bits11To7NotZero("rs1");
    private static readonly EncodingConstraint Rs2NotZero = EncodingConstraint.Bits6To2NotZero("rs2");

    public static IReadOnlyList<RiscVEncoding> Encodings { get; } =
    [
        // Quadrant 0.
        E("c.addi4spn", 0x0000, Funct3, CIW, CAddi4spn, (e, i) => e.RegImm(Add, i.Rd, Sp, i.Imm),
            constraint: EncodingConstraint.ImmediateNotZero(CAddi4spn)),
        E("c.fld", 0x2000, Funct3, CL, CDoubleOffset, (e, i) => e.LoadFp(IrType.F64, i.Rd, i.Rs1, i.Imm), IsFp | RdIsFp | IsLoad),
        E("c.lw", 0x4000, Funct3, CL, CWordOffset, (e, i) => e.Load(i.Rd, i.Rs1, i.Imm, Word), IsLoad),
        E("c.ld", 0x6000, Funct3, CL, CDoubleOffset, (e, i) => e.Load(i.Rd, i.Rs1, i.Imm, Double), IsLoad),
        E("c.fsd", 0xA000, Funct3, CS, CDoubleOffset, (e, i) => e.StoreFp(IrType.F64, i.Rs1, i.Rs2, i.Imm), IsFp | Rs2IsFp | IsStore),
        E("c.sw", 0xC000, Funct3, CS, CWordOffset, (e, i) => e.Store(i.Rs1, i.Rs2, i.Imm, MemoryAccess.Size4), IsStore),
        E("c.sd", 0xE000, Funct3, CS, CDoubleOffset, (e, i) => e.Store(i.Rs1, i.Rs2, i.Imm, Double), IsStore),

        // Quadrant 1.
        E("c.addi", 0x0001, Funct3, CI, CImm6, (e, i) => e.RegImm(Add, i.Rd, i.Rd, i.Imm)),
        E("c.addiw", 0x2001, Funct3, CI, CImm6, (e, i) => e.RegImmW(Add, i.Rd, i.Rd, i.Imm), constraint: RdNotZero),
        E("c.li", 0x4001, Funct3, CI, CImm6, (e, i) => e.LoadImmediate(i.Rd, i.Imm)),
        E("c.addi16sp", 0x6101, 0xEF83, CI, CAddi16sp, (e, i) => e.RegImm(Add, Sp, Sp, i.Imm),
            constraint: EncodingConstraint.ImmediateNotZero(CAddi16sp)),
        E("c.lui", 0x6001, Funct3, CI, CLui, (e, i) => e.LoadImmediate(i.Rd, i.Imm),
            constraint: EncodingConstraint.Bits11To7Not("rd", Sp).And(EncodingConstraint.ImmediateNotZero(CLui))),
        E("c.srli", 0x8001, 0xEC03, CB, CShamt, (e, i) => e.RegImm(Srl, i.Rd, i.Rd, i.Imm)),
        E("c.srai", 0x8401, 0xEC03, CB, CShamt, (e, i) => e.RegImm(Sra, i.Rd, i.Rd, i.Imm)),
        E("c.andi", 0x8801, 0xEC03, CB, CImm6, (e, i) => e.RegImm(And, i.Rd, i.Rd, i.Imm)),
        E("c.sub", 0x8C01, 0xFC63, CA, ImmediateKind.None, (e, i) => e.RegReg(Sub, i.Rd, i.Rd, i.Rs2)),
        E("c.xor", 0x8C21, 0xFC63, CA, ImmediateKind.None, (e, i) => e.RegReg(Xor, i.Rd, i.Rd, i.Rs2)),
        E("c.or", 0x8C41, 0xFC63, CA, ImmediateKind.None, (e, i) => e.RegReg(Or, i.Rd, i.Rd, i.Rs2)),
        E("c.and", 0x8C61, 0xFC63, CA, ImmediateKind.None, (e, i) => e.RegReg(And, i.Rd, i.Rd, i.Rs2)),
        E("c.subw", 0x9C01, 0xFC63, CA, ImmediateKind.None, (e, i) => e.RegRegW(Sub, i.Rd, i.Rd, i.Rs2)),
        E("c.addw", 0x9C21, 0xFC63, CA, ImmediateKind.None, (e, i) => e.RegRegW(Add, i.Rd, i.Rd, i.Rs2)),
        E("c.j", 0xA001, Funct3, CJ, CJump, (e, i) => e.Jal(0, i.Imm), IsJump),
        E("c.beqz", 0xC001, Funct3, CB, CBranch, (e, i) => e.Branch(Condition.Eq, i.Rs1, 0, i.Imm), IsBranch),
        E("c.bnez", 0xE001, Funct3, CB, CBranch, (e, i) => e.Branch(Condition.Ne, i.Rs1, 0, i.Imm), IsBranch),

        // Quadrant 2.
        E("c.slli", 0x0002, Funct3, CI, CShamt, (e, i) => e.RegImm(Sll, i.Rd, i.Rd, i.Imm)),
        E("c.fldsp", 0x2002, Funct3, CI, CLdsp, (e, i) => e.LoadFp(IrType.F64, i.Rd, Sp, i.Imm), IsFp | RdIsFp | IsLoad),
        E("c.lwsp", 0x4002, Funct3, CI, CLwsp, (e, i) => e.Load(i.Rd, Sp, i.Imm, Word), IsLoad, RdNotZero),
        E("c.ldsp", 0x6002, Funct3, CI, CLdsp, (e, i) => e.Load(i.Rd, Sp, i.Imm, Double), IsLoad, RdNotZero),
        E("c.jr", 0x8002, 0xF07F, CR, ImmediateKind.None, (e, i) => e.Jalr(0, i.Rs1, 0), IsJump, Rs1NotZero),
        E("c.mv", 0x8002, 0xF003, CR, ImmediateKind.None, (e, i) => e.RegReg(Add, i.Rd, 0, i.Rs2), constraint: Rs2NotZero),
        E("c.ebreak", 0x9002, 0xFFFF, CR, ImmediateKind.None, (e, _) => e.Ebreak(), IsSystem),
        E("c.jalr", 0x9002, 0xF07F, CR, ImmediateKind.None, (e, i) => e.Jalr(Ra, i.Rs1, 0), IsJump, Rs1NotZero),
        E("c.add", 0x9002, 0xF003, CR, ImmediateKind.None, (e, i) => e.RegReg(Add, i.Rd, i.Rd, i.Rs2), constraint: Rs2NotZero),
        E("c.fsdsp", 0xA002, Funct3, CSS, CSdsp, (e, i) => e.StoreFp(IrType.F64, Sp, i.Rs2, i.Imm), IsFp | Rs2IsFp | IsStore),
        E("c.swsp", 0xC002, Funct3, CSS, CSwsp, (e, i) => e.Store(Sp, i.Rs2, i.Imm, MemoryAccess.Size4), IsStore),
        E("c.sdsp", 0xE002, Funct3, CSS, CSdsp, (e, i) => e.Store(Sp, i.Rs2, i.Imm, Double), IsStore),
    ];
}
