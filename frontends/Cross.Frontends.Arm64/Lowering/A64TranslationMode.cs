using Cross.Core.FloatingPoint;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>
/// The FPCR fields that change how code translates: the rounding mode, flush-to-zero and
/// default-NaN. They are part of the block-cache key, and a write to FPCR ends the block.
/// </summary>
public readonly record struct A64TranslationMode(RoundingMode Rounding, bool FlushToZero, bool DefaultNan)
{
    public static A64TranslationMode Default { get; } = new(RoundingMode.NearestEven, false, false);

    /// <summary>FPCR bits that are part of the mode: RMode [23:22], FZ [24], DN [25].</summary>
    public const uint FpcrModeMask = 0x03C0_0000;

    public static A64TranslationMode FromFpcr(uint fpcr)
    {
        // FPCR.RMode: 0 = nearest even, 1 = towards +inf, 2 = towards -inf, 3 = towards zero.
        var rounding = ((fpcr >> 22) & 3) switch
        {
            0 => RoundingMode.NearestEven,
            1 => RoundingMode.Up,
            2 => RoundingMode.Down,
            _ => RoundingMode.TowardZero,
        };
        return new A64TranslationMode(rounding, (fpcr & (1u << 24)) != 0, (fpcr & (1u << 25)) != 0);
    }
}
