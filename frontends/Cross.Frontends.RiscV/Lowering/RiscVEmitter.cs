using Cross.Core.FloatingPoint;
using Cross.Core.Ir;
using Cross.Frontends.RiscV.Csr;

namespace Cross.Frontends.RiscV.Lowering;

/// <summary>
/// Lowers RISC-V instructions of one block to IR. Handlers in the extension tables call the
/// shared helpers of this class (split by group over the partial files); the translator calls
/// <see cref="Begin"/> before each instruction.
/// </summary>
public sealed partial class RiscVEmitter
{
    private static readonly FpMode FpEnvironment = new(NanPolicy.Canonical);

    private readonly CsrFile _csrs;

    /// <summary>The dynamic rounding mode, once checked in this block (frm cannot change within a block).</summary>
    private Value? _dynamicRounding;

    public IrBuilder Builder { get; }

    /// <summary>Address of the instruction being lowered.</summary>
    public ulong Pc { get; private set; }

    /// <summary>2 or 4.</summary>
    public int Length { get; private set; }

    /// <summary>The raw instruction (16 bits for compressed instructions).</summary>
    public uint InstructionBits { get; private set; }

    public ulong NextPc => Pc + (ulong)Length;

    /// <summary>Set by instructions after which the block must end (fence.i, writes to frm/fcsr).</summary>
    public bool EndBlockAfter { get; set; }

    /// <summary>The hart state this block is translated for (user process, or a system-mode privilege level and FS).</summary>
    public TranslationMode Mode { get; }

    internal RiscVEmitter(IrBuilder builder, CsrFile csrs, TranslationMode? mode = null)
    {
        Builder = builder;
        _csrs = csrs;
        Mode = mode ?? TranslationMode.UserProcess;
    }

    internal void Begin(ulong pc, int length, uint bits)
    {
        Pc = pc;
        Length = length;
        InstructionBits = bits;
    }

    private IrBuilder B => Builder;

    /// <summary>Ends the block with an illegal-instruction trap at this instruction.</summary>
    public void Illegal() =>
        B.ExitTrap(TrapKind.IllegalInstruction, Pc, Pc, B.Const64(InstructionBits));

    internal Value Const(IrType type, long value) => B.Const(type, (ulong)value);

    internal Value Const64(long value) => B.Const64(value);

    /// <summary>The same-width integer type of a float type.</summary>
    internal static IrType IntOf(IrType floatType) => floatType == IrType.F32 ? IrType.I32 : IrType.I64;
}
