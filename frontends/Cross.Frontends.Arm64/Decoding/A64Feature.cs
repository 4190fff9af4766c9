namespace Cross.Frontends.Arm64.Decoding;

/// <summary>
/// The architecture feature an encoding belongs to. User mode reports exactly the implemented
/// features in AT_HWCAP, so glibc only selects code paths this frontend runs.
/// </summary>
public enum A64Feature
{
    /// <summary>The base A64 instruction set.</summary>
    Base,
    /// <summary>Scalar floating point (HWCAP_FP).</summary>
    FloatingPoint,
    /// <summary>Advanced SIMD (HWCAP_ASIMD).</summary>
    AdvancedSimd,
    /// <summary>CRC32 instructions (HWCAP_CRC32).</summary>
    Crc32,
    /// <summary>Large System Extensions: CAS, SWP, LDADD… (HWCAP_ATOMICS).</summary>
    Atomics,
    /// <summary>Load-acquire RCpc: LDAPR (HWCAP_LRCPC).</summary>
    Rcpc,
}
