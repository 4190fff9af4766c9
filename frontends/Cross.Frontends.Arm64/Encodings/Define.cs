using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>Shorthands the group tables use to define rows.</summary>
internal static class Define
{
    public static A64Encoding Row(string mnemonic, uint match, uint mask, A64Handler handler, Func<uint, bool>? constraint = null) =>
        new(mnemonic, match, mask, A64Feature.Base, handler, constraint);

    public static A64Encoding Row(A64Feature feature, string mnemonic, uint match, uint mask, A64Handler handler, Func<uint, bool>? constraint = null) =>
        new(mnemonic, match, mask, feature, handler, constraint);

    /// <summary>Bits [hi:lo] of a word.</summary>
    public static uint Field(uint bits, int hi, int lo) => (bits >> lo) & (uint)((1UL << (hi - lo + 1)) - 1);
}
