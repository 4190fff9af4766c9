namespace Cross.Backends.Llvm.Runtime;

/// <summary>
/// What a compiled block returns, and what callbacks leave in the runtime block's status field
/// when they fail. Generated code returns the status unchanged, so the two share one enum.
/// </summary>
internal enum ExitStatus
{
    /// <summary>Continue at NextPc.</summary>
    Jump = 0,
    /// <summary>An ExitTrap, a helper's GuestTrapException, or an invalid dynamic rounding mode.</summary>
    Trap = 1,
    /// <summary>A guest memory access faulted; the exception waits in the frame.</summary>
    MemoryFault = 2,
    /// <summary>A helper or memory threw something else; it is rethrown on the caller's thread.</summary>
    ManagedException = 3,
    /// <summary>Region code left the instruction at NextPc to the baseline code (<see cref="Core.Engine.BlockExitKind.Fallback"/>).</summary>
    Fallback = 4,
    /// <summary>Continue at NextPc; the region entered at Detail reports that it is hot (<see cref="Core.Engine.BlockExitKind.Hot"/>).</summary>
    Hot = 5,
}
