using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>The whole A64 table: one list per instruction group, each in its own file.</summary>
public static class A64Encodings
{
    public static IReadOnlyList<A64Encoding> All { get; } =
    [
        .. BranchesAndSystem.Encodings,
        .. DataProcessingImmediate.Encodings,
        .. DataProcessingRegister.Encodings,
        .. LoadStore.Encodings,
        .. LoadStoreStructures.Encodings,
        .. FloatingPointScalar.Encodings,
        .. AdvancedSimd.Encodings,
        .. AdvancedSimdFloat.Encodings,
    ];
}
