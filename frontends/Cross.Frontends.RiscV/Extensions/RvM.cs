using Cross.Frontends.RiscV.Decoding;
using static Cross.Frontends.RiscV.Lowering.AluOp;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>M: multiply and divide (division by zero and overflow follow the spec, see <see cref="Lowering.RiscVEmitter.Alu"/>).</summary>
public static class RvM
{
    private const uint Mask = 0xFE00707F;

    private static RiscVEncoding E(string mnemonic, uint match, InstructionHandler handler) =>
        Define.Encoding(RiscVExtension.M, mnemonic, match, Mask, OperandFormat.R, handler);

    public static IReadOnlyList<RiscVEncoding> Encodings { get; } =
    [
        E("mul", 0x02000033, (e, i) => e.RegReg(Mul, i.Rd, i.Rs1, i.Rs2)),
        E("mulh", 0x02001033, (e, i) => e.RegReg(Mulh, i.Rd, i.Rs1, i.Rs2)),
        E("mulhsu", 0x02002033, (e, i) => e.RegReg(Mulhsu, i.Rd, i.Rs1, i.Rs2)),
        E("mulhu", 0x02003033, (e, i) => e.RegReg(Mulhu, i.Rd, i.Rs1, i.Rs2)),
        E("div", 0x02004033, (e, i) => e.RegReg(Div, i.Rd, i.Rs1, i.Rs2)),
        E("divu", 0x02005033, (e, i) => e.RegReg(Divu, i.Rd, i.Rs1, i.Rs2)),
        E("rem", 0x02006033, (e, i) => e.RegReg(Rem, i.Rd, i.Rs1, i.Rs2)),
        E("remu", 0x02007033, (e, i) => e.RegReg(Remu, i.Rd, i.Rs1, i.Rs2)),
        E("mulw", 0x0200003B, (e, i) => e.RegRegW(Mul, i.Rd, i.Rs1, i.Rs2)),
        E("divw", 0x0200403B, (e, i) => e.RegRegW(Div, i.Rd, i.Rs1, i.Rs2)),
        E("divuw", 0x0200503B, (e, i) => e.RegRegW(Divu, i.Rd, i.Rs1, i.Rs2)),
        E("remw", 0x0200603B, (e, i) => e.RegRegW(Rem, i.Rd, i.Rs1, i.Rs2)),
        E("remuw", 0x0200703B, (e, i) => e.RegRegW(Remu, i.Rd, i.Rs1, i.Rs2)),
    ];
}
