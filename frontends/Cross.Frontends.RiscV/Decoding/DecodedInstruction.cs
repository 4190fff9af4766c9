using System.Text;

namespace Cross.Frontends.RiscV.Decoding;

/// <summary>An instruction word with its encoding and operands pulled out.</summary>
public readonly struct DecodedInstruction
{
    public RiscVEncoding Encoding { get; }
    public uint Bits { get; }
    public int Rd { get; }
    public int Rs1 { get; }
    public int Rs2 { get; }
    public int Rs3 { get; }
    public long Imm { get; }

    public DecodedInstruction(RiscVEncoding encoding, uint bits)
    {
        Encoding = encoding;
        Bits = bits;
        (Rd, Rs1, Rs2, Rs3) = OperandLayout.Registers(bits, encoding.Format);
        Imm = OperandLayout.Immediate(bits, encoding.Immediate);
    }

    public int Length => Encoding.Length;

    /// <summary>Rounding-mode field [14:12] (7 = dynamic).</summary>
    public int Rm => (int)(Bits >> 12) & 7;

    /// <summary>CSR number [31:20].</summary>
    public int Csr => (int)(Bits >> 20);

    public bool Acquire => (Bits >> 26 & 1) != 0;

    public bool Release => (Bits >> 25 & 1) != 0;

    public string Mnemonic => Encoding.Mnemonic;

    /// <summary>Mnemonic and raw operand fields, e.g. "addi x1, x2, -5" or "fadd.s f1, f2, f3, rm=7".</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Encoding.Mnemonic);
        var separator = " ";
        void Add(string operand)
        {
            text.Append(separator).Append(operand);
            separator = ", ";
        }
        var flags = Encoding.Flags;
        string Reg(int number, EncodingFlags fp) => (flags & fp) != 0 ? $"f{number}" : $"x{number}";

        var kinds = new HashSet<OperandKind>();
        foreach (var field in Encoding.Fields) kinds.Add(field.Kind);
        if (kinds.Contains(OperandKind.Rd) || kinds.Contains(OperandKind.RdRs1)) Add(Reg(Rd, EncodingFlags.RdIsFp));
        if (kinds.Contains(OperandKind.Rs1)) Add(Reg(Rs1, EncodingFlags.Rs1IsFp));
        if (kinds.Contains(OperandKind.Rs2)) Add(Reg(Rs2, EncodingFlags.Rs2IsFp));
        if (kinds.Contains(OperandKind.Rs3)) Add(Reg(Rs3, EncodingFlags.Rs3IsFp));
        if (kinds.Contains(OperandKind.Csr)) Add($"csr=0x{Csr:x}");
        if (Encoding.Immediate != ImmediateKind.None) Add(Imm.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (kinds.Contains(OperandKind.RoundingMode)) Add($"rm={Rm}");
        if (kinds.Contains(OperandKind.Acquire) && Acquire) Add("aq");
        if (kinds.Contains(OperandKind.Release) && Release) Add("rl");
        return text.ToString();
    }
}
