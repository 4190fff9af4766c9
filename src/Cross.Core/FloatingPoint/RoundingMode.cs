namespace Cross.Core.FloatingPoint;

/// <summary>
/// IEEE 754 rounding-direction attributes. The numeric values follow the RISC-V <c>frm</c> encoding on purpose,
/// so a RISC-V frontend can cast a valid <c>frm</c> field directly.
/// </summary>
public enum RoundingMode : byte
{
    /// <summary>roundTiesToEven (RISC-V RNE, ARM RN, x86 RN).</summary>
    NearestEven = 0,

    /// <summary>roundTowardZero (RISC-V RTZ, ARM RZ, x86 RZ).</summary>
    TowardZero = 1,

    /// <summary>roundTowardNegative (RISC-V RDN, ARM RM, x86 RD).</summary>
    Down = 2,

    /// <summary>roundTowardPositive (RISC-V RUP, ARM RP, x86 RU).</summary>
    Up = 3,

    /// <summary>roundTiesToAway (RISC-V RMM, ARM FRINTA / FCVTA*).</summary>
    NearestMaxMagnitude = 4,
}
