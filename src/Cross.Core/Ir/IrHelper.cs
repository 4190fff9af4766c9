using Cross.Core.Engine;

namespace Cross.Core.Ir;

/// <summary>
/// A function that generated code calls out to (CSR access, fclass, cache maintenance…).
/// Arguments and result travel as raw 64-bit slots. A helper may throw a
/// <see cref="GuestTrapException"/> to raise a precise guest exception at its instruction.
/// </summary>
public sealed class IrHelper
{
    public delegate ulong Function(GuestContext context, ReadOnlySpan<ulong> arguments);

    public string Name { get; }
    public IrType ReturnType { get; }
    public IReadOnlyList<IrType> ParameterTypes { get; }
    public Function Invoke { get; }

    /// <summary>Pure helpers can be folded, deduplicated and dropped when unused.</summary>
    public bool IsPure { get; }

    public IrHelper(string name, IrType returnType, IrType[] parameterTypes, Function invoke, bool isPure = false)
    {
        Name = name;
        ReturnType = returnType;
        ParameterTypes = parameterTypes;
        Invoke = invoke;
        IsPure = isPure;
    }

    public override string ToString() => Name;
}
