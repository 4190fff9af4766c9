namespace Cross.Core.Ir.Passes;

/// <summary>
/// Evaluates integer operations whose operands are constants (through <see cref="IrEval"/>, the
/// same code the interpreter runs) and applies identities such as x+0, x&amp;0, select on a
/// constant. Conditional exits on a constant become direct exits.
/// </summary>
public sealed class ConstantFolding : IIrPass
{
    public string Name => "constant-folding";

    public void Run(IrBlock block)
    {
        var instructions = block.Instructions;
        var replacement = new ValueReplacement(instructions.Count);
        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            replacement.Apply(instruction);
            Fold(block, instruction, i, replacement);
        }
    }

    private static bool IsConst(IrBlock block, Value value, out ulong constant)
    {
        constant = 0;
        if (value.IsNone) return false;
        var definition = block[value];
        if (definition.Op != Opcode.Const || definition.Type.IsWide()) return false;
        constant = (ulong)definition.Imm;
        return true;
    }

    private static void MakeConst(Instruction instruction, ulong value)
    {
        var type = instruction.Type;
        instruction.Op = Opcode.Const;
        instruction.Imm = (long)(value & type.Mask());
        instruction.Imm2 = 0;
        instruction.A = instruction.B = instruction.C = instruction.D = Value.None;
        instruction.Aux = instruction.Aux2 = 0;
    }

    private static void Fold(IrBlock block, Instruction instruction, int id, ValueReplacement replacement)
    {
        var type = instruction.Type;
        if (type.IsWide()) return;
        var aConst = IsConst(block, instruction.A, out var a);
        var bConst = IsConst(block, instruction.B, out var b);
        var cConst = IsConst(block, instruction.C, out var c);
        var op = instruction.Op;
        switch (op)
        {
            case Opcode.Not or Opcode.Neg or Opcode.Clz or Opcode.Ctz or Opcode.Popcount or Opcode.ByteSwap when aConst:
                MakeConst(instruction, IrEval.Unary(op, type, a));
                return;
            case Opcode.ZeroExtend or Opcode.SignExtend or Opcode.Truncate or Opcode.Bitcast when aConst && !block[instruction.A].Type.IsWide():
                MakeConst(instruction, IrEval.Convert(op, block[instruction.A].Type, type, a));
                return;
            case Opcode.Cmp when aConst && bConst && !block[instruction.A].Type.IsWide():
                MakeConst(instruction, IrEval.Compare(instruction.Condition, block[instruction.A].Type, a, b) ? 1UL : 0UL);
                return;
            case Opcode.Select when aConst:
                replacement.Replace(id, a != 0 ? instruction.B : instruction.C);
                return;
            case Opcode.AddWithCarry when aConst && bConst && cConst:
                MakeConst(instruction, IrEval.AddWithCarry(type, a, b, c));
                return;
            case Opcode.CarryOut or Opcode.OverflowOut when aConst && bConst && (instruction.C.IsNone || cConst):
                var operandType = block[instruction.A].Type;
                if (operandType.IsWide()) return;
                var flag = op == Opcode.CarryOut ? IrEval.CarryOut(operandType, a, b, c) : IrEval.OverflowOut(operandType, a, b, c);
                MakeConst(instruction, flag ? 1UL : 0UL);
                return;
            case Opcode.ExitCond when aConst:
                instruction.Op = Opcode.ExitDirect;
                instruction.Imm = a != 0 ? instruction.Imm : instruction.Imm2;
                instruction.A = Value.None;
                return;
        }

        if (!IrEval.IsPureIntegerBinary(op)) return;
        if (aConst && bConst)
        {
            MakeConst(instruction, IrEval.Binary(op, type, a, b));
            return;
        }

        // Identities that keep one operand.
        var mask = type.Mask();
        if (bConst)
        {
            var keepA = op switch
            {
                Opcode.Add or Opcode.Sub or Opcode.Or or Opcode.Xor or Opcode.Shl or Opcode.ShrU or Opcode.ShrS
                    or Opcode.RotL or Opcode.RotR => b == 0,
                Opcode.And => b == mask,
                Opcode.Mul or Opcode.DivU or Opcode.DivS => b == 1,
                _ => false,
            };
            if (keepA && (op is not (Opcode.Shl or Opcode.ShrU or Opcode.ShrS or Opcode.RotL or Opcode.RotR) || (b & (ulong)(type.Bits() - 1)) == 0))
            {
                replacement.Replace(id, instruction.A);
                return;
            }
            if ((op == Opcode.And || op == Opcode.Mul) && b == 0)
            {
                MakeConst(instruction, 0);
                return;
            }
            if (op == Opcode.Or && b == mask)
            {
                MakeConst(instruction, mask);
                return;
            }
        }
        if (aConst)
        {
            if ((op is Opcode.Add or Opcode.Or or Opcode.Xor && a == 0) || (op == Opcode.And && a == mask) || (op == Opcode.Mul && a == 1))
            {
                replacement.Replace(id, instruction.B);
                return;
            }
            if ((op is Opcode.And or Opcode.Mul or Opcode.Shl or Opcode.ShrU or Opcode.ShrS) && a == 0)
            {
                MakeConst(instruction, 0);
                return;
            }
        }
        if (instruction.A == instruction.B && !instruction.A.IsNone)
        {
            if (op is Opcode.Sub or Opcode.Xor) MakeConst(instruction, 0);
            else if (op is Opcode.And or Opcode.Or) replacement.Replace(id, instruction.A);
        }
    }
}
