namespace Cross.Frontends.RiscV.Decoding;

/// <summary>
/// A condition on an encoding's operand bits beyond match/mask: reserved values (c.addi16sp with
/// a zero immediate) and code points that belong to another encoding (c.lui with rd = 2 is
/// c.addi16sp). Words that match the mask but fail the constraint are not this instruction.
/// </summary>
public sealed class EncodingConstraint
{
    private readonly Func<uint, bool> _accepts;

    public string Description { get; }

    public EncodingConstraint(string description, Func<uint, bool> accepts)
    {
        Description = description;
        _accepts = accepts;
    }

    public bool Accepts(uint bits) => _accepts(bits);

    public EncodingConstraint And(EncodingConstraint other) =>
        new($"{Description} && {other.Description}", bits => Accepts(bits) && other.Accepts(bits));

    public override string ToString() => Description;

    private static uint Field(uint bits, int low, int width) => (bits >> low) & ((1u << width) - 1);

    /// <summary>The register field bits [11:7] (rd, or rs1 in CR/CI formats) is not x0.</summary>
    public static EncodingConstraint Bits11To7NotZero(string name) => new($"{name} != 0", bits => Field(bits, 7, 5) != 0);

    /// <summary>The register field bits [11:7] is not <paramref name="register"/>.</summary>
    public static EncodingConstraint Bits11To7Not(string name, int register) =>
        new($"{name} != {register}", bits => Field(bits, 7, 5) != register);

    /// <summary>The compressed rs2 field bits [6:2] is not x0.</summary>
    public static EncodingConstraint Bits6To2NotZero(string name) => new($"{name} != 0", bits => Field(bits, 2, 5) != 0);

    /// <summary>The immediate of <paramref name="kind"/> is not zero.</summary>
    public static EncodingConstraint ImmediateNotZero(ImmediateKind kind) =>
        new("imm != 0", bits => OperandLayout.Immediate(bits, kind) != 0);
}
