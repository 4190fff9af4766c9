using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.Frontends.RiscV.Csr;
using Cross.Frontends.RiscV.Decoding;
using Cross.Frontends.RiscV.Lowering;
using Cross.Frontends.RiscV.Privileged;

namespace Cross.Frontends.RiscV;

/// <summary>
/// RV64GC (+ Zba/Zbb/Zbs) guest: fetches 16-bit parcels, decodes through the encoding tables and
/// lets each encoding's handler lower the instruction. A block ends at control flow, traps,
/// fence.i, CSR writes that change FP rounding state, a later fetch fault, or the length limit.
/// <para>
/// The system-mode frontend (<see cref="CreateSystem"/>) adds the privileged instructions and
/// CSRs, translates per privilege level and mstatus.FS, keeps each block within one page, and
/// exits indirectly wherever the next block's key may differ (another page, a CSR write); it
/// needs the <see cref="RiscVHart"/> as <see cref="GuestContext.FrontendData"/>, whose
/// <see cref="RiscVHart.Mmu"/> is the context's memory.
/// </para>
/// </summary>
public sealed class RiscVFrontend : IGuestFrontend
{
    private const int PageShift = 12;

    private readonly RiscVDecoder _decoder;
    private readonly CsrFile _csrs;
    private readonly bool _system;

    /// <summary>A user-mode (Linux process) frontend.</summary>
    public RiscVFrontend(RiscVDecoder? decoder = null, CsrFile? csrs = null)
        : this(decoder ?? RiscVDecoder.Rv64gc, csrs ?? CsrFile.UserMode, system: false)
    {
    }

    private RiscVFrontend(RiscVDecoder decoder, CsrFile csrs, bool system)
    {
        _decoder = decoder;
        _csrs = csrs;
        _system = system;
    }

    /// <summary>A system-mode frontend: privileged instructions, the M/S CSR file, translation per hart mode.</summary>
    public static RiscVFrontend CreateSystem(RiscVDecoder? decoder = null, CsrFile? csrs = null) =>
        new(decoder ?? RiscVDecoder.Rv64gcSystem, csrs ?? CsrFile.SystemMode, system: true);

    public string Architecture => "riscv64";

    public int StateSize => RiscVState.Size;

    public int PcOffset => RiscVState.Pc;

    public RiscVDecoder Decoder => _decoder;

    public bool IsSystemMode => _system;

    public ulong ModeKey(GuestState state) => 0;

    /// <summary>User mode: 0. System mode: the hart's <see cref="RiscVHart.CodeKey"/> (physical frame, privilege, FS).</summary>
    public ulong ModeKey(GuestContext context) => _system ? HartOf(context).CodeKey() : 0;

    /// <summary>Reads one instruction: a parcel, and a second one when the first says 32 bits.</summary>
    public static uint Fetch(IGuestMemory memory, ulong pc)
    {
        var low = (uint)memory.Fetch(pc, 2);
        if (RiscVDecoder.InstructionLength(low) == 2) return low;
        return low | (uint)memory.Fetch(pc + 2, 2) << 16;
    }

    /// <summary>Translates for a user process, or (system mode) as M-mode with FP on; use the context overload to translate for a hart.</summary>
    public IrBlock Translate(ulong pc, IGuestMemory memory, int maxInstructions) =>
        Translate(pc, memory, maxInstructions, _system ? TranslationMode.System(PrivilegeLevel.Machine, FloatingPointState.Dirty) : TranslationMode.UserProcess);

    public IrBlock Translate(ulong pc, GuestContext context, int maxInstructions) =>
        Translate(pc, context.Memory, maxInstructions, _system ? HartOf(context).TranslationMode : TranslationMode.UserProcess);

    public IrBlock Translate(ulong pc, IGuestMemory memory, int maxInstructions, TranslationMode mode)
    {
        var builder = new IrBuilder(pc);
        var emitter = new RiscVEmitter(builder, _csrs, mode);
        var limit = Math.Max(1, maxInstructions);
        var current = pc;
        for (var count = 0; ; count++)
        {
            // System-mode blocks stay in the page of their first instruction (see RiscVHart.CodeKey).
            if (count == limit || (mode.IsSystem && count > 0 && current >> PageShift != pc >> PageShift))
            {
                emitter.ExitTo(current);
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
                emitter.ExitTo(current);
                break;
            }

            var length = RiscVDecoder.InstructionLength(bits);
            if (mode.IsSystem && count > 0 && ((current + (ulong)length - 1) >> PageShift) != current >> PageShift)
            {
                // An instruction straddling two pages starts a block of its own.
                emitter.ExitTo(current);
                break;
            }

            builder.BeginInstruction(current, length);
            emitter.Begin(current, length, bits);
            if (_decoder.TryDecode(bits, out var instruction) && emitter.Permits(instruction.Encoding))
                instruction.Encoding.Handler(emitter, instruction);
            else emitter.Illegal();

            if (builder.IsTerminated) break;
            current += (ulong)length;
            if (emitter.EndBlockAfter)
            {
                emitter.ExitAfter(current);
                break;
            }
        }
        return builder.Block;
    }

    /// <summary>Disassembles one word ("unknown 0x…" when illegal), for dumps and failure messages.</summary>
    public string Disassemble(uint bits) =>
        _decoder.TryDecode(bits, out var instruction) ? instruction.ToString() : $"illegal 0x{bits:x}";

    private static RiscVHart HartOf(GuestContext context) =>
        context.FrontendData as RiscVHart
        ?? throw new InvalidOperationException("system-mode RISC-V code runs on a context whose FrontendData is its RiscVHart");
}
