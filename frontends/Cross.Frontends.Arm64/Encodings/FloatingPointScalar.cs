using Cross.Frontends.Arm64.Decoding;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>Scalar floating point: arithmetic, FMA, compare, select, conversions, moves, immediates.</summary>
public static class FloatingPointScalar
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
    ];
}
