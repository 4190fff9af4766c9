namespace Cross.Core.Ir;

/// <summary>
/// One IR instruction. Its result (if any) is the SSA value whose id is the instruction's index
/// in the block. Which fields an opcode uses is listed on <see cref="Opcode"/>.
/// </summary>
public sealed class Instruction
{
    public Opcode Op;
    public IrType Type;
    public Value A = Value.None;
    public Value B = Value.None;
    public Value C = Value.None;
    public Value D = Value.None;
    public long Imm;
    public long Imm2;
    public int Aux;
    public int Aux2;
    public IrHelper? Helper;
    public Value[]? Args;

    /// <summary>Index of the guest instruction this belongs to, for precise faults.</summary>
    public int GuestIndex;

    public Instruction(Opcode op, IrType type)
    {
        Op = op;
        Type = type;
    }

    public IEnumerable<Value> Operands()
    {
        if (!A.IsNone) yield return A;
        if (!B.IsNone) yield return B;
        if (!C.IsNone) yield return C;
        if (!D.IsNone) yield return D;
        if (Args is not null)
            foreach (var arg in Args) yield return arg;
    }

    /// <summary>Rewrites every operand through <paramref name="map"/>.</summary>
    public void MapOperands(Func<Value, Value> map)
    {
        if (!A.IsNone) A = map(A);
        if (!B.IsNone) B = map(B);
        if (!C.IsNone) C = map(C);
        if (!D.IsNone) D = map(D);
        if (Args is not null)
            for (var i = 0; i < Args.Length; i++) Args[i] = map(Args[i]);
    }

    public bool IsTerminator => Op is >= Opcode.ExitDirect and <= Opcode.ExitTrap;

    public Condition Condition => (Condition)Aux;

    public MemoryAccess Access => (MemoryAccess)Aux;
}
