namespace Cross.Core.Ir.Passes;

/// <summary>Turns instructions whose results nothing uses, and that have no side effects, into Nop.</summary>
public sealed class DeadCodeElimination : IIrPass
{
    public string Name => "dead-code-elimination";

    public void Run(IrBlock block)
    {
        var instructions = block.Instructions;
        var live = new bool[instructions.Count];
        for (var i = instructions.Count - 1; i >= 0; i--)
        {
            var instruction = instructions[i];
            if (instruction.Op == Opcode.Nop) continue;
            if (!live[i] && !OpcodeInfo.HasSideEffects(instruction))
            {
                instruction.Op = Opcode.Nop;
                instruction.Type = IrType.Void;
                instruction.A = instruction.B = instruction.C = instruction.D = Value.None;
                instruction.Args = null;
                instruction.Helper = null;
                continue;
            }
            foreach (var operand in instruction.Operands()) live[operand.Id] = true;
        }
    }
}
