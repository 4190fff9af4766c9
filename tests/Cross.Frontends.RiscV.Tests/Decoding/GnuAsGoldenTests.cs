using System.Text.RegularExpressions;
using Cross.Frontends.RiscV.Decoding;

namespace Cross.Frontends.RiscV.Tests.Decoding;

/// <summary>The encoding tables against GNU as: mnemonic, register operands and immediate of every row.</summary>
public sealed partial class GnuAsGoldenTests
{
    public static TheoryData<GnuAsGolden.Row> Rows => new(GnuAsGolden.Rows);

    [GeneratedRegex(@"\b[xf]\d+\b")]
    private static partial Regex RegisterToken();

    private static string StripOrdering(string mnemonic) => Regex.Replace(mnemonic, @"\.(aqrl|aq|rl)$", "");

    private static HashSet<string> Registers(string text) =>
        RegisterToken().Matches(text).Select(m => m.Value).Where(r => r is not ("x0")).ToHashSet();

    [Theory]
    [MemberData(nameof(Rows))]
    public void DecodesLikeObjdump(GnuAsGolden.Row row)
    {
        Assert.True(RiscVDecoder.Rv64gc.TryDecode(row.Word, out var instruction), $"0x{row.Word:x} did not decode");
        Assert.Equal(StripOrdering(row.Mnemonic), instruction.Mnemonic);

        var ours = Registers(instruction.ToString());
        var theirs = Registers(row.Registers);
        if (instruction.Encoding.IsCompressed)
            Assert.Subset(theirs, ours); // objdump also prints implicit registers (sp, ra)
        else
            Assert.Equal(theirs, ours);

        if (row.Imm is { } imm && instruction.Encoding.Immediate != ImmediateKind.None)
            Assert.Equal(imm, instruction.Imm);
    }

    [Fact]
    public void EveryEncodingIsCovered()
    {
        var golden = GnuAsGolden.Rows.Select(r => StripOrdering(r.Mnemonic)).ToHashSet();
        var missing = RiscVEncodings.All.Select(e => e.Mnemonic).Where(m => !golden.Contains(m)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void OrderingBitsDecode()
    {
        Assert.True(RiscVDecoder.Rv64gc.TryDecode(0xE6C5A52F, out var amo)); // amomaxu.w.aqrl
        Assert.True(amo.Acquire && amo.Release);
        Assert.True(RiscVDecoder.Rv64gc.TryDecode(0x1405B52F, out var lr)); // lr.d.aq
        Assert.True(lr.Acquire && !lr.Release);
    }
}
