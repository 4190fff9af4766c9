using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Encodings;
using Cross.Frontends.Arm64.Tests.TestSupport;
using Cross.Testing;
using Xunit.Abstractions;

namespace Cross.Frontends.Arm64.Tests.Differential;

/// <summary>
/// The data-processing (register) group against qemu-aarch64: a static program runs each case
/// (one instruction with x0-x3, SP and NZCV preset) and writes x0, SP and NZCV afterwards to
/// stdout; <c>cross run</c> must print the same bytes on each backend. The cases are a fixed
/// list of assembler mnemonics (aliases included) over edge-case inputs, plus random words
/// drawn from the group's encoding rows with their register fields limited to x0-x3 and 31.
/// The seed is printed; CROSS_DIFF_SEED replays a run and CROSS_DIFF_CASES sets the random count.
/// </summary>
public class DataProcessingRegisterDifferentialTests(ITestOutputHelper output)
{
    private const int DefaultRandomCases = 1500;
    private const int DefaultSeed = 20260301;

    /// <summary>Bytes each case writes: x0, SP, NZCV.</summary>
    private const int CaseOutputSize = 24;

    /// <summary>Instructions written out; they read x1-x3 (and SP) and write x0 (or SP).</summary>
    private static readonly string[] FixedInstructions =
    [
        "and x0, x1, x2, lsl #13", "and w0, w1, w2, asr #31", "bic x0, x1, x2, ror #63", "bic w0, w1, w2, lsr #1",
        "orr x0, x1, x2, asr #63", "orr w0, w1, w2, ror #17", "orn x0, x1, x2", "orn w0, wzr, w2, lsl #31",
        "eor x0, x1, x2, lsr #32", "eor w0, w1, w2", "eon x0, x1, x2, asr #1", "eon w0, w1, w2, ror #1",
        "ands x0, x1, x2, lsl #1", "ands w0, w1, w2, ror #3", "bics x0, x1, x2, asr #63", "bics w0, w1, w2, lsr #31",
        "tst x1, x2", "mov x0, x2", "mvn w0, w2", "mvn x0, x3, ror #7",
        "add x0, x1, x2, lsl #63", "add w0, w1, w2, lsr #31", "sub x0, x1, x2, asr #9", "sub w0, w1, w2",
        "adds x0, x1, x2", "adds w0, w1, w2, asr #3", "subs x0, x1, x2, lsr #40", "subs w0, w1, w2, lsl #5",
        "cmp x1, x2", "cmp w1, w2, lsl #1", "cmn x1, x2", "cmn w1, w2", "neg x0, x2", "negs w0, w2", "negs x0, x3, lsl #2",
        "add x0, sp, w1, uxtw #2", "add sp, x1, w2, sxtb #1", "add x0, x1, w2, uxth #4", "add w0, w1, w2, sxth #3",
        "sub x0, sp, x2, sxtx #1", "sub wsp, w1, w2, uxtb", "sub x0, x1, w2, sxtw", "add x0, x1, x2, uxtx #4",
        "adds x0, sp, w2, uxtb #1", "adds w0, wsp, w2, sxtw #2", "subs x0, x1, w2, sxth", "subs w0, w1, w2, uxtx #4",
        "cmp sp, x2", "cmn sp, w2, sxtb", "cmp w1, w2, uxtb",
        "adc x0, x1, x2", "adc w0, w1, w2", "adcs x0, x1, x2", "adcs w0, w1, w2",
        "sbc x0, x1, x2", "sbc w0, w1, w2", "sbcs x0, x1, x2", "sbcs w0, w1, w2", "ngc x0, x2", "ngcs w0, w2",
        "ccmp x1, x2, #0b1010, eq", "ccmp w1, w2, #0b0101, hi", "ccmn x1, x2, #0b0011, lt", "ccmn w1, w2, #0b1100, vs",
        "ccmp x1, #31, #0b0000, ge", "ccmp w1, #0, #0b1111, ls", "ccmn x1, #1, #0b0110, mi", "ccmn w1, #17, #0b1001, cc",
        "csel x0, x1, x2, eq", "csel w0, w1, w2, gt", "csinc x0, x1, x2, le", "csinc w0, w1, w2, cs",
        "csinv x0, x1, x2, pl", "csinv w0, w1, w2, vc", "csneg x0, x1, x2, ne", "csneg w0, w1, w2, lo",
        "cset x0, hi", "csetm w0, lt", "cinc x0, x1, ge", "cinv w0, w1, eq", "cneg x0, x1, mi", "csel x0, x1, x2, nv",
        "rbit x0, x1", "rbit w0, w1", "rev16 x0, x1", "rev16 w0, w1", "rev32 x0, x1", "rev x0, x1", "rev w0, w1",
        "clz x0, x1", "clz w0, w1", "cls x0, x1", "cls w0, w1",
        "udiv x0, x1, x2", "udiv w0, w1, w2", "sdiv x0, x1, x2", "sdiv w0, w1, w2",
        "lsl x0, x1, x2", "lsl w0, w1, w2", "lsr x0, x1, x2", "lsr w0, w1, w2",
        "asr x0, x1, x2", "asr w0, w1, w2", "ror x0, x1, x2", "ror w0, w1, w2",
        "crc32b w0, w1, w2", "crc32h w0, w1, w2", "crc32w w0, w1, w2", "crc32x w0, w1, x2",
        "crc32cb w0, w1, w2", "crc32ch w0, w1, w2", "crc32cw w0, w1, w2", "crc32cx w0, w1, x2",
        "madd x0, x1, x2, x3", "madd w0, w1, w2, w3", "msub x0, x1, x2, x3", "msub w0, w1, w2, w3",
        "mul x0, x1, x2", "mneg w0, w1, w2", "smaddl x0, w1, w2, x3", "smsubl x0, w1, w2, x3",
        "umaddl x0, w1, w2, x3", "umsubl x0, w1, w2, x3", "smull x0, w1, w2", "umull x0, w1, w2",
        "smulh x0, x1, x2", "umulh x0, x1, x2",
    ];

