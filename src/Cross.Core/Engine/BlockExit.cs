using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Core.Engine;

public enum BlockExitKind : byte
{
    /// <summary>Continue at <see cref="BlockExit.NextPc"/>.</summary>
    Jump,
    /// <summary>An ExitTrap or a helper's <see cref="GuestTrapException"/>.</summary>
    Trap,
    /// <summary>A guest memory access faulted.</summary>
    MemoryFault,
}

/// <summary>How a compiled block left. For traps and faults, NextPc is the precise faulting PC unless a trap says where to resume.</summary>
public readonly record struct BlockExit(
    BlockExitKind Kind,
    ulong NextPc,
    int InstructionsRetired,
    TrapKind Trap = default,
    ulong TrapPc = 0,
    ulong Detail = 0,
    GuestMemoryFaultException? Fault = null)
{
    public static BlockExit Jump(ulong nextPc, int retired) => new(BlockExitKind.Jump, nextPc, retired);
}
