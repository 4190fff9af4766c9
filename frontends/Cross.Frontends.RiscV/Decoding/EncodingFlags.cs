namespace Cross.Frontends.RiscV.Decoding;

/// <summary>What an encoding does, for generators, disassembly and block building.</summary>
[Flags]
public enum EncodingFlags : ushort
{
    None = 0,
    IsBranch = 1 << 0,
    IsJump = 1 << 1,
    IsLoad = 1 << 2,
    IsStore = 1 << 3,
    IsAtomic = 1 << 4,
    IsFp = 1 << 5,
    IsSystem = 1 << 6,
    /// <summary>rd names an f register.</summary>
    RdIsFp = 1 << 7,
    /// <summary>rs1 names an f register.</summary>
    Rs1IsFp = 1 << 8,
    /// <summary>rs2 names an f register.</summary>
    Rs2IsFp = 1 << 9,
    /// <summary>rs3 names an f register.</summary>
    Rs3IsFp = 1 << 10,
    /// <summary>Bits [14:12] are a rounding mode; the values 5 and 6 are reserved (illegal).</summary>
    HasRoundingMode = 1 << 11,

    // Common combinations.
    FpRdRs1 = IsFp | RdIsFp | Rs1IsFp,
    FpRdRs1Rs2 = FpRdRs1 | Rs2IsFp,
    FpAll = FpRdRs1Rs2 | Rs3IsFp,
}
