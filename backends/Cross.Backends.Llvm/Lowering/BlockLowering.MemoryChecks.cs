using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Llvm.Lowering;

// Region code checks guest memory accesses in groups. Accesses whose addresses are one base value
// plus constants (a struct's fields, a stack frame, an unrolled copy loop) form a group between
// helper calls; the first access of the group checks the span all of them touch, and falls back
// at its own instruction when any would fail, and the others go straight to memory. Nothing in
// region code between the two can change page permissions: stores that would (to translated code)
// fail the check, and helper calls end groups.
internal sealed partial class BlockLowering
{
    /// <summary>Longest span one check covers; wider groups check each access.</summary>
    private const int MaxCheckedSpan = 1024;

    /// <summary>What the leader of a group checks before its own access.</summary>
    private readonly record struct SpanCheck(Value Base, long Offset, int Length, DirectPagePermissions Required);

    /// <summary>
    /// Instruction index → the span its access checks (the leader of a group), or null (a later
    /// member of a group: no check). Accesses not in the map check themselves.
    /// </summary>
    private Dictionary<int, SpanCheck?> PlanMemoryChecks()
    {
        var plan = new Dictionary<int, SpanCheck?>();
        if (!_region.FallbackExits || !_directMemory) return plan;
        var groups = new Dictionary<int, List<(int Index, long Offset, int Size, DirectPagePermissions Required)>>();
        for (var index = 0; index < _code.Length; index++)
        {
            var instruction = _code[index];
            if (instruction.Op == Opcode.Call)
            {
                Plan(plan, groups);
                continue;
            }
            if (instruction.Op is not (Opcode.Load or Opcode.Store)) continue;
            var size = instruction.Access.SizeInBytes();
            if ((instruction.Access & MemoryAccess.Aligned) != 0 && size > 1) continue;
            var (baseValue, offset) = Decompose(instruction.A);
            if (!groups.TryGetValue(baseValue.Id, out var group)) groups[baseValue.Id] = group = new();
            group.Add((index, offset, size, instruction.Op == Opcode.Load ? DirectPagePermissions.Read : DirectPagePermissions.Write));
        }
        Plan(plan, groups);
        return plan;
    }

    private void Plan(Dictionary<int, SpanCheck?> plan, Dictionary<int, List<(int Index, long Offset, int Size, DirectPagePermissions Required)>> groups)
    {
        foreach (var (baseId, group) in groups)
        {
            if (group.Count < 2) continue;
            var start = group.Min(access => access.Offset);
            var end = group.Max(access => access.Offset + access.Size);
            if (end - start > MaxCheckedSpan) continue;
            var required = group.Aggregate(DirectPagePermissions.None, (all, access) => all | access.Required);
            var baseValue = Decompose(_code[group[0].Index].A).Base;
            plan[group[0].Index] = new SpanCheck(baseValue, start, (int)(end - start), required);
            foreach (var access in group.Skip(1)) plan[access.Index] = null;
        }
        groups.Clear();
    }

    /// <summary>
    /// An address as base value plus constant, looking through chains of <c>add v, const</c>
    /// (<c>addi a5, a5, 8</c> then <c>sd x, -8(a5)</c> is a5's base plus 0), or itself plus 0.
    /// </summary>
    private (Value Base, long Offset) Decompose(Value address)
    {
        long offset = 0;
        for (var depth = 0; depth < 8; depth++)
        {
            var definition = _code[address.Id];
            if (definition.Op != Opcode.Add || definition.Type != IrType.I64) break;
            if (_code[definition.B.Id].Op == Opcode.Const) (address, offset) = (definition.A, unchecked(offset + _code[definition.B.Id].Imm));
            else if (_code[definition.A.Id].Op == Opcode.Const) (address, offset) = (definition.B, unchecked(offset + _code[definition.A.Id].Imm));
            else break;
        }
        return (address, offset);
    }
}
