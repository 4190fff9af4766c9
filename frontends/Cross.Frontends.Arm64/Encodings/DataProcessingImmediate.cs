using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Lowering;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>Data processing with immediates: PC-relative addresses, add/sub, logical, move wide, bitfield, extract.</summary>
public static class DataProcessingImmediate
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
        Row("adr", 0x10000000, 0x9F000000, (e, i) => e.PcRelativeAddress(i, page: false)),
        Row("adrp", 0x90000000, 0x9F000000, (e, i) => e.PcRelativeAddress(i, page: true)),
        Row("add/sub (immediate)", 0x11000000, 0x1F800000, (e, i) => e.AddSubImmediate(i)),
        Row("logical (immediate)", 0x12000000, 0x1F800000, (e, i) => e.LogicalImmediate(i), ValidLogicalImmediate),
        Row("move wide", 0x12800000, 0x1F800000, (e, i) => e.MoveWide(i), ValidMoveWide),
        Row("bitfield", 0x13000000, 0x1F800000, (e, i) => e.Bitfield(i), ValidBitfield),
        Row("extr", 0x13800000, 0x7FA00000, (e, i) => e.Extract(i), ValidExtract),
    ];

    private static bool Is64(uint bits) => (bits >> 31) != 0;

    private static bool ValidLogicalImmediate(uint bits)
    {
        var n = Field(bits, 22, 22) != 0;
        if (!Is64(bits) && n) return false;
        return BitMasks.LogicalImmediate(n, Field(bits, 15, 10), Field(bits, 21, 16), Is64(bits) ? 64 : 32) is not null;
    }

    private static bool ValidMoveWide(uint bits) =>
        Field(bits, 30, 29) != 1 && (Is64(bits) || Field(bits, 22, 22) == 0);

    private static bool ValidBitfield(uint bits)
    {
        if (Field(bits, 30, 29) == 3) return false;
        var n = Field(bits, 22, 22);
        if (Is64(bits)) return n == 1;
        return n == 0 && Field(bits, 21, 21) == 0 && Field(bits, 15, 15) == 0;
    }

    private static bool ValidExtract(uint bits)
    {
        var n = Field(bits, 22, 22);
        if (Is64(bits)) return n == 1;
        return n == 0 && Field(bits, 15, 15) == 0;
    }
}
