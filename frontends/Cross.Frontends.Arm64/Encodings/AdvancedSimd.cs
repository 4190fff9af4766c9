using Cross.Frontends.Arm64.Decoding;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>Advanced SIMD: vector integer and FP operations, permutes, table lookups, structure loads and stores.</summary>
public static class AdvancedSimd
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
    ];
}
