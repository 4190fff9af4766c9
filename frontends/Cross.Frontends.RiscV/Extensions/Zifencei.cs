using Cross.Frontends.RiscV.Decoding;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>Zifencei: fence.i ends the block so the next fetch sees freshly written code.</summary>
public static class Zifencei
{
    public static IReadOnlyList<RiscVEncoding> Encodings { get; } =
    [
        Define.Encoding(RiscVExtension.Zifencei, "fence.i", 0x0000100F, 0x0000707F, OperandFormat.I,
            (e, _) => e.FenceInstruction(), EncodingFlags.IsSystem),
    ];
}
