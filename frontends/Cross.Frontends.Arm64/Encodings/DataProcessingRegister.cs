using Cross.Frontends.Arm64.Decoding;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>
/// Data processing with registers: logical and add/sub (shifted and extended register),
/// add/sub with carry, conditional compare and select, 1-, 2- and 3-source operations, CRC32.
/// </summary>
public static class DataProcessingRegister
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
    ];
}
