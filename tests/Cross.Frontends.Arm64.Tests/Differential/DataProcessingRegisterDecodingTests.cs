using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Cross.Frontends.Arm64.Tests.TestSupport;
using Cross.Testing;

namespace Cross.Frontends.Arm64.Tests.Differential;

/// <summary>
/// The data-processing (register) rows against GNU objdump: over random words of the group's
/// encoding space (bits [27:25] = 101), the decoder must accept exactly the words binutils
/// disassembles as one of the instructions (or aliases) this group implements. Words binutils
/// calls undefined, or decodes as an extension the frontend does not implement (FlagM, CSSC,
/// MTE, pointer authentication), must be illegal.
/// </summary>
public partial class DataProcessingRegisterDecodingTests
{
    /// <summary>Installed with aarch64-linux-gnu-gcc (binutils-aarch64-linux-gnu).</summary>
    private const string Objdump = "/usr/bin/aarch64-linux-gnu-objdump";

    private const int Words = 50_000;

    /// <summary>The mnemonics objdump prints for this group's instructions, aliases included.</summary>
    private static readonly HashSet<string> Implemented =
    [
        "and", "bic", "orr", "orn", "eor", "eon", "ands", "bics", "mov", "mvn", "tst",
        "add", "adds", "sub", "subs", "cmp", "cmn", "neg", "negs",
        "adc", "adcs", "sbc", "sbcs", "ngc", "ngcs",
        "ccmp", "ccmn", "csel", "csinc", "csinv", "csneg", "cset", "csetm", "cinc", "cinv", "cneg",
        "rbit", "rev16", "rev32", "rev", "rev64", "clz", "cls",
        "udiv", "sdiv", "lsl", "lsr", "asr", "ror", "lslv", "lsrv", "asrv", "rorv",
        "crc32b", "crc32h", "crc32w", "crc32x", "crc32cb", "crc32ch", "crc32cw", "crc32cx",
        "madd", "msub", "mul", "mneg", "smaddl", "smsubl", "smull", "smnegl",
        "umaddl", "umsubl", "umull", "umnegl", "smulh", "umulh",
    ];

    [Fact]
    public void RowsAcceptExactlyWhatBinutilsDecodesAsThisGroup()
    {
        var missing = HostTools.Missing(Objdump);
        Assert.True(missing is null, missing);

        var random = new Random(20260302);
        var words = new uint[Words];
        var bytes = new byte[Words * 4];
        for (var n = 0; n < Words; n++)
        {
            words[n] = (uint)random.NextInt64(0, 1L << 32) & ~(7u << 25) | 5u << 25;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(n * 4), words[n]);
        }
        var file = Path.Combine(Path.GetTempPath(), $"cross-a64-dpreg-{Environment.ProcessId}.bin");
        File.WriteAllBytes(file, bytes);
        ProcessResult listing;
        try
        {
            listing = ProcessRunner.Run(Objdump, ["-D", "-b", "binary", "-m", "aarch64", file], TimeSpan.FromMinutes(2));
        }
        finally
        {
            File.Delete(file);
        }
        Assert.True(listing.ExitCode == 0, listing.StandardError);

        var mnemonics = new string?[Words];
        foreach (Match line in ListingLine().Matches(listing.Output))
            mnemonics[Convert.ToInt32(line.Groups["offset"].Value, 16) / 4] = line.Groups["mnemonic"].Value;

        var decoder = new Arm64Frontend().Decoder;
        var disagreements = new List<string>();
        for (var n = 0; n < Words; n++)
        {
            var binutils = mnemonics[n] ?? throw new InvalidOperationException($"no objdump line for word {n}");
            var expected = Implemented.Contains(binutils);
            var accepted = decoder.TryDecode(words[n], out var decoded);
            if (accepted != expected)
                disagreements.Add($"0x{words[n]:x8}: objdump {binutils}, decoder {(accepted ? decoded.Encoding.Mnemonic : "illegal")}");
        }
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {Words} words disagree:\n" + string.Join("\n", disagreements.Take(40)));
    }

    // "  1c:	5ac00c20 	rev	w0, w1" or "  1c:	5ac00c20 	.inst	0x5ac00c20 ; undefined"
    [GeneratedRegex(@"^\s*(?<offset>[0-9a-f]+):\s+[0-9a-f]{8}\s+(?<mnemonic>\S+)", RegexOptions.Multiline)]
    private static partial Regex ListingLine();
}
