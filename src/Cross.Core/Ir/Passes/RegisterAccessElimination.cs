namespace Cross.Core.Ir.Passes;

/// <summary>
/// Forwards guest-register reads from earlier writes or reads of the same slot, and drops a
/// write that a later write to the same slot overwrites. A write is kept whenever something
/// between the two could observe guest state (a possible fault, a helper call, an FP flag
/// accrual into that slot), so faults stay precise.
/// </summary>
public sealed class RegisterAccessElimination : IIrPass
{
    public string Name => "register-access-elimination";

    private readonly record struct Slot(int Offset, int Size, IrType Type);

    public void Run(IrBlock block)
    {
        var instructions = block.Instructions;
        var replacement = new ValueReplacement(instructions.Count);
        var known = new Dictionary<int, (Slot Slot, Value Value)>();
        var pendingWrites = new Dictionary<int, (Slot Slot, int Index)>();

        void Invalidate(int offset, int size, Dictionary<int, (Slot Slot, Value Value)> map, int keepOffset = -1)
        {
            List<int>? remove = null;
            foreach (var (key, entry) in map)
                if (key != keepOffset && entry.Slot.Offset < offset + size && offset < entry.Slot.Offset + entry.Slot.Size)
                    (remove ??= new()).Add(key);
            if (remove is not null) foreach (var key in remove) map.Remove(key);
        }

        void ForgetPendingOverlapping(int offset, int size)
        {
            List<int>? remove = null;
            foreach (var (key, entry) in pendingWrites)
                if (entry.Slot.Offset < offset + size && offset < entry.Slot.Offset + entry.Slot.Size)
                    (remove ??= new()).Add(key);
            if (remove is not null) foreach (var key in remove) pendingWrites.Remove(key);
        }

        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            replacement.Apply(instruction);
            switch (instruction.Op)
            {
                case Opcode.GetReg:
                {
                    var slot = new Slot(instruction.Aux, instruction.Type.Bytes(), instruction.Type);
                    if (known.TryGetValue(slot.Offset, out var entry) && entry.Slot == slot)
                    {
                        replacement.Replace(i, entry.Value);
                        instruction.Op = Opcode.Nop;
                        instruction.Type = IrType.Void;
                        continue;
                    }
                    // A read makes earlier overlapping writes necessary.
                    ForgetPendingOverlapping(slot.Offset, slot.Size);
                    Invalidate(slot.Offset, slot.Size, known);
                    known[slot.Offset] = (slot, new Value(i));
                    break;
                }
                case Opcode.SetReg:
                {
                    var type = instructions[instruction.A.Id].Type;
                    var slot = new Slot(instruction.Aux, type.Bytes(), type);
                    if (pendingWrites.TryGetValue(slot.Offset, out var earlier) && earlier.Slot == slot)
                        instructions[earlier.Index].Op = Opcode.Nop;
                    ForgetPendingOverlapping(slot.Offset, slot.Size);
                    pendingWrites[slot.Offset] = (slot, i);
                    Invalidate(slot.Offset, slot.Size, known);
                    known[slot.Offset] = (slot, instruction.A);
                    break;
                }
                default:
                    if (OpcodeInfo.IsFloatingPoint(instruction.Op) && instruction.Aux >= 0)
                    {
                        // Exception flags accrue into one byte of state: a read-modify-write.
                        ForgetPendingOverlapping(instruction.Aux, 1);
                        Invalidate(instruction.Aux, 1, known);
                    }
                    else if (instruction.Op == Opcode.Call && !instruction.Helper!.IsPure)
                    {
                        pendingWrites.Clear();
                        known.Clear();
                    }
                    else if (OpcodeInfo.ObservesGuestState(instruction))
                    {
                        pendingWrites.Clear();
                    }
                    break;
            }
        }
    }
}
