using System.Globalization;
using System.Text;

namespace Cross.Frontends.RiscV.Tests.Differential;

/// <summary>
/// A bare-metal riscv64 Linux program (no libc) holding many test cases. Each case loads a
/// random initial state (x1-x30, f0-f31, fcsr, 256 bytes of scratch memory) from its data
/// block, runs its random instruction sequence, stores every register and fcsr back, and writes
/// the scratch memory and the saved registers to stdout. Comparing that output from two
/// emulators compares all architectural state the sequence can change.
/// </summary>
public sealed class DifferentialProgram
{
    public const int InitialX = 0;           // x1..x30
    public const int InitialF = 240;         // f0..f31
    public const int InitialFcsr = 496;
    public const int ScratchOffset = 504;
    public const int ScratchSize = 256;
    public const int SavedX = ScratchOffset + ScratchSize;   // 760
    public const int SavedF = SavedX + 240;                  // 1000
    public const int SavedFcsr = SavedF + 256;               // 1256
    public const int BlockSize = SavedFcsr + 8;              // 1264

    /// <summary>Bytes each case writes to stdout: scratch memory then the saved registers.</summary>
    public const int OutputSize = BlockSize - ScratchOffset;

    public sealed record Case(IReadOnlyList<GeneratedInstruction> Instructions, ulong[] X, ulong[] F, ulong Fcsr, byte[] Scratch);

    public List<Case> Cases { get; } = new();

    public static Case RandomCase(Random random, RandomInstructionGenerator generator, int length)
    {
        var x = new ulong[31];
        for (var i = 1; i <= 30; i++) x[i] = RandomValues.Integer(random);
        var f = new ulong[32];
        for (var i = 0; i < 32; i++) f[i] = RandomValues.FloatRegister(random);
        var fcsr = (ulong)(random.Next(5) << 5 | random.Next(32));
        var scratch = new byte[ScratchSize];
        for (var i = 0; i < ScratchSize; i += 8)
            BitConverter.GetBytes(random.Next(2) == 0 ? RandomValues.Integer(random) : RandomValues.FloatRegister(random)).CopyTo(scratch, i);
        return new Case(generator.Sequence(length), x, f, fcsr, scratch);
    }

    public string Assembly()
    {
        var text = new StringBuilder();
        text.Append("    .option norelax\n    .text\n    .globl _start\n_start:\n");
        for (var n = 0; n < Cases.Count; n++)
        {
            var c = Cases[n];
            text.Append(CultureInfo.InvariantCulture, $"case_{n}:\n    la x31, data_{n}\n");
            for (var i = 0; i < 32; i++) text.Append(CultureInfo.InvariantCulture, $"    fld f{i}, {InitialF + i * 8}(x31)\n");
            text.Append(CultureInfo.InvariantCulture, $"    ld x5, {InitialFcsr}(x31)\n    fscsr x5\n");
            for (var i = 1; i <= 30; i++) text.Append(CultureInfo.InvariantCulture, $"    ld x{i}, {InitialX + (i - 1) * 8}(x31)\n");
            foreach (var instruction in c.Instructions)
            {
                if (instruction.Setup is not null) text.Append("    ").Append(instruction.Setup).Append('\n');
                text.Append(instruction.Encoding.IsCompressed
                    ? $"    .half 0x{instruction.Bits:x4}  # {instruction.Encoding.Mnemonic}\n"
                    : $"    .word 0x{instruction.Bits:x8}  # {instruction.Encoding.Mnemonic}\n");
            }
            for (var i = 1; i <= 30; i++) text.Append(CultureInfo.InvariantCulture, $"    sd x{i}, {SavedX + (i - 1) * 8}(x31)\n");
            for (var i = 0; i < 32; i++) text.Append(CultureInfo.InvariantCulture, $"    fsd f{i}, {SavedF + i * 8}(x31)\n");
            text.Append(CultureInfo.InvariantCulture, $"    frcsr x5\n    sd x5, {SavedFcsr}(x31)\n");
            text.Append(CultureInfo.InvariantCulture, $"    li a7, 64\n    li a0, 1\n    addi a1, x31, {ScratchOffset}\n    li a2, {OutputSize}\n    ecall\n");
        }
        text.Append("    li a7, 93\n    li a0, 0\n    ecall\n");
        text.Append("    .data\n    .balign 16\n");
        for (var n = 0; n < Cases.Count; n++)
        {
            var c = Cases[n];
            text.Append(CultureInfo.InvariantCulture, $"data_{n}:\n");
            var values = new List<ulong>();
            for (var i = 1; i <= 30; i++) values.Add(c.X[i]);
            values.AddRange(c.F);
            values.Add(c.Fcsr);
            for (var i = 0; i < ScratchSize; i += 8) values.Add(BitConverter.ToUInt64(c.Scratch, i));
            for (var i = 0; i < (BlockSize - ScratchOffset - ScratchSize) / 8; i++) values.Add(0);
            for (var i = 0; i < values.Count; i += 4)
                text.Append("    .dword ").Append(string.Join(", ", values.Skip(i).Take(4).Select(v => $"0x{v:x}"))).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Names the first differing piece of state in one case's output.</summary>
    public static string DescribeDifference(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        var parts = new List<string>();
        for (var offset = 0; offset < OutputSize; offset += 8)
        {
            var e = offset + 8 <= expected.Length ? BitConverter.ToUInt64(expected[offset..(offset + 8)]) : (ulong?)null;
            var a = offset + 8 <= actual.Length ? BitConverter.ToUInt64(actual[offset..(offset + 8)]) : (ulong?)null;
            if (e == a) continue;
            var at = offset + ScratchOffset;
            var name = at switch
            {
                < SavedX => $"mem[{at - ScratchOffset}]",
                < SavedF => $"x{(at - SavedX) / 8 + 1}",
                < SavedFcsr => $"f{(at - SavedF) / 8}",
                _ => "fcsr",
            };
            parts.Add($"{name}: qemu {Hex(e)} cross {Hex(a)}");
        }
        return string.Join(", ", parts);
    }

    private static string Hex(ulong? value) => value is { } v ? $"0x{v:x}" : "(missing)";
}
