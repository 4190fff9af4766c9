namespace Cross.Core.Ir;

/// <summary>Static facts about opcodes that passes and backends need.</summary>
public static class OpcodeInfo
{
    /// <summary>True when dropping the instruction (if its result is unused) changes behaviour.</summary>
    public static bool HasSideEffects(Instruction instruction) => instruction.Op switch
    {
        Opcode.SetReg or Opcode.Store or Opcode.AtomicRmw or Opcode.AtomicCmpXchg or Opcode.Fence => true,
        // A load can fault, and a fault is observable.
        Opcode.Load => true,
        Opcode.Call => !instruction.Helper!.IsPure,
        // FP operations accrue exception flags into guest state.
        Opcode.FAdd or Opcode.FSub or Opcode.FMul or Opcode.FDiv or Opcode.FSqrt or Opcode.FMulAdd
            or Opcode.FMinMax or Opcode.FCmp or Opcode.FConvert or Opcode.FToInt or Opcode.IntToF
            or Opcode.FRound => instruction.Aux >= 0,
        _ => instruction.IsTerminator,
    };

    /// <summary>True when the instruction may leave the block early (fault or trap) or look at guest state.</summary>
    public static bool ObservesGuestState(Instruction instruction) => instruction.Op switch
    {
        Opcode.Load or Opcode.Store or Opcode.AtomicRmw or Opcode.AtomicCmpXchg or Opcode.Fence => true,
        Opcode.Call => !instruction.Helper!.IsPure,
        _ => instruction.IsTerminator,
    };

    public static bool IsFloatingPoint(Opcode op) => op is >= Opcode.FAdd and <= Opcode.FRound;
}
