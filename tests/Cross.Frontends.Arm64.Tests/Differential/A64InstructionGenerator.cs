using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Lowering;

namespace Cross.Frontends.Arm64.Tests.Differential;

/// <summary>
/// Draws random valid A64 instructions from the decoder table (<see cref="A64Decoder.Encodings"/>),
/// constrained so a sequence runs straight through inside the harness of
/// <see cref="A64DifferentialProgram"/>:
/// <list type="bullet">
/// <item>no control flow, traps or non-deterministic reads (found by translating the word and
/// looking at the IR: the block must simply continue at the next instruction, without calling
/// the counter helper);</item>
/// <item>x28, the harness's base register, is never written;</item>
/// <item>memory operands land in the case's scratch area: the base register is set up to point
/// at its middle, register offsets are set to small values, and immediate offsets are narrowed
/// to stay within it.</item>
/// </list>
/// </summary>
public sealed class A64InstructionGenerator
{
    public const int BaseRegister = 28;

    /// <summary>Rows left out by name: PAC hints (qemu's CPU has pointer authentication, we run them as NOPs) and DC ZVA (zeroes 512 bytes, more than the scratch area).</summary>
    private static readonly HashSet<string> Excluded = ["hint", "sys"];

    private const ulong ProbePc = 0x1000;

    private readonly Random _random;
    private readonly A64Decoder _decoder;
    private readonly Arm64Frontend _frontend;
    private readonly IReadOnlyList<A64Encoding> _usable;

    public A64InstructionGenerator(Random random, A64Decoder? decoder = null)
    {
        _random = random;
        _decoder = decoder ?? A64Decoder.UserMode;
        _frontend = new Arm64Frontend(_decoder);
        _usable = _decoder.Encodings.Where(e => !Excluded.Contains(e.Mnemonic)).ToArray();
    }

    public IReadOnlyList<A64Encoding> Usable => _usable;

    public IReadOnlyList<A64GeneratedInstruction> Sequence(int length)
    {
        var result = new List<A64GeneratedInstruction>(length);
        while (result.Count < length) result.Add(Next());
        return result;
    }

    public A64GeneratedInstruction Next()
    {
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 100_000) throw new InvalidOperationException("no usable instruction found in 100000 draws");
            var encoding = _usable[_random.Next(_usable.Count)];
            var bits = encoding.Match | ((uint)_random.NextInt64(1L << 32) & ~encoding.Mask);
            var setup = new List<string>();
            if (IsLoadStore(bits) && !ConstrainMemoryOperand(ref bits, setup)) continue;
            if (!_decoder.TryDecode(bits, out var decoded) || decoded.Encoding != encoding) continue;
            if (!RunsStraightThrough(bits, out var accessesMemory)) continue;
            if (accessesMemory && setup.Count == 0 && !IsLiteralLoad(bits)) continue;
            return new A64GeneratedInstruction(encoding, bits, setup);
        }
    }

    /// <summary>The load/store encoding space: op0 bits x1x0 (bit 27 set, bit 25 clear).</summary>
    private static bool IsLoadStore(uint bits) => ((bits >> 25) & 5) == 4;

    private static bool IsLiteralLoad(uint bits) => IsLoadStore(bits) && ((bits >> 28) & 3) == 1 && ((bits >> 24) & 1) == 0;

    /// <summary>
    /// Narrows the offset fields of a load/store word and writes the assembly that points its
    /// base register into the scratch area. False when the word's registers cannot be used.
    /// </summary>
    private bool ConstrainMemoryOperand(ref uint bits, List<string> setup)
    {
        var rn = (int)((bits >> 5) & 31);
        var rm = (int)((bits >> 16) & 31);
        var group = (bits >> 28) & 3;
        var simd = ((bits >> 26) & 1) != 0;
        var usesRm = false;

        if (group == 1 && ((bits >> 24) & 1) == 0)
        {
            // Literal: a small forward offset, so it reads this program's own code.
            bits = (bits & ~(0x7FFFFu << 5)) | (uint)_random.Next(1, 64) << 5;
            return true;
        }
        if (group == 0 && simd)
        {
            // Structure loads/stores: the post-index forms (bit 23) take Rm; 31 means an immediate.
            usesRm = ((bits >> 23) & 1) != 0 && rm != 31;
        }
        else if (group == 2)
        {
            // Pairs: imm7 in [-16, 15] elements.
            bits = (bits & ~(0x7Fu << 15)) | ((uint)_random.Next(-16, 16) & 0x7F) << 15;
        }
        else if (group == 3 && ((bits >> 24) & 1) == 1)
        {
            // Unsigned offset: imm12 below 32 elements.
            bits &= ~(0x7Fu << 15);
        }
        else if (group == 3 && ((bits >> 21) & 1) == 1 && ((bits >> 10) & 3) == 2)
        {
            usesRm = true;  // register offset
        }

        // Register 31 as an offset is XZR: nothing to set up.
        if (rm == 31) usesRm = false;
        if (rn == BaseRegister) return false;
        if (usesRm && (rm == BaseRegister || rm == rn)) return false;
        setup.Add(rn == 31
            ? $"add sp, x{BaseRegister}, #{A64DifferentialProgram.ScratchMiddle}"
            : $"add x{rn}, x{BaseRegister}, #{A64DifferentialProgram.ScratchMiddle}");
        if (usesRm) setup.Add($"mov x{rm}, #{_random.Next(0, 32)}");
        return true;
    }

    /// <summary>
    /// Translates the word alone and checks that it continues at the next instruction, never
    /// writes the base register and reads no clock. Reports whether it touches memory.
    /// </summary>
    private bool RunsStraightThrough(uint bits, out bool accessesMemory)
    {
        accessesMemory = false;
        var memory = new FlatMemory(ProbePc, 0x1000);
        memory.Write(ProbePc, 4, bits);
        IrBlock block;
        try
        {
            block = _frontend.Translate(ProbePc, memory, 1, A64TranslationMode.Default);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"translating {bits:x8} failed: {e.Message}", e);
        }
        var exit = block.Terminator;
        if (exit.Op != Opcode.ExitDirect || (ulong)exit.Imm != ProbePc + 4) return false;
        foreach (var instruction in block.Instructions)
        {
            switch (instruction.Op)
            {
                case Opcode.SetReg when instruction.Aux == Arm64State.X(BaseRegister):
                    return false;
                case Opcode.Call when instruction.Helper == A64Helpers.VirtualCounter:
                    return false;
                case Opcode.Load or Opcode.Store or Opcode.AtomicRmw or Opcode.AtomicCmpXchg:
                    accessesMemory = true;
                    break;
            }
        }
        return true;
    }
}
