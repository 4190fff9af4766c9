using System.Text;
using System.Text.RegularExpressions;
using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Encodings;
using Cross.Testing;

namespace Cross.Frontends.Arm64.Tests.Encodings;

/// <summary>
/// The Advanced SIMD rows accept exactly the words they implement: GNU objdump (the reference
/// disassembler) must agree that every accepted word is the row's instruction, and words a row's
/// constraint rejects must be unallocated (or half precision, which is deliberately absent).
/// </summary>
public class AdvancedSimdEncodingTests
{
    private const string Objdump = "/usr/bin/aarch64-linux-gnu-objdump";
    private const int SamplesPerRow = 48;

    /// <summary>Row names whose words objdump prints under another (alias) mnemonic.</summary>
    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        ["ins (general)"] = ["mov"],
        ["ins (element)"] = ["mov"],
        ["umov"] = ["umov", "mov"],
        ["dup (element, scalar)"] = ["mov"],
        ["orr (vector, register)"] = ["orr", "mov"],
        ["not"] = ["mvn"],
        ["sshll"] = ["sshll", "sxtl"],
        ["ushll"] = ["ushll", "uxtl"],
        ["movi/mvni/orr/bic/fmov (vector, immediate)"] = ["movi", "mvni", "orr", "bic", "fmov"],
    };

    private static IEnumerable<A64Encoding> Rows => AdvancedSimd.Encodings.Concat(AdvancedSimdFloat.Encodings);

    [Fact]
    public void AcceptedWordsAreTheRowsInstructionAndRejectedOnesAreUnallocated()
    {
        var missing = HostTools.Missing(HostTools.Aarch64Gcc, Objdump);
        if (missing is not null) throw new InvalidOperationException(missing);
        var random = new Random(20261124);
        var accepted = new List<(uint Word, A64Encoding Row)>();
        var rejected = new List<(uint Word, A64Encoding Row)>();
        var problems = new StringBuilder();
        foreach (var row in Rows)
        {
            for (var sample = 0; sample < SamplesPerRow * 4 && accepted.Count(a => a.Row == row) < SamplesPerRow; sample++)
            {
                var word = row.Match | ((uint)random.NextInt64(0, 1L << 32) & ~row.Mask);
                if (row.Accepts(word))
                {
                    accepted.Add((word, row));
                    // The decoder must pick this row: no other row claims the same word.
                    if (!A64Decoder.UserMode.TryDecode(word, out var decoded) || decoded.Encoding != row)
                        problems.AppendLine($"0x{word:x8}: row {row} but decodes as {(decoded.Encoding?.ToString() ?? "nothing")}");
                }
                else if (!A64Decoder.UserMode.TryDecode(word, out _))
                {
                    rejected.Add((word, row));
                }
            }
            if (!accepted.Any(a => a.Row == row)) problems.AppendLine($"row {row} accepted none of its samples");
        }

        var disassembly = Disassemble([.. accepted.Select(a => a.Word), .. rejected.Select(r => r.Word)]);
        for (var index = 0; index < accepted.Count; index++)
        {
            var (word, row) = accepted[index];
            var text = disassembly[index];
            var mnemonic = text.Split(' ', '\t')[0];
            var expected = Aliases.TryGetValue(row.Mnemonic, out var names) ? names : [row.Mnemonic.Split(' ')[0]];
            // Upper-half forms (SADDL2, XTN2, FCVTL2…) carry a "2" the row name leaves out.
            if (!expected.Contains(mnemonic) && !expected.Contains(mnemonic.TrimEnd('2')))
                problems.AppendLine($"0x{word:x8}: row {row}, objdump says '{text}'");
        }
        for (var index = 0; index < rejected.Count; index++)
        {
            var (word, row) = rejected[index];
            var text = disassembly[accepted.Count + index];
            if (text.Contains("undefined", StringComparison.Ordinal) || IsHalfPrecision(text)) continue;
            problems.AppendLine($"0x{word:x8}: rejected by row {row}, but objdump says '{text}'");
        }
        Assert.True(problems.Length == 0, problems.ToString());
    }

    [Fact]
    public void HalfPrecisionArithmeticIsIllegal()
    {
        var missing = HostTools.Missing(HostTools.Aarch64Gcc);
        if (missing is not null) throw new InvalidOperationException(missing);
        string[] halfPrecision =
        [
            "fadd v0.8h, v1.8h, v2.8h", "fmla v0.4h, v1.4h, v2.4h", "fmul v0.8h, v1.8h, v2.h[3]", "fmaxnmv h0, v1.8h",
            "faddp h0, v1.2h", "fcmeq v0.8h, v1.8h, #0.0", "fcvtzs v0.4h, v1.4h", "scvtf v0.8h, v1.8h", "scvtf h0, h1, #3",
            "fcvtzu v0.8h, v1.8h, #2", "fabs v0.4h, v1.4h", "fsqrt v0.8h, v1.8h", "frintn v0.4h, v1.4h", "fmov v0.8h, #1.0",
            "fcmgt h0, h1, h2", "fmulx h0, h1, v2.h[1]",
        ];
        var objectFile = GuestCompiler.Compile(HostTools.Aarch64Gcc, "    .text\n" + string.Join("\n", halfPrecision) + "\n", ".S", "-c", "-march=armv8.2-a+fp16");
        var elf = Cross.Elf.ElfFile.Load(objectFile);
        var text = elf.FindSection(".text")!;
        var bytes = elf.Bytes.Span.Slice((int)text.Offset, (int)text.Size);
        Assert.Equal(halfPrecision.Length * 4, bytes.Length);
        for (var index = 0; index < halfPrecision.Length; index++)
        {
            var word = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[(index * 4)..]);
            Assert.False(A64Decoder.UserMode.TryDecode(word, out var decoded), $"{halfPrecision[index]} (0x{word:x8}) decodes as {decoded.Encoding?.Mnemonic}");
        }
    }

    /// <summary>FEAT_FP16 arithmetic: an FP mnemonic (F…, SCVTF, UCVTF) on half-precision lanes or H registers.</summary>
    private static bool IsHalfPrecision(string text) =>
        Regex.IsMatch(text, @"^(f\S*|[su]cvtf)\s") && Regex.IsMatch(text, @"\.(4h|8h|h)\b|\bh\d+\b");

    /// <summary>objdump's text (mnemonic and operands) for each word, in order.</summary>
    private static string[] Disassemble(IReadOnlyList<uint> words)
    {
        var source = new StringBuilder("    .text\n");
        foreach (var word in words) source.AppendLine($"    .inst 0x{word:x8}");
        var objectFile = GuestCompiler.Compile(HostTools.Aarch64Gcc, source.ToString(), ".S", "-c");
        var result = ProcessRunner.Run(Objdump, ["-d", "--no-show-raw-insn", objectFile], TimeSpan.FromMinutes(2));
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n')
            .Select(line => Regex.Match(line, @"^\s*[0-9a-f]+:\s+(.*)$"))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value.Trim())
            .ToArray();
        Assert.Equal(words.Count, lines.Length);
        return lines;
    }
}
