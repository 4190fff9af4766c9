using Cross.Frontends.RiscV.Lowering;

namespace Cross.Frontends.RiscV.Decoding;

/// <summary>Lowers one decoded instruction to IR.</summary>
public delegate void InstructionHandler(RiscVEmitter emitter, DecodedInstruction instruction);

/// <summary>
/// One row of the encoding tables: a bit pattern (<see cref="Match"/> under <see cref="Mask"/>),
/// its operand layout, what it does (<see cref="Flags"/>) and the handler that lowers it.
/// Compressed encodings are 16-bit patterns with their own rows.
/// </summary>
public sealed class RiscVEncoding
{
    public string Mnemonic { get; }
    public uint Match { get; }
    public uint Mask { get; }
    public RiscVExtension Extension { get; }
    public OperandFormat Format { get; }
    public ImmediateKind Immediate { get; }
    public EncodingFlags Flags { get; }

    /// <summary>Reserved or claimed-elsewhere operand values, or null when every operand value is valid.</summary>
    public EncodingConstraint? Constraint { get; }

    /// <summary>2 for compressed encodings, 4 otherwise.</summary>
    public int Length { get; }

    public bool IsCompressed => Length == 2;

    /// <summary>The free bit runs (registers, immediates, rounding mode…) not fixed by <see cref="Mask"/>.</summary>
    public IReadOnlyList<OperandField> Fields { get; }

    internal InstructionHandler Handler { get; }

    public RiscVEncoding(string mnemonic, uint match, uint mask, RiscVExtension extension, OperandFormat format,
        ImmediateKind immediate, EncodingFlags flags, InstructionHandler handler, EncodingConstraint? constraint = null)
    {
        if ((match & ~mask) != 0) throw new ArgumentException($"{mnemonic}: match has bits outside the mask");
        Mnemonic = mnemonic;
        Match = match;
        Mask = mask;
        Extension = extension;
        Format = format;
        Immediate = immediate;
        Flags = flags;
        Handler = handler;
        Constraint = constraint;
        Length = (match & 3) == 3 ? 4 : 2;
        Fields = OperandLayout.Fields(format, immediate, flags, mask);
    }

    public bool HasFlag(EncodingFlags flag) => (Flags & flag) == flag;

    /// <summary>True when the fixed bits match, ignoring operand constraints.</summary>
    public bool Matches(uint bits) => (bits & Mask) == Match;

    /// <summary>True when <paramref name="bits"/> is a valid instance of this encoding.</summary>
    public bool Accepts(uint bits)
    {
        if ((bits & Mask) != Match) return false;
        if (IsCompressed && bits > 0xFFFF) return false;
        if (HasFlag(EncodingFlags.HasRoundingMode) && ((bits >> 12) & 7) is 5 or 6) return false;
        return Constraint is null || Constraint.Accepts(bits);
    }

    /// <summary>Decodes the operands of <paramref name="bits"/> (which must match) as this encoding.</summary>
    public DecodedInstruction Decode(uint bits) => new(this, bits);

    public override string ToString() => Mnemonic;
}
