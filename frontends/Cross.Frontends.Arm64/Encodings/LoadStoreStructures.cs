using Cross.Frontends.Arm64.Decoding;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>
/// Advanced SIMD structure loads and stores: LD1-LD4/ST1-ST4 of multiple structures, of one lane,
/// and LD1R-LD4R, each with an optional post-index by immediate (Rm = 31) or register. Fields:
/// Q [30], L [22] (load), R [21] (single structure: one more register), Rm [20:16], opcode [15:12]
/// (multiple) or [15:13] with S [12] (single), size [11:10].
/// </summary>
public static class LoadStoreStructures
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
        Row(A64Feature.AdvancedSimd, "ld/st multiple structures", 0x0C000000, 0xBFBF0000, (e, i) => e.LoadStoreMultipleStructures(i, postIndex: false), ValidMultiple),
        Row(A64Feature.AdvancedSimd, "ld/st multiple structures (post-index)", 0x0C800000, 0xBFA00000, (e, i) => e.LoadStoreMultipleStructures(i, postIndex: true), ValidMultiple),
        Row(A64Feature.AdvancedSimd, "ld/st single structure", 0x0D000000, 0xBF9F0000, (e, i) => e.LoadStoreSingleStructure(i, postIndex: false), ValidSingle),
        Row(A64Feature.AdvancedSimd, "ld/st single structure (post-index)", 0x0D800000, 0xBF800000, (e, i) => e.LoadStoreSingleStructure(i, postIndex: true), ValidSingle),
    ];

    /// <summary>
    /// The allocated opcodes are LD4 (0000), LD1 ×4 (0010), LD3 (0100), LD1 ×3 (0110), LD1 ×1
    /// (0111), LD2 (1000) and LD1 ×2 (1010); the interleaving ones have no 1D arrangement.
    /// </summary>
    private static bool ValidMultiple(uint bits)
    {
        var opcode = Field(bits, 15, 12);
        if (opcode is not (0b0000 or 0b0010 or 0b0100 or 0b0110 or 0b0111 or 0b1000 or 0b1010)) return false;
        var interleaved = opcode is 0b0000 or 0b0100 or 0b1000;
        var oneD = Field(bits, 11, 10) == 3 && Field(bits, 30, 30) == 0;
        return !(interleaved && oneD);
    }

    /// <summary>
    /// opcode [15:14] gives the element size: bytes (any S:size), halfwords (size&lt;0&gt; = 0), words
    /// (size 00) or doublewords (size 01 with S = 0); 11 is LDnR, a load with S = 0.
    /// </summary>
    private static bool ValidSingle(uint bits)
    {
        var size = Field(bits, 11, 10);
        var s = Field(bits, 12, 12);
        return Field(bits, 15, 14) switch
        {
            0 => true,
            1 => (size & 1) == 0,
            2 => size == 0 || (size == 1 && s == 0),
            _ => Field(bits, 22, 22) == 1 && s == 0,
        };
    }
}
