namespace Cross.Core.Ir;

public enum Condition : byte
{
    Eq, Ne,
    LtS, LeS, GtS, GeS,
    LtU, LeU, GtU, GeU,
}

public enum AtomicOp : byte
{
    Exchange, Add, And, Or, Xor, MinS, MaxS, MinU, MaxU,
}

public enum FenceKind : byte
{
    Full, Acquire, Release, Instruction,
}

/// <summary>Why a block left to the engine instead of continuing at a guest PC.</summary>
public enum TrapKind : byte
{
    SystemCall,
    Breakpoint,
    IllegalInstruction,
    /// <summary>The guest stops for the engine to service something (WFI, a helper's request).</summary>
    Halt,
}
