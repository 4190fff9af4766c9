using System.Runtime.CompilerServices;

namespace Cross.Core.Ir;

/// <summary>The value types of the shared IR. Integers carry no signedness; operations do.</summary>
public enum IrType : byte
{
    Void,
    I1,
    I8,
    I16,
    I32,
    I64,
    I128,
    F32,
    F64,
    V128,
}

public static class IrTypeExtensions
{
    // Per-type tables indexed by the enum value (Void, I1, I8, I16, I32, I64, I128, F32, F64, V128):
    // the interpreter asks for widths and masks on every instruction, and a lookup inlines where
    // a switch does not.
    private static ReadOnlySpan<byte> BitsByType => [0, 1, 8, 16, 32, 64, 128, 32, 64, 128];

    private static ReadOnlySpan<ulong> MaskByType =>
        [ulong.MaxValue, 1UL, 0xFFUL, 0xFFFFUL, 0xFFFF_FFFFUL, ulong.MaxValue, ulong.MaxValue, 0xFFFF_FFFFUL, ulong.MaxValue, ulong.MaxValue];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bits(this IrType type) => (uint)type < (uint)BitsByType.Length ? BitsByType[(int)type] : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bytes(this IrType type) => (type.Bits() + 7) / 8;

    public static bool IsInteger(this IrType type) => type is >= IrType.I1 and <= IrType.I128;

    public static bool IsFloat(this IrType type) => type is IrType.F32 or IrType.F64;

    /// <summary>True for types that need more than one 64-bit slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWide(this IrType type) => type is IrType.I128 or IrType.V128;

    /// <summary>Mask selecting the low bits of a 64-bit slot that belong to a value of this type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mask(this IrType type) => (uint)type < (uint)MaskByType.Length ? MaskByType[(int)type] : ulong.MaxValue;

    public static IrType IntegerOfSize(int bytes) => bytes switch
    {
        1 => IrType.I8,
        2 => IrType.I16,
        4 => IrType.I32,
        8 => IrType.I64,
        16 => IrType.I128,
        _ => throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "no integer type of that size"),
    };

    public static string Name(this IrType type) => type switch
    {
        IrType.Void => "void",
        IrType.I1 => "i1",
        IrType.I8 => "i8",
        IrType.I16 => "i16",
        IrType.I32 => "i32",
        IrType.I64 => "i64",
        IrType.I128 => "i128",
        IrType.F32 => "f32",
        IrType.F64 => "f64",
        IrType.V128 => "v128",
        _ => "?",
    };
}
