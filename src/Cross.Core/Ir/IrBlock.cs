namespace Cross.Core.Ir;

/// <summary>A translated guest block: straight-line IR ending in exactly one exit.</summary>
public sealed class IrBlock
{
    public ulong GuestPc { get; }
    public List<Instruction> Instructions { get; } = new();

    /// <summary>Guest PC of each guest instruction in the block, indexed by <see cref="Instruction.GuestIndex"/>.</summary>
    public List<ulong> GuestPcs { get; } = new();

    /// <summary>Guest bytes covered, for invalidation when code is overwritten.</summary>
    public ulong GuestEnd { get; set; }

    public IrBlock(ulong guestPc)
    {
        GuestPc = guestPc;
        GuestEnd = guestPc;
    }

    public int GuestInstructionCount => GuestPcs.Count;

    public Instruction this[Value value] => Instructions[value.Id];

    public Instruction Terminator => Instructions[^1];

    public override string ToString() => IrPrinter.Print(this);
}
