using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Core.Engine;

public enum StopKind : byte
{
    /// <summary>The instruction budget of this time slice ran out.</summary>
    BudgetExhausted,
    /// <summary>The guest trapped (system call, breakpoint, illegal instruction…).</summary>
    Trap,
    /// <summary>A guest memory access or instruction fetch faulted.</summary>
    MemoryFault,
    /// <summary><see cref="GuestContext.ExitRequested"/> was set (interrupt pending, stop request): the PC is the next block's.</summary>
    ExitRequested,
}

/// <summary>
/// Why <see cref="ExecutionEngine.Run"/> returned. The context's PC is the faulting instruction
/// for faults and illegal instructions, and the resume address for system calls.
/// </summary>
public readonly record struct StopReason(StopKind Kind, TrapKind Trap = default, ulong TrapPc = 0, ulong Detail = 0, GuestMemoryFaultException? Fault = null);
