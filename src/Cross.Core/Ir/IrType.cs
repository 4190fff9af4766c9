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
    public static int Bits(this IrType type) => type switch
    {
        IrType.I1 => 1,
        IrType.I8 => 8,
        IrType.I16 => 16,
        IrType.I32 or IrType.F32 => 32,
        IrType.I64 or IrType.F64 => 64,
        IrType.I128 or IrType.V128 => 128,
        _ => 0,
    };

    public static int Bytes(this IrType type) => (type.Bits() + 7) / 8;

    public static bool IsInteger(this IrType type) => type is >= IrType.I1 and <= IrType.I128;

    public static bool IsFloat(this IrType type) => type is IrType.F32 or IrType.F64;

    /// <summary>True for types that need more than one 64-bit slot.</summary>
    public static bool IsWide(this IrType type) => type is IrType.I128 or IrType.V128;

    /// <summary>Mask selecting the low bits of a 64-bit slot that belong to a value of this type.</summary>
    public static ulong Mask(this IrType type) => type.Bits() switch
    {
        1 => 1UL,
        8 => 0xFFUL,
        16 => 0xFFFFUL,
        32 => 0xFFFF_FFFFUL,
        _ => ulong.MaxValue,
    };

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
