using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.Frontends.RiscV.Csr;
using Cross.Frontends.RiscV.Decoding;
using Cross.Frontends.RiscV.Lowering;

namespace Cross.Frontends.RiscV;

/// <summary>
/// RV64GC (+ Zba/Zbb/Zbs) guest: fetches 16-bit parcels, decodes through the encoding tables and
/// lets each encoding's handler lower the instruction. A block ends at control flow, traps,
/// fence.i, CSR writes that change FP rounding state, a later fetch fault, or the length limit.
/// </summary>
public sealed class RiscVFrontend : IGuestFrontend
{
    private readonly RiscVDecoder _decoder;
    private readonly CsrFile _csrs;

    public RiscVFrontend(RiscVDecoder? decoder = null, CsrFile? csrs = null)
    {
        _decoder = decoder ?? RiscVDecoder.Rv64gc;
        _csrs = csrs ?? CsrFile.UserMode;
    }

    public string Architecture => "riscv64";

    public int StateSize => RiscVState.Size;

    public int PcOffset => RiscVState.Pc;

    public RiscVDecoder Decoder => _decoder;

    public ulong ModeKey(GuestState state) => 0;

    /// <summary>Reads one instruction: a parcel, and a second one when the first says 32 bits.</summary>
    public static uint Fetch(IGuestMemory memory, ulong pc)
    {
        var low = (uint)memory.Fetch(pc, 2);
        if (RiscVDecoder.InstructionLength(low) == 2) return low;
        return low | (uint)memory.Fetch(pc + 2, 2) << 16;
    }

    public IrBlock Translate(ulong pc, IGuestMemory memory, int maxInstructions)
    {
        var builder = new IrBuilder(pc);
        var emitter = new RiscVEmitter(builder, _csrs);
        var limit = Math.Max(1, maxInstructions);
        var current = pc;
        for (var count = 0; ; count++)
        {
            if (count == limit)
            {
                builder.ExitDirect(current);
                break;
            }

            uint bits;
            try
            {
                bits = Fetch(memory, current);
            }
            catch (GuestMemoryFaultException) when (count > 0)
            {
                // Let the next block fault precisely at this instruction.
                builder.ExitDirect(current);
                break;
            }

            var length = RiscVDecoder.InstructionLength(bits);
            builder.BeginInstruction(current, length);
            emitter.Begin(current, length, bits);
            if (_decoder.TryDecode(bits, out var instruction)) instruction.Encoding.Handler(emitter, instruction);
            else emitter.Illegal();

            if (builder.IsTerminated) break;
            current += (ulong)length;
            if (emitter.EndBlockAfter)
            {
                builder.ExitDirect(current);
                break;
            }
        }
        return builder.Block;
    }

    /// <summary>Disassembles one word ("unknown 0x…" when illegal), for dumps and failure messages.</summary>
    public string Disassemble(uint bits) =>
        _decoder.TryDecode(bits, out var instruction) ? instruction.ToString() : $"illegal 0x{bits:x}";
}
