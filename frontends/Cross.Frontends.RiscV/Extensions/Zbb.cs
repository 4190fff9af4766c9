using Cross.Frontends.RiscV.Decoding;
using Cross.Frontends.RiscV.Lowering;
using static Cross.Frontends.RiscV.Lowering.AluOp;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>Zbb: basic bit manipulation.</summary>
public static class Zbb
{
    private const uint RMask = 0xFE00707F, UnaryMask = 0xFFF0707F;

    private static RiscVEncoding E(string mnemonic, uint match, uint mask, OperandFormat format, InstructionHandler handler,
        ImmediateKind? immediate = null) =>
        Define.Encoding(RiscVExtension.Zbb, mnemonic, match, mask, format, handler, immediate: immediate);

    public static IReadOnlyList<RiscVEncoding> Encodings { get; } =
    [
        E("andn", 0x40007033, RMask, OperandFormat.R, (e, i) => e.RegReg(Andn, i.Rd, i.Rs1, i.Rs2)),
        E("orn", 0x40006033, RMask, OperandFormat.R, (e, i) => e.RegReg(Orn, i.Rd, i.Rs1, i.Rs2)),
        E("xnor", 0x40004033, RMask, OperandFormat.R, (e, i) => e.RegReg(Xnor, i.Rd, i.Rs1, i.Rs2)),
        E("max", 0x0A006033, RMask, OperandFormat.R, (e, i) => e.RegReg(Max, i.Rd, i.Rs1, i.Rs2)),
        E("maxu", 0x0A007033, RMask, OperandFormat.R, (e, i) => e.RegReg(Maxu, i.Rd, i.Rs1, i.Rs2)),
        E("min", 0x0A004033, RMask, OperandFormat.R, (e, i) => e.RegReg(Min, i.Rd, i.Rs1, i.Rs2)),
        E("minu", 0x0A005033, RMask, OperandFormat.R, (e, i) => e.RegReg(Minu, i.Rd, i.Rs1, i.Rs2)),
        E("rol", 0x60001033, RMask, OperandFormat.R, (e, i) => e.RegReg(Rol, i.Rd, i.Rs1, i.Rs2)),
        E("ror", 0x60005033, RMask, OperandFormat.R, (e, i) => e.RegReg(Ror, i.Rd, i.Rs1, i.Rs2)),
        E("rori", 0x60005013, 0xFC00707F, OperandFormat.Shift, (e, i) => e.RegImm(Ror, i.Rd, i.Rs1, i.Imm)),
        E("rolw", 0x6000103B, RMask, OperandFormat.R, (e, i) => e.RegRegW(Rol, i.Rd, i.Rs1, i.Rs2)),
        E("rorw", 0x6000503B, RMask, OperandFormat.R, (e, i) => e.RegRegW(Ror, i.Rd, i.Rs1, i.Rs2)),
        E("roriw", 0x6000501B, RMask, OperandFormat.Shift, (e, i) => e.RegImmW(Ror, i.Rd, i.Rs1, i.Imm), ImmediateKind.Shamt5),

        E("clz", 0x60001013, UnaryMask, OperandFormat.I, (e, i) => e.Unary(UnaryOp.Clz, i.Rd, i.Rs1), ImmediateKind.None),
        E("ctz", 0x60101013, UnaryMask, OperandFormat.I, (e, i) => e.Unary(UnaryOp.Ctz, i.Rd, i.Rs1), ImmediateKind.None),
        E("cpop", 0x60201013, UnaryMask, OperandFormat.I, (e, i) => e.Unary(UnaryOp.Cpop, i.Rd, i.Rs1), ImmediateKind.None),
        E("clzw", 0x6000101B, UnaryMask, OperandFormat.I, (e, i) => e.UnaryW(UnaryOp.Clz, i.Rd, i.Rs1), ImmediateKind.None),
        E("ctzw", 0x6010101B, UnaryMask, OperandFormat.I, (e, i) => e.UnaryW(UnaryOp.Ctz, i.Rd, i.Rs1), ImmediateKind.None),
        E("cpopw", 0x6020101B, UnaryMask, OperandFormat.I, (e, i) => e.UnaryW(UnaryOp.Cpop, i.Rd, i.Rs1), ImmediateKind.None),
        E("sext.b", 0x60401013, UnaryMask, OperandFormat.I, (e, i) => e.Unary(UnaryOp.SextB, i.Rd, i.Rs1), ImmediateKind.None),
        E("sext.h", 0x60501013, UnaryMask, OperandFormat.I, (e, i) => e.Unary(UnaryOp.SextH, i.Rd, i.Rs1), ImmediateKind.None),
        E("zext.h", 0x0800403B, UnaryMask, OperandFormat.I, (e, i) => e.Unary(UnaryOp.ZextH, i.Rd, i.Rs1), ImmediateKind.None),
        E("orc.b", 0x28705013, UnaryMask, OperandFormat.I, (e, i) => e.Unary(UnaryOp.OrcB, i.Rd, i.Rs1), ImmediateKind.None),
        E("rev8", 0x6B805013, UnaryMask, OperandFormat.I, (e, i) => e.Unary(UnaryOp.Rev8, i.Rd, i.Rs1), ImmediateKind.None),
    ];
}
