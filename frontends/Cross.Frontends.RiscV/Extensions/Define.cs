using Cross.Frontends.RiscV.Decoding;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>Builds table rows, taking the usual immediate layout from the operand format.</summary>
internal static class Define
{
    public static RiscVEncoding Encoding(RiscVExtension extension, string mnemonic, uint match, uint mask, OperandFormat format,
        InstructionHandler handler, EncodingFlags flags = EncodingFlags.None, ImmediateKind? immediate = null, EncodingConstraint? constraint = null) =>
        new(mnemonic, match, mask, extension, format, immediate ?? DefaultImmediate(format), flags, handler, constraint);

    private static ImmediateKind DefaultImmediate(OperandFormat format) => format switch
    {
        OperandFormat.I => ImmediateKind.I,
        OperandFormat.S => ImmediateKind.S,
        OperandFormat.B => ImmediateKind.B,
        OperandFormat.U => ImmediateKind.U,
        OperandFormat.J => ImmediateKind.J,
        OperandFormat.Shift => ImmediateKind.Shamt6,
        OperandFormat.CsrImm => ImmediateKind.CsrUimm,
        _ => ImmediateKind.None,
    };
}
