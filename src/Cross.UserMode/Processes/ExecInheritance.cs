using Cross.UserMode.Files;
using Cross.UserMode.Signals;

namespace Cross.UserMode.Processes;

/// <summary>
/// What a process keeps across execve (Linux rules): its open descriptors without FD_CLOEXEC and
/// working directory, the signals it ignores (handled ones revert to default), its signal mask,
/// and its children.
/// </summary>
internal sealed record ExecInheritance(GuestFileTable Files, SignalSet Ignored, SignalSet Blocked, IReadOnlyList<(int Pid, int ExitSignal)> Children);
