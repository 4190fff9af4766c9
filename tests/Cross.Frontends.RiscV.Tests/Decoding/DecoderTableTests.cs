using System.Numerics;
using Cross.Frontends.RiscV.Decoding;

namespace Cross.Frontends.RiscV.Tests.Decoding;

/// <summary>Structural checks on the encoding tables and the decoder's choice between rows.</summary>
public sealed class DecoderTableTests
{
    private static readonly RiscVDecoder Decoder = RiscVDecoder.Rv64gc;

    public static TheoryData<string> Mnemonics => new(RiscVEncodings.All.Select(e => e.Mnemonic));

    private static RiscVEncoding Find(string mnemonic) => RiscVEncodings.All.Single(e => e.Mnemonic == mnemonic);

    /// <summary>Pairs whose bit patterns overlap; constraints on the more general row give the words to the more specific one.</summary>
    private static readonly HashSet<(string, string)> DocumentedOverlaps =
    [
        ("c.addi16sp", "c.lui"),
        ("c.jr", "c.mv"),
        ("c.ebreak", "c.jalr"),
        ("c.ebreak", "c.add"),
        ("c.jalr", "c.add"),
    ];

    [Fact]
    public void MnemonicsAreUnique()
    {
        var duplicates = RiscVEncodings.All.GroupBy(e => e.Mnemonic).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(Mnemonics))]
    public void FieldsAndMaskCoverEveryBitOnce(string mnemonic)
    {
        var encoding = Find(mnemonic);
        var all = encoding.IsCompressed ? 0xFFFFu : 0xFFFF_FFFFu;
        var covered = encoding.Mask;
        foreach (var field in encoding.Fields)
        {
            Assert.Equal(0u, covered & field.BitMask);
            covered |= field.BitMask;
        }
        Assert.Equal(all, covered);
    }

    [Theory]
    [MemberData(nameof(Mnemonics))]
    public void RandomInstancesDecodeToThemselves(string mnemonic)
    {
        var encoding = Find(mnemonic);
        var random = new Random(mnemonic.GetHashCode(StringComparison.Ordinal));
        var accepted = 0;
        for (var n = 0; n < 500; n++)
        {
            var bits = encoding.Match;
            foreach (var field in encoding.Fields) bits = field.Insert(bits, (uint)random.Next(1 << field.Width));
            if (!encoding.Accepts(bits)) continue;
            accepted++;
            Assert.Same(encoding, Decoder.Find(bits));
            Assert.True(Decoder.TryDecode(bits, out var decoded));
            Assert.Equal(encoding.Length, decoded.Length);
        }
        Assert.True(accepted > 0, $"no valid instance of {mnemonic} drawn");
    }

    [Fact]
    public void NoTwoCompressedEncodingsAcceptOneWord()
    {
        var compressed = RiscVEncodings.All.Where(e => e.IsCompressed).ToArray();
        for (uint word = 0; word <= 0xFFFF; word++)
        {
            if ((word & 3) == 3) continue;
            var claimants = compressed.Where(e => e.Accepts(word)).Select(e => e.Mnemonic).ToArray();
            Assert.True(claimants.Length <= 1, $"0x{word:x4} is claimed by {string.Join(", ", claimants)}");
            Assert.Equal(claimants.SingleOrDefault(), Decoder.Find(word)?.Mnemonic);
        }
    }

    [Fact]
    public void OverlappingPatternsAreDocumentedPriorities()
    {
        var all = RiscVEncodings.All;
        var overlaps = new HashSet<(string, string)>();
        for (var a = 0; a < all.Count; a++)
            for (var b = a + 1; b < all.Count; b++)
            {
                var x = all[a];
                var y = all[b];
                if (x.IsCompressed != y.IsCompressed) continue;
                if (((x.Match ^ y.Match) & x.Mask & y.Mask) != 0) continue;
                // The more specific pattern must be a refinement of the general one and come first.
                var (specific, general) = BitOperations.PopCount(x.Mask) >= BitOperations.PopCount(y.Mask) ? (x, y) : (y, x);
                Assert.Equal(general.Mask, specific.Mask & general.Mask);
                overlaps.Add((specific.Mnemonic, general.Mnemonic));
            }
        Assert.Equal(DocumentedOverlaps.OrderBy(p => p), overlaps.OrderBy(p => p));
    }

    [Fact]
    public void SpecificRowsComeFirstInTheirBucket()
    {
        foreach (var encoding in RiscVEncodings.All)
        {
            var candidates = Decoder.Candidates(encoding.Match);
            for (var i = 1; i < candidates.Count; i++)
                Assert.True(BitOperations.PopCount(candidates[i - 1].Mask) >= BitOperations.PopCount(candidates[i].Mask));
        }
    }

    [Theory]
    [InlineData(0x0000u)] // all-zero halfword (c.addi4spn with nzuimm = 0)
    [InlineData(0x0004u)] // c.addi4spn x9, sp, 0
    [InlineData(0x6101u)] // c.addi16sp with nzimm = 0
    [InlineData(0x6501u)] // c.lui x10, 0
    [InlineData(0x4002u)] // c.lwsp x0
    [InlineData(0x6002u)] // c.ldsp x0
    [InlineData(0x8002u)] // c.jr x0
    [InlineData(0x2001u)] // c.addiw x0
    [InlineData(0x8000u)] // quadrant 0, funct3 100
    [InlineData(0x9C41u)] // reserved CA
    [InlineData(0x9C61u)] // reserved CA
    [InlineData(0xFFFF_FFFFu)]
    public void ReservedWordsAreIllegal(uint word) => Assert.Null(Decoder.Find(word));

    [Theory]
    [InlineData(0x00B55553u, 5)] // fadd.s with rm = 5
    [InlineData(0x00B56553u, 6)] // fadd.s with rm = 6
    [InlineData(0x4205D553u, 5)] // fcvt.d.s with rm = 5
    public void ReservedRoundingModesAreIllegal(uint word, int rm)
    {
        Assert.Equal(rm, (int)(word >> 12) & 7);
        Assert.Null(Decoder.Find(word));
        Assert.NotNull(Decoder.Find((word & ~0x7000u) | 0x7000u)); // dynamic is fine
    }

    [Theory]
    [InlineData(0x0000_101Bu | (1u << 25))] // slliw with shamt[5] set
    [InlineData(0x0000_0073u | (1u << 7))]  // ecall with rd != 0
    [InlineData(0x0000_5013u | (0x02u << 26))] // OP-IMM funct3 101 with an unassigned funct6
    [InlineData(0x0000_007Fu)] // 48-bit and longer encodings
    public void Other32BitWordsAreIllegal(uint word) => Assert.Null(Decoder.Find(word));

    [Fact]
    public void ConstraintsAreDescribed()
    {
        Assert.Equal("rd != 2 && imm != 0", Find("c.lui").Constraint!.Description);
        Assert.Equal("imm != 0", Find("c.addi16sp").Constraint!.Description);
        Assert.Null(Find("add").Constraint);
    }

    [Fact]
    public void FieldsDescribeOperands()
    {
        var fields = Find("fadd.s").Fields;
        Assert.Equal(
            [
                new OperandField(OperandKind.Rd, 7, 5, RegisterFile.Float),
                new OperandField(OperandKind.RoundingMode, 12, 3),
                new OperandField(OperandKind.Rs1, 15, 5, RegisterFile.Float),
                new OperandField(OperandKind.Rs2, 20, 5, RegisterFile.Float),
            ],
            fields);
        var cl = Find("c.ld").Fields;
        Assert.Contains(new OperandField(OperandKind.Rs1, 7, 3, RegisterFile.Integer), cl);
        Assert.Equal(8, cl.Single(f => f.Kind == OperandKind.Rs1).RegisterBase);
        var srli = Find("c.srli").Fields;
        Assert.Equal([new OperandField(OperandKind.Shamt, 2, 5), new OperandField(OperandKind.RdRs1, 7, 3, RegisterFile.Integer), new OperandField(OperandKind.Shamt, 12, 1)], srli);
        Assert.Equal([new OperandField(OperandKind.Rd, 7, 5, RegisterFile.Integer), new OperandField(OperandKind.Rs1, 15, 5, RegisterFile.Integer), new OperandField(OperandKind.Shamt, 20, 5)], Find("slliw").Fields);
    }

    [Fact]
    public void DisassemblesMnemonicAndOperands()
    {
        Assert.Equal("addi x1, x2, -5", Decoder.Find(0xFFB10093)!.Decode(0xFFB10093).ToString());
        Assert.True(Decoder.TryDecode(0x00B5754B, out var fnmsub));
        Assert.Equal("fnmsub.s f10, f10, f11, f0, rm=7", fnmsub.ToString());
        Assert.Equal("c.addi x10, -32", Decoder.Find(0x1501)!.Decode(0x1501).ToString());
    }
}
