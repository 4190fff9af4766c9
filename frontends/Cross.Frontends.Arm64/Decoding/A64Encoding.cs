using Cross.Frontends.Arm64.Lowering;

namespace Cross.Frontends.Arm64.Decoding;

/// <summary>Lowers one decoded instruction to IR.</summary>
public delegate void A64Handler(A64Emitter emitter, A64Instruction instruction);

/// <summary>
/// One row of the encoding tables: a bit pattern (<see cref="Match"/> under <see cref="Mask"/>),
/// the feature it belongs to, an optional test for operand values that are unallocated or belong
/// to another row, and the handler that lowers it. The random instruction generator draws from
/// the same rows, so every row must describe exactly the words its handler accepts.
/// </summary>
public sealed class A64Encoding
{
    public string Mnemonic { get; }
    public uint Match { get; }
    public uint Mask { get; }
    public A64Feature Feature { get; }

    /// <summary>False for operand values this row does not accept (unallocated, or an alias decoded elsewhere); null when all are valid.</summary>
    public Func<uint, bool>? Constraint { get; }

    internal A64Handler Handler { get; }

    public A64Encoding(string mnemonic, uint match, uint mask, A64Feature feature, A64Handler handler, Func<uint, bool>? constraint = null)
    {
        if ((match & ~mask) != 0) throw new ArgumentException($"{mnemonic}: match 0x{match:x8} has bits outside the mask 0x{mask:x8}");
        Mnemonic = mnemonic;
        Match = match;
        Mask = mask;
        Feature = feature;
        Handler = handler;
        Constraint = constraint;
    }

    /// <summary>True when <paramref name="bits"/> is a valid instance of this row.</summary>
    public bool Accepts(uint bits) => (bits & Mask) == Match && (Constraint is null || Constraint(bits));

    public override string ToString() => Mnemonic;
}
