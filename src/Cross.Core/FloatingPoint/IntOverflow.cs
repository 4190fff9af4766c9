namespace Cross.Core.FloatingPoint;

/// <summary>
/// What a floating-point to integer conversion returns for NaN or out-of-range inputs (after rounding).
/// All of these raise <see cref="FpExceptions.Invalid"/> and never <see cref="FpExceptions.Inexact"/> in that case.
/// </summary>
public enum IntOverflow : byte
{
    /// <summary>
    /// RISC-V <c>fcvt</c>: NaN gives the maximum value, positive overflow (and +inf) the maximum,
    /// negative overflow (and -inf) the minimum (0 for unsigned).
    /// </summary>
    Saturate,

    /// <summary>ARM <c>FCVT*S/U</c>: NaN gives 0; out-of-range values saturate like <see cref="Saturate"/>.</summary>
    SaturateNanZero,

    /// <summary>
    /// x86 <c>CVT(T)SS2SI</c> etc.: every invalid case gives the "integer indefinite" value
    /// 0x80000000 / 0x8000000000000000 for signed results and all ones (the unsigned maximum) for unsigned results.
    /// </summary>
    Indefinite,
}
