using Cross.Core.Ir;
using Cross.Frontends.RiscV.Decoding;
using static Cross.Frontends.RiscV.Decoding.EncodingFlags;
using static Cross.Frontends.RiscV.Decoding.OperandFormat;
using static Cross.Frontends.RiscV.Lowering.AluOp;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>RV64I: the base integer instructions.</summary>
public static class RvI
{
    private const MemoryAccess Signed = MemoryAccess.Signed;

    private static RiscVEncoding E(string mnemonic, uint match, uint mask, OperandFormat format, InstructionHandler handler,
        EncodingFlags flags = None, ImmediateKind? immediate = null) =>
        Define.Encoding(RiscVExtension.I, mnemonic, match, mask, format, handler, flags, immediate);

    public static IReadOnlyList<RiscVEncoding> Encodings { get; } =
    [
        E("lui", 0x00000037, 0x0000007F, U, (e, i) => e.LoadImmediate(i.Rd, i.Imm)),
        E("auipc", 0x00000017, 0x0000007F, U, (e, i) => e.LoadImmediate(i.Rd, (long)e.Pc + i.Imm)),
        E("jal", 0x0000006F, 0x0000007F, J, (e, i) => e.Jal(i.Rd, i.Imm), IsJump),
        E("jalr", 0x00000067, 0x0000707F, I, (e, i) => e.Jalr(i.Rd, i.Rs1, i.Imm), IsJump),

        E("beq", 0x00000063, 0x0000707F, B, (e, i) => e.Branch(Condition.Eq, i.Rs1, i.Rs2, i.Imm), IsBranch),
        E("bne", 0x00001063, 0x0000707F, B, (e, i) => e.Branch(Condition.Ne, i.Rs1, i.Rs2, i.Imm), IsBranch),
        E("blt", 0x00004063, 0x0000707F, B, (e, i) => e.Branch(Condition.LtS, i.Rs1, i.Rs2, i.Imm), IsBranch),
        E("bge", 0x00005063, 0x0000707F, B, (e, i) => e.Branch(Condition.GeS, i.Rs1, i.Rs2, i.Imm), IsBranch),
        E("bltu", 0x00006063, 0x0000707F, B, (e, i) => e.Branch(Condition.LtU, i.Rs1, i.Rs2, i.Imm), IsBranch),
        E("bgeu", 0x00007063, 0x0000707F, B, (e, i) => e.Branch(Condition.GeU, i.Rs1, i.Rs2, i.Imm), IsBranch),

        E("lb", 0x00000003, 0x0000707F, I, (e, i) => e.Load(i.Rd, i.Rs1, i.Imm, MemoryAccess.Size1 | Signed), IsLoad),
        E("lh", 0x00001003, 0x0000707F, I, (e, i) => e.Load(i.Rd, i.Rs1, i.Imm, MemoryAccess.Size2 | Signed), IsLoad),
        E("lw", 0x00002003, 0x0000707F, I, (e, i) => e.Load(i.Rd, i.Rs1, i.Imm, MemoryAccess.Size4 | Signed), IsLoad),
        E("ld", 0x00003003, 0x0000707F, I, (e, i) => e.Load(i.Rd, i.Rs1, i.Imm, MemoryAccess.Size8), IsLoad),
        E("lbu", 0x00004003, 0x0000707F, I, (e, i) => e.Load(i.Rd, i.Rs1, i.Imm, MemoryAccess.Size1), IsLoad),
        E("lhu", 0x00005003, 0x0000707F, I, (e, i) => e.Load(i.Rd, i.Rs1, i.Imm, MemoryAccess.Size2), IsLoad),
        E("lwu", 0x00006003, 0x0000707F, I, (e, i) => e.Load(i.Rd, i.Rs1, i.Imm, MemoryAccess.Size4), IsLoad),
        E("sb", 0x00000023, 0x0000707F, S, (e, i) => e.Store(i.Rs1, i.Rs2, i.Imm, MemoryAccess.Size1), IsStore),
        E("sh", 0x00001023, 0x0000707F, S, (e, i) => e.Store(i.Rs1, i.Rs2, i.Imm, MemoryAccess.Size2), IsStore),
        E("sw", 0x00002023, 0x0000707F, S, (e, i) => e.Store(i.Rs1, i.Rs2, i.Imm, MemoryAccess.Size4), IsStore),
        E("sd", 0x00003023, 0x0000707F, S, (e, i) => e.Store(i.Rs1, i.Rs2, i.Imm, MemoryAccess.Size8), IsStore),

        E("addi", 0x00000013, 0x0000707F, I, (e, i) => e.RegImm(Add, i.Rd, i.Rs1, i.Imm)),
        E("slti", 0x00002013, 0x0000707F, I, (e, i) => e.RegImm(Slt, i.Rd, i.Rs1, i.Imm)),
        E("sltiu", 0x00003013, 0x0000707F, I, (e, i) => e.RegImm(Sltu, i.Rd, i.Rs1, i.Imm)),
        E("xori", 0x00004013, 0x0000707F, I, (e, i) => e.RegImm(Xor, i.Rd, i.Rs1, i.Imm)),
        E("ori", 0x00006013, 0x0000707F, I, (e, i) => e.RegImm(Or, i.Rd, i.Rs1, i.Imm)),
        E("andi", 0x00007013, 0x0000707F, I, (e, i) => e.RegImm(And, i.Rd, i.Rs1, i.Imm)),
        E("slli", 0x00001013, 0xFC00707F, Shift, (e, i) => e.RegImm(Sll, i.Rd, i.Rs1, i.Imm)),
        E("srli", 0x00005013, 0xFC00707F, Shift, (e, i) => e.RegImm(Srl, i.Rd, i.Rs1, i.Imm)),
        E("srai", 0x40005013, 0xFC00707F, Shift, (e, i) => e.RegImm(Sra, i.Rd, i.Rs1, i.Imm)),

        E("add", 0x00000033, 0xFE00707F, R, (e, i) => e.RegReg(Add, i.Rd, i.Rs1, i.Rs2)),
        E("sub", 0x40000033, 0xFE00707F, R, (e, i) => e.RegReg(Sub, i.Rd, i.Rs1, i.Rs2)),
        E("sll", 0x00001033, 0xFE00707F, R, (e, i) => e.RegReg(Sll, i.Rd, i.Rs1, i.Rs2)),
        E("slt", 0x00002033, 0xFE00707F, R, (e, i) => e.RegReg(Slt, i.Rd, i.Rs1, i.Rs2)),
        E("sltu", 0x00003033, 0xFE00707F, R, (e, i) => e.RegReg(Sltu, i.Rd, i.Rs1, i.Rs2)),
        E("xor", 0x00004033, 0xFE00707F, R, (e, i) => e.RegReg(Xor, i.Rd, i.Rs1, i.Rs2)),
        E("srl", 0x00005033, 0xFE00707F, R, (e, i) => e.RegReg(Srl, i.Rd, i.Rs1, i.Rs2)),
        E("sra", 0x40005033, 0xFE00707F, R, (e, i) => e.RegReg(Sra, i.Rd, i.Rs1, i.Rs2)),
        E("or", 0x00006033, 0xFE00707F, R, (e, i) => e.RegReg(Or, i.Rd, i.Rs1, i.Rs2)),
        E("and", 0x00007033, 0xFE00707F, R, (e, i) => e.RegReg(And, i.Rd, i.Rs1, i.Rs2)),

        E("addiw", 0x0000001B, 0x0000707F, I, (e, i) => e.RegImmW(Add, i.Rd, i.Rs1, i.Imm)),
        E("slliw", 0x0000101B, 0xFE00707F, Shift, (e, i) => e.RegImmW(Sll, i.Rd, i.Rs1, i.Imm), immediate: ImmediateKind.Shamt5),
        E("srliw", 0x0000501B, 0xFE00707F, Shift, (e, i) => e.RegImmW(Srl, i.Rd, i.Rs1, i.Imm), immediate: ImmediateKind.Shamt5),
        E("sraiw", 0x4000501B, 0xFE00707F, Shift, (e, i) => e.RegImmW(Sra, i.Rd, i.Rs1, i.Imm), immediate: ImmediateKind.Shamt5),
        E("addw", 0x0000003B, 0xFE00707F, R, (e, i) => e.RegRegW(Add, i.Rd, i.Rs1, i.Rs2)),
        E("subw", 0x4000003B, 0xFE00707F, R, (e, i) => e.RegRegW(Sub, i.Rd, i.Rs1, i.Rs2)),
        E("sllw", 0x0000103B, 0xFE00707F, R, (e, i) => e.RegRegW(Sll, i.Rd, i.Rs1, i.Rs2)),
        E("srlw", 0x0000503B, 0xFE00707F, R, (e, i) => e.RegRegW(Srl, i.Rd, i.Rs1, i.Rs2)),
        E("sraw", 0x4000503B, 0xFE00707F, R, (e, i) => e.RegRegW(Sra, i.Rd, i.Rs1, i.Rs2)),

        E("fence", 0x0000000F, 0x0000707F, Fence, (e, _) => e.Fence()),
        E("ecall", 0x00000073, 0xFFFFFFFF, I, (e, _) => e.Ecall(), IsSystem, ImmediateKind.None),
        E("ebreak", 0x00100073, 0xFFFFFFFF, I, (e, _) => e.Ebreak(), IsSystem, ImmediateKind.None),
    ];
}
