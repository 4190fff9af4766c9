using Cross.Frontends.RiscV.Privileged;

namespace Cross.Frontends.RiscV.Lowering;

/// <summary>
/// The hart state a block's translation depends on. User mode (a Linux process) has one mode;
/// in system mode the privilege level decides which CSRs and privileged instructions are legal,
/// and mstatus.FS whether FP instructions are (Off) and whether they must mark FS dirty.
/// </summary>
public readonly record struct TranslationMode(bool IsSystem, PrivilegeLevel Privilege, FloatingPointState FloatingPoint)
{
    /// <summary>A user-mode process: U-mode, FP always on, ecall is a system call for the emulator.</summary>
    public static TranslationMode UserProcess { get; } = new(false, PrivilegeLevel.User, FloatingPointState.Dirty);

    public static TranslationMode System(PrivilegeLevel privilege, FloatingPointState floatingPoint) => new(true, privilege, floatingPoint);
}