    private static readonly string[] ConditionCodes =
        ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"];

    /// <summary>
    /// A flag-setting instruction followed in the same block by a condition reader: the frontend
    /// then compares the flag setter's operands directly instead of reading NZCV, so every
    /// condition after each kind of setter (and a branch on it) is checked.
    /// </summary>
    private static IEnumerable<string> ConditionAfterFlagSetter()
    {
        string[] setters = ["cmp x1, x2", "cmp w1, w2", "cmp x1, #5", "subs w0, w1, #4095", "cmn x1, x2",
                            "tst x1, x2", "ands w0, w1, w2", "tst w1, #0x80000000", "ccmp x1, x2, #0b0110, ne", "negs x0, x2",
                            "cmp x1, x3; ccmp x1, x2, #0b1001, lt", "cmp w3, #7; ccmp w1, #3, #0b0010, hs",
                            "cmp x1, x2; ccmn x1, x3, #0b0100, ge"];
        foreach (var setter in setters)
            foreach (var condition in ConditionCodes)
            {
                yield return $"{setter}; csel x0, x1, x3, {condition}";
                if (condition is "eq" or "lt" or "hi" or "cs" or "gt" or "mi" or "vs")
                    yield return $"{setter}; b.{condition} 1f; mov x0, #1; b 2f; 1: mov x0, #2; 2:";
            }
    }

    private static readonly ulong[] EdgeValues =
    [
        0, 1, 2, 31, 32, 63, 64, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
        0x1_0000_0000, 0xFFFF_FFFF_8000_0000, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, ulong.MaxValue,
        ulong.MaxValue - 1, 0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210,
    ];

    private sealed record Case(string Text, ulong[] Registers, ulong Sp, uint Nzcv);

