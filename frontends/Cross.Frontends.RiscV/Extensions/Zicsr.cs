using Cross.Frontends.RiscV.Csr;
using Cross.Frontends.RiscV.Decoding;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>Zicsr: CSR read-modify-write instructions (the CSRs themselves are in <see cref="Csr.CsrFile"/>).</summary>
public static class Zicsr
{
    private static RiscVEncoding E(string mnemonic, uint match, OperandFormat format, InstructionHandler handler) =>
        Define.Encoding(RiscVExtension.Zicsr, mnemonic, match, 0x0000707F, format, handler, EncodingFlags.IsSystem);

    public static IReadOnlyList<RiscVEncoding> Encodings { get; } =
    [
        E("csrrw", 0x00001073, OperandFormat.Csr, (e, i) => e.Csr(CsrOperation.ReadWrite, i.Rd, i.Csr, i.Rs1, immediate: false)),
        E("csrrs", 0x00002073, OperandFormat.Csr, (e, i) => e.Csr(CsrOperation.ReadSet, i.Rd, i.Csr, i.Rs1, immediate: false)),
        E("csrrc", 0x00003073, OperandFormat.Csr, (e, i) => e.Csr(CsrOperation.ReadClear, i.Rd, i.Csr, i.Rs1, immediate: false)),
        E("csrrwi", 0x00005073, OperandFormat.CsrImm, (e, i) => e.Csr(CsrOperation.ReadWrite, i.Rd, i.Csr, (int)i.Imm, immediate: true)),
        E("csrrsi", 0x00006073, OperandFormat.CsrImm, (e, i) => e.Csr(CsrOperation.ReadSet, i.Rd, i.Csr, (int)i.Imm, immediate: true)),
        E("csrrci", 0x00007073, OperandFormat.CsrImm, (e, i) => e.Csr(CsrOperation.ReadClear, i.Rd, i.Csr, (int)i.Imm, immediate: true)),
    ];
}
