using Cross.Core.Ir;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>
/// The CRC32 instructions as pure helpers: (accumulator i32, data i64, bit count i32) → i32.
/// A64 uses the bit-reflected form with no initial or final inversion (software does those),
/// so the data is consumed least significant bit first.
/// </summary>
public static class A64CrcHelpers
{
    /// <summary>The CRC-32 polynomial 0x04C11DB7 with its bits reversed (CRC32B/H/W/X).</summary>
    public const uint ReflectedCrc32Polynomial = 0xEDB8_8320;

    /// <summary>The CRC-32C (Castagnoli) polynomial 0x1EDC6F41 with its bits reversed (CRC32CB/H/W/X).</summary>
    public const uint ReflectedCrc32CPolynomial = 0x82F6_3B78;

    public static IrHelper Crc32 { get; } = Create("a64.crc32", ReflectedCrc32Polynomial);

    public static IrHelper Crc32C { get; } = Create("a64.crc32c", ReflectedCrc32CPolynomial);

    /// <summary>One CRC step over the low <paramref name="bitCount"/> bits of <paramref name="data"/>.</summary>
    public static uint Accumulate(uint crc, ulong data, int bitCount, uint reflectedPolynomial)
    {
        // The accumulator lines up with the data's low 32 bits; data above them shifts down into
        // the register as the low bits are consumed, which is polynomial division bit by bit.
        var remainder = (bitCount == 64 ? data : data & ((1UL << bitCount) - 1)) ^ crc;
        for (var bit = 0; bit < bitCount; bit++)
            remainder = (remainder >> 1) ^ ((remainder & 1) != 0 ? reflectedPolynomial : 0);
        return (uint)remainder;
    }

    private static IrHelper Create(string name, uint reflectedPolynomial) => new(
        name, IrType.I32, [IrType.I32, IrType.I64, IrType.I32],
        (_, arguments) => Accumulate((uint)arguments[0], arguments[1], (int)(uint)arguments[2], reflectedPolynomial),
        isPure: true);
}
