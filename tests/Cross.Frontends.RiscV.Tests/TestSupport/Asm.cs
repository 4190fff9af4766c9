using Cross.Frontends.RiscV.Decoding;

namespace Cross.Frontends.RiscV.Tests.TestSupport;

/// <summary>
/// A tiny assembler driven by the encoding tables: fills an encoding's operand fields and checks
/// that the decoder reads back the same instruction and operands. The tables themselves are
/// checked independently against GNU as (see GnuAsGoldenTests).
/// </summary>
public static class Asm
{
    public const uint Ebreak = 0x00100073;
    public const uint Ecall = 0x00000073;
    public const uint Nop = 0x00000013;

    // Rounding modes.
    public const int Rne = 0, Rtz = 1, Rdn = 2, Rup = 3, Rmm = 4, Dyn = 7;

    private static readonly Dictionary<string, RiscVEncoding> ByName =
        RiscVEncodings.All.ToDictionary(e => e.Mnemonic);

    public static RiscVEncoding Encoding(string mnemonic) =>
        ByName.TryGetValue(mnemonic, out var encoding) ? encoding : throw new ArgumentException($"no encoding {mnemonic}");

    /// <summary>Encodes one instruction; registers are architectural numbers (x8-x15 for compressed 3-bit fields).</summary>
    public static uint Op(string mnemonic, int rd = 0, int rs1 = 0, int rs2 = 0, int rs3 = 0, long imm = 0, int rm = 0,
        int csr = 0, bool aq = false, bool rl = false)
    {
        var encoding = Encoding(mnemonic);
        var bits = encoding.Match;
        uint immediateMask = 0;
        foreach (var field in encoding.Fields)
        {
            int? value = field.Kind switch
            {
                OperandKind.Rd => rd,
                OperandKind.RdRs1 => rd != 0 ? rd : rs1,
                OperandKind.Rs1 => rs1,
                OperandKind.Rs2 => rs2,
                OperandKind.Rs3 => rs3,
                OperandKind.RoundingMode => rm,
                OperandKind.Csr => csr,
                OperandKind.Acquire => aq ? 1 : 0,
                OperandKind.Release => rl ? 1 : 0,
                OperandKind.FenceOrdering => 0x0FF,
                _ => null,
            };
            if (field.Kind is OperandKind.Immediate or OperandKind.Shamt) immediateMask |= field.BitMask;
            if (value is not { } v) continue;
            var encoded = v - field.RegisterBase;
            if (encoded < 0 || encoded >= 1 << field.Width) throw new ArgumentException($"{mnemonic}: {field.Kind} = {v} does not fit {field}");
            bits = field.Insert(bits, (uint)encoded);
        }
        if (encoding.Immediate != ImmediateKind.None) bits = EncodeImmediate(encoding, bits, immediateMask, imm);

        if (RiscVDecoder.Rv64gc.Find(bits) != encoding) throw new ArgumentException($"{mnemonic}: 0x{bits:x} does not decode back");
        var decoded = encoding.Decode(bits);
        if (encoding.Immediate != ImmediateKind.None && decoded.Imm != imm) throw new ArgumentException($"{mnemonic}: immediate {imm} is not encodable");
        return bits;
    }

    private static uint EncodeImmediate(RiscVEncoding encoding, uint bits, uint immediateMask, long imm)
    {
        var u = (uint)imm;
        uint encoded = encoding.Immediate switch
        {
            ImmediateKind.I => u << 20,
            ImmediateKind.S => (u >> 5 & 0x7F) << 25 | (u & 0x1F) << 7,
            ImmediateKind.B => (u >> 12 & 1) << 31 | (u >> 5 & 0x3F) << 25 | (u >> 1 & 0xF) << 8 | (u >> 11 & 1) << 7,
            ImmediateKind.U => u & 0xFFFF_F000,
            ImmediateKind.J => (u >> 20 & 1) << 31 | (u >> 1 & 0x3FF) << 21 | (u >> 11 & 1) << 20 | (u >> 12 & 0xFF) << 12,
            ImmediateKind.Shamt6 or ImmediateKind.Shamt5 => u << 20,
            ImmediateKind.CsrUimm => u << 15,
            _ => SearchCompressed(encoding, bits, immediateMask, imm),
        };
        return (bits & ~immediateMask) | (encoded & immediateMask);
    }

    /// <summary>Compressed immediates are scrambled; their fields are at most 11 bits, so search.</summary>
    private static uint SearchCompressed(RiscVEncoding encoding, uint bits, uint immediateMask, long imm)
    {
        var positions = Enumerable.Range(0, 16).Where(b => (immediateMask >> b & 1) != 0).ToArray();
        for (var n = 0; n < 1 << positions.Length; n++)
        {
            var candidate = bits & ~immediateMask;
            for (var k = 0; k < positions.Length; k++)
                if ((n >> k & 1) != 0) candidate |= 1u << positions[k];
            if (OperandLayout.Immediate(candidate, encoding.Immediate) == imm) return candidate;
        }
        throw new ArgumentException($"{encoding.Mnemonic}: immediate {imm} is not encodable");
    }

    // Shorthands for the common shapes.
    public static uint R(string mnemonic, int rd, int rs1, int rs2) => Op(mnemonic, rd: rd, rs1: rs1, rs2: rs2);

    public static uint I(string mnemonic, int rd, int rs1, long imm) => Op(mnemonic, rd: rd, rs1: rs1, imm: imm);

    /// <summary>Stores: memory[rs1 + imm] = rs2.</summary>
    public static uint Store(string mnemonic, int rs2, int rs1, long imm) => Op(mnemonic, rs1: rs1, rs2: rs2, imm: imm);

    public static uint Branch(string mnemonic, int rs1, int rs2, long offset) => Op(mnemonic, rs1: rs1, rs2: rs2, imm: offset);

    /// <summary>rd = imm (addi rd, x0, imm) for 12-bit values.</summary>
    public static uint Li(int rd, long imm) => I("addi", rd, 0, imm);
}
