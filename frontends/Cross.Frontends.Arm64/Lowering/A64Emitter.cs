using Cross.Core.FloatingPoint;
using Cross.Core.Ir;

namespace Cross.Frontends.Arm64.Lowering;

/// <summary>
/// Lowers the A64 instructions of one block to IR. The handlers in the encoding tables call the
/// shared helpers of this class (split by group over the partial files); the translator calls
/// <see cref="Begin"/> before each instruction.
/// </summary>
public sealed partial class A64Emitter
{
    internal A64Emitter(IrBuilder builder, A64TranslationMode mode)
    {
        Builder = builder;
        Mode = mode;
    }

    public IrBuilder Builder { get; }

    /// <summary>The FPCR state this block was translated for (FP rounding, FZ, DN are static within a block).</summary>
    public A64TranslationMode Mode { get; }

    /// <summary>Address of the instruction being lowered.</summary>
    public ulong Pc { get; private set; }

    /// <summary>The raw instruction word.</summary>
    public uint InstructionBits { get; private set; }

    public ulong NextPc => Pc + 4;

    /// <summary>Set by instructions after which the block must end (writes to FPCR, ISB).</summary>
    public bool EndBlockAfter { get; set; }

    internal void Begin(ulong pc, uint bits)
    {
        Pc = pc;
        InstructionBits = bits;
    }

    private IrBuilder B => Builder;

    /// <summary>An unallocated or unimplemented encoding: an illegal-instruction trap (SIGILL in user mode).</summary>
    public void Illegal() => B.ExitTrap(TrapKind.IllegalInstruction, Pc, Pc, B.Const64(InstructionBits));

    /// <summary>Ends the block, continuing at <paramref name="target"/>.</summary>
    public void ExitTo(ulong target) => B.ExitDirect(target);

    /// <summary>Ends the block after an instruction that asked for it.</summary>
    internal void ExitAfter(ulong next) => B.ExitDirect(next);

    internal Value Const64(long value) => B.Const64(value);

    internal Value Const64(ulong value) => B.Const64(value);

    internal Value Const32(uint value) => B.Const32(value);

    /// <summary>The FP environment of this block for operations that honour FPCR.FZ and DN.</summary>
    internal FpMode FpEnvironment => new(Mode.DefaultNan ? NanPolicy.DefaultNan : NanPolicy.Propagate, Mode.FlushToZero, TininessBeforeRounding: true);
}
