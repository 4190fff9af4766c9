using System.Diagnostics;

namespace Cross.Core.Ir.Passes;

/// <summary>
/// What happens to every block, in order, whatever the backend: the passes, then compaction of
/// dropped instructions, then verification.
/// </summary>
public sealed class PassPipeline
{
    public IReadOnlyList<IIrPass> Passes { get; }

    public PassPipeline(params IIrPass[] passes) => Passes = passes;

    public static PassPipeline Default() => new(
        new ConstantFolding(),
        new RegisterAccessElimination(),
        new ConstantFolding(),
        new DeadCodeElimination());

    public static PassPipeline None() => new();

    public void Run(IrBlock block, bool verify = true)
    {
        foreach (var pass in Passes) pass.Run(block);
        Compact(block);
        if (verify) IrVerifier.Verify(block);
    }

    /// <summary>Removes Nop instructions and renumbers values.</summary>
    public static void Compact(IrBlock block)
    {
        var instructions = block.Instructions;
        var newIds = new int[instructions.Count];
        var kept = new List<Instruction>(instructions.Count);
        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            if (instruction.Op == Opcode.Nop)
            {
                newIds[i] = -1;
                continue;
            }
            newIds[i] = kept.Count;
            instruction.MapOperands(v =>
            {
                var id = newIds[v.Id];
                Debug.Assert(id >= 0, "operand refers to a dropped instruction");
                return new Value(id);
            });
            kept.Add(instruction);
        }
        instructions.Clear();
        instructions.AddRange(kept);
    }
}
