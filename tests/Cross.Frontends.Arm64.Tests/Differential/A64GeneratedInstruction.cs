using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Tests.Differential;

/// <summary>One generated instruction word, with the assembly lines that set up its memory operand.</summary>
public sealed record A64GeneratedInstruction(A64Encoding Encoding, uint Bits, IReadOnlyList<string> Setup)
{
    public string Describe() => $"{Encoding.Mnemonic} ({Bits:x8})" + (Setup.Count == 0 ? "" : $" after `{string.Join("; ", Setup)}`");
}
