using Cross.Frontends.RiscV.Decoding;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>
/// The privileged instructions (priv spec 20211203): trap return, wait for interrupt and the
/// supervisor memory-management fence. Only the system-mode decoder knows them; in a user
/// process they are illegal, as they are in U-mode.
/// </summary>
public static class Privileged
{
    private static RiscVEncoding E(string mnemonic, uint match, uint mask, OperandFormat format, InstructionHandler handler) =>
        Define.Encoding(RiscVExtension.Privileged, mnemonic, match, mask, format, handler, EncodingFlags.IsSystem, ImmediateKind.None);

    public static IReadOnlyList<RiscVEncoding> Encodings { get; } =
    [
        E("sret", 0x10200073, 0xFFFFFFFF, OperandFormat.I, (e, _) => e.Sret()),
        E("mret", 0x30200073, 0xFFFFFFFF, OperandFormat.I, (e, _) => e.Mret()),
        E("wfi", 0x10500073, 0xFFFFFFFF, OperandFormat.I, (e, _) => e.Wfi()),
        E("sfence.vma", 0x12000073, 0xFE007FFF, OperandFormat.R, (e, i) => e.SfenceVma(i.Rs1, i.Rs2)),
    ];
}
