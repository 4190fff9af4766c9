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
    /// <summary>
    /// Optimised code stopped before the instruction at <see cref="BlockExit.NextPc"/>, which it
    /// does not run itself (a guest memory access off its fast path: a page holding translated
    /// code, a page boundary, a fault). The engine runs the block there once on its baseline code,
    /// which handles every case. Only code compiled from a <see cref="CodeRegion"/> exits this way.
    /// </summary>
    Fallback,
    /// <summary>
    /// Like <see cref="Jump"/>; besides, the region code entered at <see cref="BlockExit.Detail"/>
    /// has run <see cref="CodeRegion.ReportHotAfter"/> times (entries and loop back edges) and
    /// deserves a full-effort compile.
    /// </summary>
    Hot,
}

/// <summary>
/// How a compiled block left. For traps and faults, NextPc is the precise faulting PC unless a
/// trap says where to resume. Detail is the trap's detail, or for <see cref="BlockExitKind.Hot"/>
/// the guest PC of the hot region's entry.
/// </summary>
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

    public static BlockExit Fallback(ulong nextPc, int retired) => new(BlockExitKind.Fallback, nextPc, retired);
}
