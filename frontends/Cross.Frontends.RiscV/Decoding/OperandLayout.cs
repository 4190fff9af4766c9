namespace Cross.Frontends.RiscV.Decoding;

/// <summary>
/// The bit layout of every operand format: register fields, immediates, and the free-field list a
/// random-instruction generator fills in.
/// </summary>
public static class OperandLayout
{
    private static uint Bits(uint word, int high, int low) => (word >> low) & ((1u << (high - low + 1)) - 1);

    private static long SignExtend(ulong value, int bits) => (long)(value << (64 - bits)) >> (64 - bits);

    /// <summary>The immediate of <paramref name="word"/> decoded as <paramref name="kind"/>.</summary>
    public static long Immediate(uint word, ImmediateKind kind) => kind switch
    {
        ImmediateKind.None => 0,
        ImmediateKind.I => SignExtend(Bits(word, 31, 20), 12),
        ImmediateKind.S => SignExtend((Bits(word, 31, 25) << 5) | Bits(word, 11, 7), 12),
        ImmediateKind.B => SignExtend((Bits(word, 31, 31) << 12) | (Bits(word, 7, 7) << 11) | (Bits(word, 30, 25) << 5) | (Bits(word, 11, 8) << 1), 13),
        ImmediateKind.U => SignExtend(word & 0xFFFF_F000u, 32),
        ImmediateKind.J => SignExtend((Bits(word, 31, 31) << 20) | (Bits(word, 19, 12) << 12) | (Bits(word, 20, 20) << 11) | (Bits(word, 30, 21) << 1), 21),
        ImmediateKind.Shamt6 => Bits(word, 25, 20),
        ImmediateKind.Shamt5 => Bits(word, 24, 20),
        ImmediateKind.CsrUimm => Bits(word, 19, 15),

        ImmediateKind.CAddi4spn => (Bits(word, 12, 11) << 4) | (Bits(word, 10, 7) << 6) | (Bits(word, 6, 6) << 2) | (Bits(word, 5, 5) << 3),
        ImmediateKind.CWordOffset => (Bits(word, 12, 10) << 3) | (Bits(word, 6, 6) << 2) | (Bits(word, 5, 5) << 6),
        ImmediateKind.CDoubleOffset => (Bits(word, 12, 10) << 3) | (Bits(word, 6, 5) << 6),
        ImmediateKind.CImm6 => SignExtend((Bits(word, 12, 12) << 5) | Bits(word, 6, 2), 6),
        ImmediateKind.CAddi16sp => SignExtend((Bits(word, 12, 12) << 9) | (Bits(word, 6, 6) << 4) | (Bits(word, 5, 5) << 6) | (Bits(word, 4, 3) << 7) | (Bits(word, 2, 2) << 5), 10),
        ImmediateKind.CLui => SignExtend((Bits(word, 12, 12) << 17) | (Bits(word, 6, 2) << 12), 18),
        ImmediateKind.CShamt => (Bits(word, 12, 12) << 5) | Bits(word, 6, 2),
        ImmediateKind.CLwsp => (Bits(word, 12, 12) << 5) | (Bits(word, 6, 4) << 2) | (Bits(word, 3, 2) << 6),
        ImmediateKind.CLdsp => (Bits(word, 12, 12) << 5) | (Bits(word, 6, 5) << 3) | (Bits(word, 4, 2) << 6),
        ImmediateKind.CSwsp => (Bits(word, 12, 9) << 2) | (Bits(word, 8, 7) << 6),
        ImmediateKind.CSdsp => (Bits(word, 12, 10) << 3) | (Bits(word, 9, 7) << 6),
        ImmediateKind.CJump => SignExtend((Bits(word, 12, 12) << 11) | (Bits(word, 11, 11) << 4) | (Bits(word, 10, 9) << 8) | (Bits(word, 8, 8) << 10)
            | (Bits(word, 7, 7) << 6) | (Bits(word, 6, 6) << 7) | (Bits(word, 5, 3) << 1) | (Bits(word, 2, 2) << 5), 12),
        ImmediateKind.CBranch => SignExtend((Bits(word, 12, 12) << 8) | (Bits(word, 11, 10) << 3) | (Bits(word, 6, 5) << 6) | (Bits(word, 4, 3) << 1) | (Bits(word, 2, 2) << 5), 9),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Register numbers (rd, rs1, rs2, rs3) of <paramref name="word"/> in <paramref name="format"/>; unused ones are 0.</summary>
    public static (int Rd, int Rs1, int Rs2, int Rs3) Registers(uint word, OperandFormat format)
    {
        int rd = (int)Bits(word, 11, 7), rs1 = (int)Bits(word, 19, 15), rs2 = (int)Bits(word, 24, 20);
        int high = (int)Bits(word, 11, 7), low = (int)Bits(word, 6, 2);
        int prime97 = 8 + (int)Bits(word, 9, 7), prime42 = 8 + (int)Bits(word, 4, 2);
        return format switch
        {
            OperandFormat.R or OperandFormat.Amo => (rd, rs1, rs2, 0),
            OperandFormat.R4 => (rd, rs1, rs2, (int)Bits(word, 31, 27)),
            OperandFormat.I or OperandFormat.Shift or OperandFormat.Csr or OperandFormat.Fence => (rd, rs1, 0, 0),
            OperandFormat.CsrImm or OperandFormat.U or OperandFormat.J => (rd, 0, 0, 0),
            OperandFormat.S or OperandFormat.B => (0, rs1, rs2, 0),
            OperandFormat.CR => (high, high, low, 0),
            OperandFormat.CI => (high, high, 0, 0),
            OperandFormat.CSS => (0, 0, low, 0),
            OperandFormat.CIW => (prime42, 0, 0, 0),
            OperandFormat.CL => (prime42, prime97, 0, 0),
            OperandFormat.CS => (0, prime97, prime42, 0),
            OperandFormat.CA => (prime97, prime97, prime42, 0),
            OperandFormat.CB => (prime97, prime97, 0, 0),
            _ => (0, 0, 0, 0),
        };
    }

    /// <summary>Every operand bit run a format defines, before removing opcode bits.</summary>
    private static IEnumerable<OperandField> FormatFields(OperandFormat format, EncodingFlags flags)
    {
        RegisterFile File(EncodingFlags fp) => (flags & fp) != 0 ? RegisterFile.Float : RegisterFile.Integer;
        var rd = new OperandField(OperandKind.Rd, 7, 5, File(EncodingFlags.RdIsFp));
        var rs1 = new OperandField(OperandKind.Rs1, 15, 5, File(EncodingFlags.Rs1IsFp));
        var rs2 = new OperandField(OperandKind.Rs2, 20, 5, File(EncodingFlags.Rs2IsFp));
        var rm = new OperandField(OperandKind.RoundingMode, 12, 3);
        OperandField Imm(int high, int low) => new(OperandKind.Immediate, low, high - low + 1);
        var rdRs1 = (flags & EncodingFlags.RdIsFp) != 0 ? RegisterFile.Float : RegisterFile.Integer;
        // Compressed branches and jumps only read the register in their rd/rs1 slot.
        var high = (flags & (EncodingFlags.IsBranch | EncodingFlags.IsJump)) != 0 ? OperandKind.Rs1 : OperandKind.RdRs1;
        switch (format)
        {
            case OperandFormat.R: return [rd, rm, rs1, rs2];
            case OperandFormat.R4: return [rd, rm, rs1, rs2, new(OperandKind.Rs3, 27, 5, File(EncodingFlags.Rs3IsFp))];
            case OperandFormat.I: return [rd, rs1, Imm(31, 20)];
            case OperandFormat.Shift: return [rd, rs1, Imm(25, 20)];
            case OperandFormat.S or OperandFormat.B: return [Imm(11, 7), rs1, rs2, Imm(31, 25)];
            case OperandFormat.U or OperandFormat.J: return [rd, Imm(31, 12)];
            case OperandFormat.Csr: return [rd, rs1, new(OperandKind.Csr, 20, 12)];
            case OperandFormat.CsrImm: return [rd, Imm(19, 15), new(OperandKind.Csr, 20, 12)];
            case OperandFormat.Amo: return [rd, rs1, rs2, new(OperandKind.Release, 25, 1), new(OperandKind.Acquire, 26, 1)];
            case OperandFormat.Fence: return [rd, rs1, new(OperandKind.FenceOrdering, 20, 12)];
            case OperandFormat.CR: return [new(OperandKind.Rs2, 2, 5, File(EncodingFlags.Rs2IsFp)), new(high, 7, 5, rdRs1)];
            case OperandFormat.CI: return [Imm(6, 2), new(OperandKind.RdRs1, 7, 5, rdRs1), Imm(12, 12)];
            case OperandFormat.CSS: return [new(OperandKind.Rs2, 2, 5, File(EncodingFlags.Rs2IsFp)), Imm(12, 7)];
            case OperandFormat.CIW: return [new(OperandKind.Rd, 2, 3, File(EncodingFlags.RdIsFp)), Imm(12, 5)];
            case OperandFormat.CL: return [new(OperandKind.Rd, 2, 3, File(EncodingFlags.RdIsFp)), Imm(6, 5), new(OperandKind.Rs1, 7, 3, RegisterFile.Integer), Imm(12, 10)];
            case OperandFormat.CS: return [new(OperandKind.Rs2, 2, 3, File(EncodingFlags.Rs2IsFp)), Imm(6, 5), new(OperandKind.Rs1, 7, 3, RegisterFile.Integer), Imm(12, 10)];
            case OperandFormat.CA: return [new(OperandKind.Rs2, 2, 3, RegisterFile.Integer), new(OperandKind.RdRs1, 7, 3, RegisterFile.Integer)];
            case OperandFormat.CB: return [Imm(6, 2), new(high, 7, 3, RegisterFile.Integer), Imm(12, 10)];
            case OperandFormat.CJ: return [Imm(12, 2)];
            default: return [];
        }
    }

    /// <summary>
    /// The free bit runs of an encoding: the format's fields minus the opcode bits in
    /// <paramref name="mask"/>, split where the mask cuts a field. Together with the mask they
    /// cover every bit of the instruction.
    /// </summary>
    public static IReadOnlyList<OperandField> Fields(OperandFormat format, ImmediateKind immediate, EncodingFlags flags, uint mask)
    {
        var immediateKind = immediate is ImmediateKind.Shamt6 or ImmediateKind.Shamt5 or ImmediateKind.CShamt
            ? OperandKind.Shamt : OperandKind.Immediate;
        var result = new List<OperandField>();
        foreach (var field in FormatFields(format, flags))
        {
            var bit = field.Low;
            var end = field.Low + field.Width;
            while (bit < end)
            {
                if ((mask >> bit & 1) != 0) { bit++; continue; }
                var start = bit;
                while (bit < end && (mask >> bit & 1) == 0) bit++;
                var width = bit - start;
                // A register field cut by the mask is not a register any more.
                var kind = field.IsRegister && width != field.Width ? OperandKind.Immediate : field.Kind;
                if (kind == OperandKind.Immediate) kind = immediateKind;
                var file = width == field.Width ? field.File : RegisterFile.None;
                result.Add(new OperandField(kind, start, width, file));
            }
        }
        result.Sort((a, b) => a.Low.CompareTo(b.Low));
        return result;
    }
}
