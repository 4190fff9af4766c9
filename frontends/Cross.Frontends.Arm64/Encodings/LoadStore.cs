using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Lowering;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>
/// Loads and stores: every addressing mode of the single-register and pair forms (integer and
/// FP/SIMD registers), literal loads, prefetches, exclusives, acquire/release, and LSE atomics.
/// The Advanced SIMD structure loads and stores are in <see cref="LoadStoreStructures"/>.
/// </summary>
/// <remarks>
/// Field names follow the Arm ARM: size [31:30], V [26] (FP/SIMD register), opc [23:22] for the
/// single-register forms and [31:30] for pairs, L [22] (load) for pairs and exclusives.
/// </remarks>
public static class LoadStore
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
        // Single register, integer (V = 0) and FP/SIMD (V = 1).
        Row("ldr/str (unsigned offset)", 0x39000000, 0x3F000000, (e, i) => e.LoadStoreSingle(i, A64Addressing.UnsignedOffset), IntegerSingle),
        Row("ldur/stur", 0x38000000, 0x3F200C00, (e, i) => e.LoadStoreSingle(i, A64Addressing.Unscaled), IntegerSingle),
        Row("ldr/str (post-index)", 0x38000400, 0x3F200C00, (e, i) => e.LoadStoreSingle(i, A64Addressing.PostIndex), IntegerSingle),
        // LDTR/STTR check EL0 permissions, which is what every access does in user mode.
        Row("ldtr/sttr", 0x38000800, 0x3F200C00, (e, i) => e.LoadStoreSingle(i, A64Addressing.Unscaled), IntegerSingle),
        Row("ldr/str (pre-index)", 0x38000C00, 0x3F200C00, (e, i) => e.LoadStoreSingle(i, A64Addressing.PreIndex), IntegerSingle),
        Row("ldr/str (register)", 0x38200800, 0x3F200C00, (e, i) => e.LoadStoreSingle(i, A64Addressing.RegisterOffset), IntegerRegisterOffset),
        Row("ldr (literal)", 0x18000000, 0x3F000000, (e, i) => e.LoadLiteral(i), bits => Field(bits, 31, 30) != 3),
        Row(A64Feature.FloatingPoint, "ldr/str fp (unsigned offset)", 0x3D000000, 0x3F000000, (e, i) => e.LoadStoreSingle(i, A64Addressing.UnsignedOffset), VectorSingle),
        Row(A64Feature.FloatingPoint, "ldur/stur fp", 0x3C000000, 0x3F200C00, (e, i) => e.LoadStoreSingle(i, A64Addressing.Unscaled), VectorSingle),
        Row(A64Feature.FloatingPoint, "ldr/str fp (post-index)", 0x3C000400, 0x3F200C00, (e, i) => e.LoadStoreSingle(i, A64Addressing.PostIndex), VectorSingle),
        Row(A64Feature.FloatingPoint, "ldr/str fp (pre-index)", 0x3C000C00, 0x3F200C00, (e, i) => e.LoadStoreSingle(i, A64Addressing.PreIndex), VectorSingle),
        Row(A64Feature.FloatingPoint, "ldr/str fp (register)", 0x3C200800, 0x3F200C00, (e, i) => e.LoadStoreSingle(i, A64Addressing.RegisterOffset), bits => VectorSingle(bits) && ValidExtend(bits)),
        Row(A64Feature.FloatingPoint, "ldr fp (literal)", 0x1C000000, 0x3F000000, (e, i) => e.LoadLiteral(i), bits => Field(bits, 31, 30) != 3),

        // Prefetches are hints: every prfop value (allocated or not) executes as a no-op.
        Row("prfm (unsigned offset)", 0xF9800000, 0xFFC00000, (e, i) => { }),
        Row("prfum", 0xF8800000, 0xFFE00C00, (e, i) => { }),
        Row("prfm (register)", 0xF8A00800, 0xFFE00C00, (e, i) => { }, ValidExtend),
        Row("prfm (literal)", 0xD8000000, 0xFF000000, (e, i) => { }),

        // Pairs: [25:23] is 000 no-allocate (LDNP/STNP), 001 post-index, 010 offset, 011 pre-index.
        Row("ldnp/stnp", 0x28000000, 0x3F800000, (e, i) => e.LoadStorePair(i, A64Addressing.UnsignedOffset), bits => IntegerPair(bits, nonTemporal: true)),
        Row("ldp/stp (post-index)", 0x28800000, 0x3F800000, (e, i) => e.LoadStorePair(i, A64Addressing.PostIndex), bits => IntegerPair(bits, nonTemporal: false)),
        Row("ldp/stp (offset)", 0x29000000, 0x3F800000, (e, i) => e.LoadStorePair(i, A64Addressing.UnsignedOffset), bits => IntegerPair(bits, nonTemporal: false)),
        Row("ldp/stp (pre-index)", 0x29800000, 0x3F800000, (e, i) => e.LoadStorePair(i, A64Addressing.PreIndex), bits => IntegerPair(bits, nonTemporal: false)),
        Row(A64Feature.FloatingPoint, "ldnp/stnp fp", 0x2C000000, 0x3F800000, (e, i) => e.LoadStorePair(i, A64Addressing.UnsignedOffset), VectorPair),
        Row(A64Feature.FloatingPoint, "ldp/stp fp (post-index)", 0x2C800000, 0x3F800000, (e, i) => e.LoadStorePair(i, A64Addressing.PostIndex), VectorPair),
        Row(A64Feature.FloatingPoint, "ldp/stp fp (offset)", 0x2D000000, 0x3F800000, (e, i) => e.LoadStorePair(i, A64Addressing.UnsignedOffset), VectorPair),
        Row(A64Feature.FloatingPoint, "ldp/stp fp (pre-index)", 0x2D800000, 0x3F800000, (e, i) => e.LoadStorePair(i, A64Addressing.PreIndex), VectorPair),

        // Exclusives and load-acquire/store-release: o2 [23], L [22], o1 [21], o0 [15] (acquire or
        // release). The fields an instruction does not use (Rs, Rt2) must be all ones.
        Row("stxr/stlxr", 0x08007C00, 0x3FE07C00, (e, i) => e.StoreExclusive(i, pair: false)),
        Row("ldxr/ldaxr", 0x085F7C00, 0x3FFF7C00, (e, i) => e.LoadExclusive(i, pair: false)),
        Row("stxp/stlxp", 0x88200000, 0xBFE00000, (e, i) => e.StoreExclusive(i, pair: true)),
        Row("ldxp/ldaxp", 0x887F0000, 0xBFFF0000, (e, i) => e.LoadExclusive(i, pair: true)),
        // STLLR/LDLAR (FEAT_LOR) order at least as strongly as STLR/LDAR, so they lower the same.
        Row("stlr/stllr", 0x089F7C00, 0x3FFF7C00, (e, i) => e.StoreRelease(i)),
        Row("ldar/ldlar", 0x08DF7C00, 0x3FFF7C00, (e, i) => e.LoadAcquire(i)),

        // LSE: compare-and-swap (single and pair), and the atomic memory operations; the ST<op>
        // aliases are the same words with Rt = XZR.
        Row(A64Feature.Atomics, "cas", 0x08A07C00, 0x3FA07C00, (e, i) => e.CompareAndSwap(i)),
        Row(A64Feature.Atomics, "casp", 0x08207C00, 0xBFA07C00, (e, i) => e.CompareAndSwapPair(i), EvenPairRegisters),
        Row(A64Feature.Atomics, "ld<op>", 0x38200000, 0x3F208C00, (e, i) => e.AtomicMemoryOperation(i)),
        Row(A64Feature.Atomics, "swp", 0x38208000, 0x3F20FC00, (e, i) => e.Swap(i)),
        Row(A64Feature.Rcpc, "ldapr", 0x38BFC000, 0x3FFFFC00, (e, i) => e.LoadAcquire(i)),
    ];

    /// <summary>
    /// Integer single-register forms: size 2 (W) has no opc 3 (sign-extend to 32 bits), size 3 (X)
    /// has no sign-extending loads; size 3 opc 2 is PRFM/PRFUM, a row of its own (and unallocated
    /// in the indexed and unprivileged forms).
    /// </summary>
    private static bool IntegerSingle(uint bits)
    {
        var size = Field(bits, 31, 30);
        var opc = Field(bits, 23, 22);
        return !(size == 3 && opc >= 2) && !(size == 2 && opc == 3);
    }

    private static bool IntegerRegisterOffset(uint bits) => IntegerSingle(bits) && ValidExtend(bits);

    /// <summary>FP/SIMD single-register forms: opc 2/3 exist only with size 0, where they mean Q.</summary>
    private static bool VectorSingle(uint bits) => Field(bits, 23, 22) < 2 || Field(bits, 31, 30) == 0;

    /// <summary>Register offset: option must be UXTW (010), LSL (011), SXTW (110) or SXTX (111).</summary>
    private static bool ValidExtend(uint bits) => (Field(bits, 15, 13) & 2) != 0;

    /// <summary>Integer pairs: opc 0 (W) and 2 (X); opc 1 is LDPSW, which has no store (STGP is MTE) and no no-allocate form.</summary>
    private static bool IntegerPair(uint bits, bool nonTemporal)
    {
        var opc = Field(bits, 31, 30);
        if (opc == 3) return false;
        if (opc == 1) return !nonTemporal && Field(bits, 22, 22) == 1;
        return true;
    }

    /// <summary>FP/SIMD pairs: opc 0 (S), 1 (D), 2 (Q).</summary>
    private static bool VectorPair(uint bits) => Field(bits, 31, 30) != 3;

    /// <summary>CASP names register pairs by their first register, which must be even.</summary>
    private static bool EvenPairRegisters(uint bits) => (Field(bits, 16, 16) | Field(bits, 0, 0)) == 0;
}
