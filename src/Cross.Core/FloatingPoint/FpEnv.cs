namespace Cross.Core.FloatingPoint;

/// <summary>
/// The floating-point environment an operation runs in.
/// </summary>
/// <param name="Rounding">Rounding direction.</param>
/// <param name="Nan">How NaN results are produced.</param>
/// <param name="FlushToZero">
/// ARM FPCR.FZ semantics: denormal inputs are flushed to a zero of the same sign, raising
/// <see cref="FpExceptions.InputDenormal"/>; tiny results (tininess detected as selected by
/// <paramref name="TininessBeforeRounding"/>) are flushed to a zero of the same sign, raising
/// <see cref="FpExceptions.Underflow"/> but not <see cref="FpExceptions.Inexact"/>.
/// </param>
/// <param name="DenormalsAreZero">
/// x86 MXCSR.DAZ semantics: denormal inputs are treated as zeros of the same sign without raising any flag.
/// Takes precedence over the input half of <paramref name="FlushToZero"/> (so no InputDenormal is raised).
/// </param>
/// <param name="TininessBeforeRounding">
/// false (RISC-V, x86): tininess is detected after rounding; true (ARM): before rounding.
/// </param>
public readonly record struct FpEnv(
    RoundingMode Rounding,
    NanPolicy Nan,
    bool FlushToZero = false,
    bool DenormalsAreZero = false,
    bool TininessBeforeRounding = false);
