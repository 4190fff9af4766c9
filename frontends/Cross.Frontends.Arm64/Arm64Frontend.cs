using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Lowering;

namespace Cross.Frontends.Arm64;

/// <summary>
/// AArch64 (A64) guest for Linux user mode: fetches 32-bit words, decodes them through the
/// encoding tables and lets each row's handler lower the instruction. A block ends at control
/// flow, traps, FPCR writes, ISB, a later fetch fault, or the length limit. Blocks are
/// translated for one FPCR mode (rounding, FZ, DN), which is part of the block-cache key.
/// </summary>
public sealed class Arm64Frontend : IGuestFrontend
{
    private readonly A64Decoder _decoder;

    public Arm64Frontend(A64Decoder? decoder = null) => _decoder = decoder ?? A64Decoder.UserMode;

    public string Architecture => "aarch64";

    public int StateSize => Arm64State.Size;

    public int PcOffset => Arm64State.Pc;

    public A64Decoder Decoder => _decoder;

    public ulong ModeKey(GuestState state) => state.Read(Arm64State.Fpcr, 4) & A64TranslationMode.FpcrModeMask;

    public IrBlock Translate(ulong pc, IGuestMemory memory, int maxInstructions) =>
        Translate(pc, memory, maxInstructions, A64TranslationMode.Default);

    public IrBlock Translate(ulong pc, GuestContext context, int maxInstructions) =>
        Translate(pc, context.Memory, maxInstructions, A64TranslationMode.FromFpcr((uint)context.State.Read(Arm64State.Fpcr, 4)));

    public IrBlock Translate(ulong pc, IGuestMemory memory, int maxInstructions, A64TranslationMode mode)
    {
        var builder = new IrBuilder(pc);
        var emitter = new A64Emitter(builder, mode);
        var limit = Math.Max(1, maxInstructions);
        var current = pc;
        for (var count = 0; ; count++)
        {
            if (count == limit)
            {
                emitter.ExitTo(current);
                break;
            }

            uint bits;
            try
            {
                // A misaligned PC faults on fetch (SIGBUS in user mode); Linux reports it at the PC.
                if ((current & 3) != 0) throw new GuestMemoryFaultException(current, MemoryAccessType.Execute, MemoryFaultReason.Misaligned);
                bits = (uint)memory.Fetch(current, 4);
            }
            catch (GuestMemoryFaultException) when (count > 0)
            {
                // Let the next block fault precisely at this instruction.
                emitter.ExitTo(current);
                break;
            }

            builder.BeginInstruction(current, 4);
            emitter.Begin(current, bits);
            if (_decoder.TryDecode(bits, out var instruction)) instruction.Encoding.Handler(emitter, instruction);
            else emitter.Illegal();

            if (builder.IsTerminated) break;
            current += 4;
            if (emitter.EndBlockAfter)
            {
                emitter.ExitAfter(current);
                break;
            }
        }
        return builder.Block;
    }

    /// <summary>The row name of a word ("illegal 0x…" when undefined), for dumps and failure messages.</summary>
    public string Disassemble(uint bits) =>
        _decoder.TryDecode(bits, out var instruction) ? instruction.ToString() : $"illegal 0x{bits:x8}";
}
