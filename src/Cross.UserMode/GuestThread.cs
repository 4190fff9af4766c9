using Cross.Core.Engine;
using Cross.UserMode.Signals;
using Cross.UserMode.Syscalls;

namespace Cross.UserMode;

/// <summary>One guest thread: its CPU context and the per-thread parts of Linux's task state.</summary>
public sealed class GuestThread
{
    internal GuestThread(UserModeProcess process, int tid, GuestContext context)
    {
        Process = process;
        Tid = tid;
        Context = context;
        Call = new SyscallCall(process, this);
    }

    public UserModeProcess Process { get; }

    public int Tid { get; }

    public GuestContext Context { get; }

    /// <summary>The name prctl(PR_SET_NAME) sets and PR_GET_NAME reads (at most 15 bytes; a new thread starts with its creator's).</summary>
    public byte[] Name { get; set; } = [];

    /// <summary>The signal mask (never contains SIGKILL or SIGSTOP).</summary>
    public SignalSet BlockedSignals { get; set; }

    /// <summary>The alternate signal stack set by sigaltstack.</summary>
    public SignalStack AlternateStack { get; set; } = SignalStack.Disabled;

    /// <summary>set_tid_address: cleared and futex-woken when the thread exits.</summary>
    public ulong ClearChildTid { get; set; }

    /// <summary>set_robust_list: the head of the robust futex list.</summary>
    public ulong RobustList { get; set; }

    /// <summary>
    /// The mask to restore once a signal has been handled, set by calls that wait with a temporary
    /// mask (rt_sigsuspend); the next signal frame records it instead of the temporary mask.
    /// </summary>
    internal SignalSet? SavedMask { get; set; }

    /// <summary>Signals sent to this thread (tgkill, faults), not yet delivered.</summary>
    internal List<SignalInfo> PendingSignals { get; } = new();

    internal SyscallCall Call { get; }

    /// <summary>Set by the thread's own exit system call: its run loop ends after the current call.</summary>
    public bool HasExited => Volatile.Read(ref _exited);

    /// <summary>The status the thread passed to exit (meaningful once <see cref="HasExited"/>).</summary>
    public int ExitCode { get; private set; }

    private bool _exited;

    /// <summary>Marks the thread as ending (exit, not exit_group): it stops before running more guest code.</summary>
    internal void MarkExited(int code)
    {
        ExitCode = code;
        Volatile.Write(ref _exited, true);
        Context.ExitRequested = true;
    }
}
