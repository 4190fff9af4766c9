using System.Globalization;
using System.Text;

namespace Cross.Frontends.Arm64.Tests.Differential;

/// <summary>
/// A bare-metal aarch64 Linux program (no libc) holding many test cases. Each case points x28 at
/// its data block, loads a random initial state (x0-x30 but x28, NZCV, FPCR, FPSR, v0-v31) and
/// sets SP into its scratch memory, runs its random instruction sequence, stores every register
/// back, and writes the scratch memory and the saved registers to stdout. Comparing that output
/// from two emulators compares all architectural state the sequence can change.
/// </summary>
public sealed class A64DifferentialProgram
{
    public const int InitialX = 0;                          // x0..x30 (the x28 slot is unused)
    public const int InitialNzcv = 248;
    public const int InitialFpcr = 256;
    public const int InitialFpsr = 264;
    public const int InitialV = 272;                        // v0..v31, 16 bytes each
    public const int ScratchOffset = InitialV + 512;        // 784
    public const int ScratchSize = 1024;
    public const int ScratchMiddle = ScratchOffset + ScratchSize / 2;
    public const int SavedX = ScratchOffset + ScratchSize;  // 1808
    public const int SavedSp = SavedX + 248;
    public const int SavedNzcv = SavedSp + 8;
    public const int SavedFpsr = SavedNzcv + 8;
    public const int SavedV = SavedFpsr + 8;                // 2080
    public const int BlockSize = SavedV + 512;              // 2592

    /// <summary>Bytes each case writes to stdout: scratch memory, then the saved registers.</summary>
    public const int OutputSize = BlockSize - ScratchOffset;

    public sealed record Case(IReadOnlyList<A64GeneratedInstruction> Instructions, ulong[] X, ulong Nzcv, ulong Fpcr, ulong Fpsr, ulong[] V, byte[] Scratch);

    public List<Case> Cases { get; } = new();

    public static Case RandomCase(Random random, A64InstructionGenerator generator, int length)
    {
        var x = new ulong[31];
        for (var i = 0; i < 31; i++) x[i] = A64RandomValues.Integer(random);
        var v = new ulong[64];
        for (var i = 0; i < 64; i++) v[i] = A64RandomValues.VectorHalf(random);
        var nzcv = (ulong)random.Next(16) << 28;
        // FPCR: a random rounding mode, and FZ and DN each a quarter of the time.
        var fpcr = (ulong)random.Next(4) << 22 | (random.Next(4) == 0 ? 1UL << 24 : 0) | (random.Next(4) == 0 ? 1UL << 25 : 0);
        // FPSR: random cumulative flags (IOC..IXC, IDC) and QC.
        var fpsr = (ulong)(uint)random.Next(32) | (random.Next(2) == 0 ? 0x80UL : 0) | (random.Next(2) == 0 ? 1UL << 27 : 0);
        var scratch = new byte[ScratchSize];
        for (var i = 0; i < ScratchSize; i += 8)
            BitConverter.GetBytes(random.Next(2) == 0 ? A64RandomValues.Integer(random) : A64RandomValues.VectorHalf(random)).CopyTo(scratch, i);
        return new Case(generator.Sequence(length), x, nzcv, fpcr, fpsr, v, scratch);
    }

    public string Assembly()
    {
        var text = new StringBuilder();
        text.Append("    .text\n    .globl _start\n_start:\n");
        for (var n = 0; n < Cases.Count; n++)
        {
            var c = Cases[n];
            Line(text, $"case_{n}:");
            Line(text, $"    adrp x28, data_{n}");
            Line(text, $"    add x28, x28, :lo12:data_{n}");
            for (var i = 0; i < 32; i++) Line(text, $"    ldr q{i}, [x28, #{InitialV + i * 16}]");
            Line(text, $"    ldr x0, [x28, #{InitialNzcv}]");
            Line(text, "    msr nzcv, x0");
            Line(text, $"    ldr x0, [x28, #{InitialFpcr}]");
            Line(text, "    msr fpcr, x0");
            Line(text, $"    ldr x0, [x28, #{InitialFpsr}]");
            Line(text, "    msr fpsr, x0");
            Line(text, $"    add sp, x28, #{ScratchMiddle}");
            for (var i = 0; i < 31; i++)
                if (i != A64InstructionGenerator.BaseRegister) Line(text, $"    ldr x{i}, [x28, #{InitialX + i * 8}]");
            foreach (var instruction in c.Instructions)
            {
                foreach (var setup in instruction.Setup) Line(text, "    " + setup);
                Line(text, $"    .inst 0x{instruction.Bits:x8}  // {instruction.Encoding.Mnemonic}");
            }
            for (var i = 0; i < 31; i++)
                if (i != A64InstructionGenerator.BaseRegister) Line(text, $"    str x{i}, [x28, #{SavedX + i * 8}]");
            Line(text, "    add x0, sp, #0");
            Line(text, $"    str x0, [x28, #{SavedSp}]");
            Line(text, "    mrs x0, nzcv");
            Line(text, $"    str x0, [x28, #{SavedNzcv}]");
            Line(text, "    mrs x0, fpsr");
            Line(text, $"    str x0, [x28, #{SavedFpsr}]");
            for (var i = 0; i < 32; i++) Line(text, $"    str q{i}, [x28, #{SavedV + i * 16}]");
            Line(text, "    movz x8, #64");
            Line(text, "    movz x0, #1");
            Line(text, $"    add x1, x28, #{ScratchOffset}");
            Line(text, $"    movz x2, #{OutputSize}");
            Line(text, "    svc #0");
        }
        Line(text, "    movz x8, #93");
        Line(text, "    movz x0, #0");
        Line(text, "    svc #0");
        Line(text, "    .data");
        Line(text, "    .balign 16");
        for (var n = 0; n < Cases.Count; n++)
        {
            var c = Cases[n];
            Line(text, $"data_{n}:");
            var values = new List<ulong>(c.X) { c.Nzcv, c.Fpcr, c.Fpsr };
            values.AddRange(c.V);
            for (var i = 0; i < ScratchSize; i += 8) values.Add(BitConverter.ToUInt64(c.Scratch, i));
            while (values.Count * 8 < BlockSize) values.Add(0);
            for (var i = 0; i < values.Count; i += 4)
                text.Append("    .dword ").Append(string.Join(", ", values.Skip(i).Take(4).Select(v => $"0x{v:x}"))).Append('\n');
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    /// <summary>Names every differing piece of state in one case's output.</summary>
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
                < SavedX => $"mem[{at - ScratchOffset - ScratchSize / 2}]",
                < SavedSp => $"x{(at - SavedX) / 8}",
                < SavedNzcv => "sp",
                < SavedFpsr => "nzcv",
                < SavedV => "fpsr",
                _ => $"v{(at - SavedV) / 16}.d[{(at - SavedV) / 8 % 2}]",
            };
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: qemu {Hex(e)} cross {Hex(a)}"));
        }
        return string.Join(", ", parts);
    }

    private static string Hex(ulong? value) => value is { } v ? $"0x{v:x}" : "(missing)";
}
