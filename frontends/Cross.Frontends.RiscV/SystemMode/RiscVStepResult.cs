namespace Cross.Frontends.RiscV.SystemMode;

/// <summary>Why <see cref="RiscVSystemCpu.Step"/> returned.</summary>
public enum RiscVStepStop : byte
{
    /// <summary>The budget ran out.</summary>
    BudgetExhausted,
    /// <summary>The hart executed WFI with no interrupt pending, or is still waiting.</summary>
    WaitingForInterrupt,
    /// <summary><see cref="RiscVSystemCpu.RequestStop"/> was called.</summary>
    StopRequested,
}

/// <summary>
/// The outcome of one time slice: how many instructions retired (the instret clock), how much of
/// the budget went (retired instructions plus one per trap taken, so a trap storm still ends the
/// slice), and why it ended.
/// </summary>
public readonly record struct RiscVStepResult(long InstructionsRetired, long BudgetUsed, RiscVStepStop Stop);
