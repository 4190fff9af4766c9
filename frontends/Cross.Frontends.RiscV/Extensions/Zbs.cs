using Cross.Frontends.RiscV.Decoding;
using static Cross.Frontends.RiscV.Lowering.AluOp;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>Zbs: single-bit clear, extract, invert and set.</summary>
public static class Zbs
{
    private static RiscVEncoding E(string mnemonic, uint match, uint mask, OperandFormat format, InstructionHandler handler) =>
        Define.Encoding(RiscVExtension.Zbs, mnemonic, match, mask, format, handler);

    public static IReadOnlyList<RiscVEncoding> Encodings { get; } =
    [
        E("bclr", 0x48001033, 0xFE00707F, OperandFormat.R, (e, i) => e.RegReg(Bclr, i.Rd, i.Rs1, i.Rs2)),
        E("bext", 0x48005033, 0xFE00707F, OperandFormat.R, (e, i) => e.RegReg(Bext, i.Rd, i.Rs1, i.Rs2)),
        E("binv", 0x68001033, 0xFE00707F, OperandFormat.R, (e, i) => e.RegReg(Binv, i.Rd, i.Rs1, i.Rs2)),
        E("bset", 0x28001033, 0xFE00707F, OperandFormat.R, (e, i) => e.RegReg(Bset, i.Rd, i.Rs1, i.Rs2)),
        E("bclri", 0x48001013, 0xFC00707F, OperandFormat.Shift, (e, i) => e.RegImm(Bclr, i.Rd, i.Rs1, i.Imm)),
        E("bexti", 0x48005013, 0xFC00707F, OperandFormat.Shift, (e, i) => e.RegImm(Bext, i.Rd, i.Rs1, i.Imm)),
        E("binvi", 0x68001013, 0xFC00707F, OperandFormat.Shift, (e, i) => e.RegImm(Binv, i.Rd, i.Rs1, i.Imm)),
        E("bseti", 0x28001013, 0xFC00707F, OperandFormat.Shift, (e, i) => e.RegImm(Bset, i.Rd, i.Rs1, i.Imm)),
    ];
}