    [Theory]
    [AllBackends]
    public void DataProcessingRegisterMatchesQemu(string backend)
    {
        var missing = HostTools.Missing(HostTools.Aarch64Gcc, HostTools.QemuAarch64);
        Assert.True(missing is null, missing);

        var seed = int.TryParse(Environment.GetEnvironmentVariable("CROSS_DIFF_SEED"), out var s) ? s : DefaultSeed;
        var randomCount = int.TryParse(Environment.GetEnvironmentVariable("CROSS_DIFF_CASES"), out var c) ? c : DefaultRandomCases;
        output.WriteLine($"seed {seed} ({randomCount} random cases, backend {backend}); replay with CROSS_DIFF_SEED={seed}");
        var random = new Random(seed);

        var cases = new List<Case>();
        foreach (var instruction in FixedInstructions)
            for (var n = 0; n < 4; n++) cases.Add(RandomInputs(random, instruction));
        foreach (var instruction in ConditionAfterFlagSetter())
            for (var n = 0; n < 6; n++)
            {
                // Equal and adjacent operands too, where the comparisons' edges are.
                var inputs = RandomInputs(random, instruction);
                if (n >= 3) inputs.Registers[2] = inputs.Registers[1] + (ulong)(n - 4);
                cases.Add(inputs);
            }
        var rows = DataProcessingRegister.Encodings;
        for (var n = 0; n < randomCount; n++)
        {
            var row = rows[random.Next(rows.Count)];
            cases.Add(RandomInputs(random, $".inst 0x{RandomWord(random, row):x8} // {row.Mnemonic}"));
        }

        var binary = GuestCompiler.Compile(HostTools.Aarch64Gcc, Program(cases), ".S", "-nostdlib", "-static");
        var expected = ProcessRunner.Run(HostTools.QemuAarch64, [binary], TimeSpan.FromMinutes(1));
        Assert.True(expected.ExitCode == 0, $"qemu-aarch64 failed (exit {expected.ExitCode}): {expected.StandardError}");
        Assert.Equal(cases.Count * CaseOutputSize, expected.StandardOutput.Length);
        var actual = CrossCli.Run(["run", .. JitArguments(backend), binary], TimeSpan.FromMinutes(5));
        Assert.True(actual.ExitCode == 0, $"cross run failed (exit {actual.ExitCode}): {actual.StandardError}");

        var failures = new List<string>();
        for (var n = 0; n < cases.Count; n++)
        {
            var offset = n * CaseOutputSize;
            var want = expected.StandardOutput.AsSpan(offset, CaseOutputSize);
            var got = actual.StandardOutput.AsSpan(Math.Min(offset, actual.StandardOutput.Length),
                Math.Clamp(actual.StandardOutput.Length - offset, 0, CaseOutputSize));
            if (want.SequenceEqual(got)) continue;
            failures.Add($"{cases[n].Text} with {Describe(cases[n])}: qemu {Describe(want)}, cross {(got.Length == CaseOutputSize ? Describe(got) : "no output")}");
        }
        foreach (var failure in failures.Take(30)) output.WriteLine(failure);
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases differ from qemu-aarch64 (seed {seed}, backend {backend}):\n" + string.Join("\n", failures.Take(30)));
    }

    private static string[] JitArguments(string backend) => backend switch
    {
        // Compile every block before it first runs: each case runs once, so tiering would leave it to the interpreter.
        TestBackendFactory.Llvm => ["--jit", "llvm", "--jit-threshold", "0", "--jit-opt", "O0"],
        _ => ["--jit", backend],
    };

    private static ulong RandomValue(Random random) => random.Next(4) switch
    {
        0 or 1 => EdgeValues[random.Next(EdgeValues.Length)],
        2 => (ulong)random.NextInt64(0, 256),
        _ => (ulong)random.NextInt64() ^ (ulong)random.Next(2) << 63,
    };

    private static Case RandomInputs(Random random, string text) =>
        new(text, [RandomValue(random), RandomValue(random), RandomValue(random), RandomValue(random)],
            RandomValue(random), (uint)random.Next(16));

