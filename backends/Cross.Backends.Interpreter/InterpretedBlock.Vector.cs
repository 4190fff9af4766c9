using Cross.Core.Ir;

namespace Cross.Backends.Interpreter;

// The v128 lane operations, all through VectorEval (the reference the LLVM lowering matches).
internal sealed partial class InterpretedBlock
{
    private static void Vector(Instruction instruction, int index, Span<ulong> low, Span<ulong> high)
    {
        var laneBits = instruction.Aux2;
        var op = instruction.Op;
        if (op == Opcode.VDup)
        {
            SetWide(low, high, index, VectorEval.Duplicate(laneBits, low[instruction.A.Id]));
            return;
        }
        var a = Wide(low, high, instruction.A);
        var b = instruction.B.IsNone ? 0 : Wide(low, high, instruction.B);
        if (op == Opcode.VReduce)
        {
            low[index] = VectorEval.Reduce((VectorReduction)instruction.Aux, laneBits, a);
            return;
        }
        var result = op switch
        {
            Opcode.VNeg or Opcode.VAbs or Opcode.VPopcount or Opcode.VClz => VectorEval.Unary(op, laneBits, a),
            Opcode.VCmp => VectorEval.Compare(instruction.Condition, laneBits, a, b),
            Opcode.VShl or Opcode.VShrU or Opcode.VShrS => VectorEval.ShiftImmediate(op, laneBits, a, (int)instruction.Imm),
            Opcode.VShuffle => VectorEval.Shuffle(a, b, (ulong)instruction.Imm, (ulong)instruction.Imm2),
            Opcode.VTableLookup => VectorEval.TableLookup(a, b, Wide(low, high, instruction.C)),
            Opcode.VWidenU or Opcode.VWidenS => VectorEval.Widen(op, laneBits, a, (int)instruction.Imm),
            Opcode.VNarrow or Opcode.VNarrowSatS or Opcode.VNarrowSatU or Opcode.VNarrowSatSU => VectorEval.Narrow(op, laneBits, a),
            _ => VectorEval.Binary(op, laneBits, a, b),
        };
        SetWide(low, high, index, result);
    }
}
