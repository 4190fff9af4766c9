using Cross.Frontends.Arm64.Decoding;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>
/// Loads and stores: every addressing mode of the single-register and pair forms (integer and
/// FP/SIMD registers), literal loads, exclusives, acquire/release, and LSE atomics.
/// </summary>
public static class LoadStore
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
        // LDR/STR (unsigned offset) for the integer registers; size [31:30], opc [23:22].
        Row("ldr/str (unsigned offset)", 0x39000000, 0x3F000000, (e, i) => e.LoadStoreUnsignedOffset(i), IntegerUnsignedOffset),
    ];

    private static bool IntegerUnsignedOffset(uint bits)
    {
        var size = Field(bits, 31, 30);
        var opc = Field(bits, 23, 22);
        // opc 2 (sign-extending to 64 bits) does not exist for 64-bit loads; size 3 opc 2 is PRFM.
        return !(size == 3 && opc >= 2) && !(size == 2 && opc == 3);
    }
}