    /// <summary>
    /// A random word the row accepts, with Rd limited to x0/31 and the source registers to
    /// x0-x3/31 so that the program's own registers (x4, x5, x19) stay intact.
    /// </summary>
    private static uint RandomWord(Random random, A64Encoding row)
    {
        int[] sources = [0, 1, 2, 3, 31];
        uint Source() => (uint)sources[random.Next(sources.Length)];
        while (true)
        {
            var word = row.Match | ((uint)random.NextInt64(0, 1L << 32) & ~row.Mask);
            word = word & ~0x3FFu | (random.Next(2) == 0 ? 0u : 31u) | Source() << 5;
            // Bits [20:16] are Rm wherever the row leaves them open, except CCMP/CCMN's imm5.
            if ((row.Mask & 0x1F_0000) == 0 && !row.Mnemonic.Contains("immediate")) word = word & ~0x1F_0000u | Source() << 16;
            if (row.Mnemonic.Contains("3 source")) word = word & ~(0x1Fu << 10) | Source() << 10;
            if (row.Accepts(word)) return word;
        }
    }

    private static string Program(IReadOnlyList<Case> cases)
    {
        var text = new StringBuilder();
        text.Append("    .arch_extension crc\n    .text\n    .globl _start\n_start:\n");
        text.Append("    adrp x19, results\n    add x19, x19, :lo12:results\n");
        foreach (var c in cases)
        {
            text.Append(CultureInfo.InvariantCulture, $"    // {c.Text}\n");
            LoadConstant(text, 4, c.Sp);
            text.Append("    mov sp, x4\n");
            LoadConstant(text, 4, (ulong)c.Nzcv << 28);
            text.Append("    msr nzcv, x4\n");
            for (var r = 0; r < 4; r++) LoadConstant(text, r, c.Registers[r]);
            text.Append("    ").Append(c.Text).Append('\n');
            text.Append("    mov x4, sp\n    mrs x5, nzcv\n");
            text.Append("    str x0, [x19]\n    str x4, [x19, #8]\n    str x5, [x19, #16]\n    add x19, x19, #24\n");
        }
        text.Append("    mov x0, #1\n    adrp x1, results\n    add x1, x1, :lo12:results\n");
        LoadConstant(text, 2, (ulong)(cases.Count * CaseOutputSize));
        text.Append("    mov x8, #64\n    svc #0\n    mov x0, #0\n    mov x8, #93\n    svc #0\n");
        text.Append(CultureInfo.InvariantCulture, $"    .bss\n    .balign 16\nresults:\n    .skip {cases.Count * CaseOutputSize}\n");
        return text.ToString();
    }

    /// <summary>MOVZ and three MOVKs: every 64-bit value in four instructions, independent of flags.</summary>
    private static void LoadConstant(StringBuilder text, int register, ulong value)
    {
        text.Append(CultureInfo.InvariantCulture, $"    movz x{register}, #0x{value & 0xFFFF:x}\n");
        for (var shift = 16; shift < 64; shift += 16)
            text.Append(CultureInfo.InvariantCulture, $"    movk x{register}, #0x{(value >> shift) & 0xFFFF:x}, lsl #{shift}\n");
    }

    private static string Describe(Case c) =>
        $"x0..x3 = {string.Join(", ", c.Registers.Select(v => $"0x{v:x}"))}, sp = 0x{c.Sp:x}, nzcv = {Convert.ToString(c.Nzcv, 2).PadLeft(4, '0')}";

    private static string Describe(ReadOnlySpan<byte> result) =>
        $"x0 = 0x{BinaryPrimitives.ReadUInt64LittleEndian(result):x}, sp = 0x{BinaryPrimitives.ReadUInt64LittleEndian(result[8..]):x}, " +
        $"nzcv = {Convert.ToString((long)(BinaryPrimitives.ReadUInt64LittleEndian(result[16..]) >> 28), 2).PadLeft(4, '0')}";
}
