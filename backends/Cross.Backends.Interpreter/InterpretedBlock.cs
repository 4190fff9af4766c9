using System.Runtime.CompilerServices;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Interpreter;

/// <summary>
/// One IR block prepared for interpretation. Values live in 64-bit slots (plus a high slot for
/// i128/v128), held zero-extended to their type's width. Slots are not zeroed first: SSA
/// order guarantees every slot is written before it is read (the verifier checks that).
/// </summary>
[SkipLocalsInit]
internal sealed partial class InterpretedBlock : ICompiledBlock
{
    private const int StackSlotLimit = 512;

    private readonly Instruction[] _code;
    private readonly bool _hasWideValues;

    public IrBlock Source { get; }

    public InterpretedBlock(IrBlock block)
    {
        Source = block;
        _code = block.Instructions.ToArray();
        _hasWideValues = _code.Any(i => i.Type.IsWide() || i.Op == Opcode.Store && i.Access.SizeInBytes() == 16);
    }

    public BlockExit Execute(GuestContext context, long budget)
    {
        var count = _code.Length;
        Span<ulong> low = count <= StackSlotLimit ? stackalloc ulong[count] : new ulong[count];
        Span<ulong> high = _hasWideValues ? (count <= StackSlotLimit ? stackalloc ulong[count] : new ulong[count]) : Span<ulong>.Empty;
        var index = 0;
        try
        {
            for (; index < count; index++)
            {
                var instruction = _code[index];
                if (instruction.IsTerminator) return Exit(instruction, low);
                // Paths that produce a wide value from a narrow one write only the low slot.
                if (!high.IsEmpty) high[index] = 0;
                Step(context, instruction, index, low, high);
            }
            throw new InvalidOperationException($"IR block at 0x{Source.GuestPc:x} has no exit");
        }
        catch (GuestMemoryFaultException fault)
        {
            var guestIndex = _code[index].GuestIndex;
            return new BlockExit(BlockExitKind.MemoryFault, Source.GuestPcs[guestIndex], guestIndex, Fault: fault);
        }
        catch (GuestTrapException trap)
        {
            var guestIndex = _code[index].GuestIndex;
            var pc = Source.GuestPcs[guestIndex];
            return new BlockExit(BlockExitKind.Trap, pc, guestIndex, trap.Kind, pc, trap.Detail);
        }
    }

    private BlockExit Exit(Instruction exit, Span<ulong> low)
    {
        var retired = Source.GuestInstructionCount;
        switch (exit.Op)
        {
            case Opcode.ExitDirect:
                return BlockExit.Jump((ulong)exit.Imm, retired);
            case Opcode.ExitCond:
                return BlockExit.Jump(low[exit.A.Id] != 0 ? (ulong)exit.Imm : (ulong)exit.Imm2, retired);
            case Opcode.ExitIndirect:
                return BlockExit.Jump(low[exit.A.Id], retired);
            default:
                // A trap that resumes elsewhere completed its instruction; one that resumes at itself did not.
                var completed = exit.Imm2 != exit.Imm ? 1 : 0;
                var detail = exit.A.IsNone ? 0 : low[exit.A.Id];
                return new BlockExit(BlockExitKind.Trap, (ulong)exit.Imm2, exit.GuestIndex + completed, (TrapKind)exit.Aux, (ulong)exit.Imm, detail);
        }
    }
}
