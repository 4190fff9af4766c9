namespace Cross.UserMode.Signals;

/// <summary>Linux signal numbers (the generic numbering riscv64, aarch64 and x86-64 share) and their default actions.</summary>
public static class Signal
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8,
        SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16,
        SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24,
        SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31, SIGRTMIN = 32;

    /// <summary>Highest signal number (_NSIG).</summary>
    public const int Count = 64;

    public static bool IsValid(int signal) => signal is >= 1 and <= Count;

    /// <summary>SIGKILL and SIGSTOP can be neither caught, ignored nor blocked.</summary>
    public static bool IsUncatchable(int signal) => signal is SIGKILL or SIGSTOP;

    public static bool IsRealTime(int signal) => signal >= SIGRTMIN;

    public static DefaultAction DefaultActionOf(int signal) => signal switch
    {
        // Stop and continue are not emulated: a stopped guest would simply keep running.
        SIGCHLD or SIGURG or SIGWINCH or SIGCONT or SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU => DefaultAction.Ignore,
        SIGQUIT or SIGILL or SIGTRAP or SIGABRT or SIGBUS or SIGFPE or SIGSEGV or SIGXCPU or SIGXFSZ or SIGSYS => DefaultAction.CoreDump,
        _ => DefaultAction.Terminate,
    };

    /// <summary>"SIGSEGV", or "SIGRTMIN+3", or "signal 99".</summary>
    public static string Name(int signal) => signal switch
    {
        SIGHUP => "SIGHUP", SIGINT => "SIGINT", SIGQUIT => "SIGQUIT", SIGILL => "SIGILL", SIGTRAP => "SIGTRAP",
        SIGABRT => "SIGABRT", SIGBUS => "SIGBUS", SIGFPE => "SIGFPE", SIGKILL => "SIGKILL", SIGUSR1 => "SIGUSR1",
        SIGSEGV => "SIGSEGV", SIGUSR2 => "SIGUSR2", SIGPIPE => "SIGPIPE", SIGALRM => "SIGALRM", SIGTERM => "SIGTERM",
        SIGSTKFLT => "SIGSTKFLT", SIGCHLD => "SIGCHLD", SIGCONT => "SIGCONT", SIGSTOP => "SIGSTOP", SIGTSTP => "SIGTSTP",
        SIGTTIN => "SIGTTIN", SIGTTOU => "SIGTTOU", SIGURG => "SIGURG", SIGXCPU => "SIGXCPU", SIGXFSZ => "SIGXFSZ",
        SIGVTALRM => "SIGVTALRM", SIGPROF => "SIGPROF", SIGWINCH => "SIGWINCH", SIGIO => "SIGIO", SIGPWR => "SIGPWR",
        SIGSYS => "SIGSYS",
        >= SIGRTMIN and <= Count => signal == SIGRTMIN ? "SIGRTMIN" : $"SIGRTMIN+{signal - SIGRTMIN}",
        _ => $"signal {signal}",
    };
}

public enum DefaultAction : byte
{
    Terminate,
    /// <summary>Terminate; a real kernel would also write a core file.</summary>
    CoreDump,
    Ignore,
}

/// <summary>sa_flags bits (generic values).</summary>
public static class SignalActionFlags
{
    public const ulong NoChildStop = 0x1, NoChildWait = 0x2, SigInfo = 0x4, OnStack = 0x08000000, Restart = 0x10000000,
        NoDefer = 0x40000000, ResetHand = 0x80000000;
}

/// <summary>si_code values user mode produces.</summary>
public static class SignalCode
{
    public const int User = 0;          // SI_USER: kill()
    public const int Kernel = 0x80;     // SI_KERNEL
    public const int Tkill = -6;        // SI_TKILL: tkill()/tgkill()
    public const int SegvMapErr = 1, SegvAccErr = 2;
    public const int BusAdrAln = 1;
    public const int IllIllOpc = 1;
    public const int TrapBrkpt = 1;
}

/// <summary>A handler registration: the kernel's struct sigaction without the architecture's layout.</summary>
public readonly record struct SignalAction(ulong Handler, ulong Flags, SignalSet Mask)
{
    public const ulong Default = 0, Ignore = 1;

    public bool IsDefault => Handler == Default;
    public bool IsIgnore => Handler == Ignore;
}
