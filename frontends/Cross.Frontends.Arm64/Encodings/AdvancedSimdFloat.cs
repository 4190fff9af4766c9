using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Lowering;
using static Cross.Frontends.Arm64.Encodings.AdvancedSimd;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>
/// Advanced SIMD floating point, single and double precision. The half-precision encodings
/// (FEAT_FP16) are not implemented and decode as illegal.
/// </summary>
public static class AdvancedSimdFloat
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
    ];
}
