using Cross.Frontends.RiscV.Decoding;
using static Cross.Frontends.RiscV.Lowering.AluOp;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>Zba: address generation (shift-and-add, unsigned-word forms).</summary>
public static class Zba
{
    private static RiscVEncoding E(string mnemonic, uint match, uint mask, OperandFormat format, InstructionHandler handler) =>
        Define.Encoding(RiscVExtension.Zba, mnemonic, match, mask, format, handler);

    public static IReadOnlyList<RiscVEncoding> Encodings { get; } =
    [
        E("add.uw", 0x0800003B, 0xFE00707F, OperandFormat.R, (e, i) => e.RegReg(AddUw, i.Rd, i.Rs1, i.Rs2)),
        E("sh1add", 0x20002033, 0xFE00707F, OperandFormat.R, (e, i) => e.RegReg(Sh1Add, i.Rd, i.Rs1, i.Rs2)),
        E("sh2add", 0x20004033, 0xFE00707F, OperandFormat.R, (e, i) => e.RegReg(Sh2Add, i.Rd, i.Rs1, i.Rs2)),
        E("sh3add", 0x20006033, 0xFE00707F, OperandFormat.R, (e, i) => e.RegReg(Sh3Add, i.Rd, i.Rs1, i.Rs2)),
        E("sh1add.uw", 0x2000203B, 0xFE00707F, OperandFormat.R, (e, i) => e.RegReg(Sh1AddUw, i.Rd, i.Rs1, i.Rs2)),
        E("sh2add.uw", 0x2000403B, 0xFE00707F, OperandFormat.R, (e, i) => e.RegReg(Sh2AddUw, i.Rd, i.Rs1, i.Rs2)),
        E("sh3add.uw", 0x2000603B, 0xFE00707F, OperandFormat.R, (e, i) => e.RegReg(Sh3AddUw, i.Rd, i.Rs1, i.Rs2)),
        E("slli.uw", 0x0800101B, 0xFC00707F, OperandFormat.Shift, (e, i) => e.RegImm(SllUw, i.Rd, i.Rs1, i.Imm)),
    ];
}
