namespace Cross.UserMode.Signals;

/// <summary>A set of signals 1..64 as the kernel's 64-bit sigset_t: bit (n - 1) is signal n.</summary>
public readonly record struct SignalSet(ulong Bits)
{
    public static SignalSet Empty => default;

    /// <summary>The signals that can never be blocked.</summary>
    public static SignalSet Unblockable => Of(Signal.SIGKILL).With(Signal.SIGSTOP);

    public static SignalSet Of(int signal) => new(1UL << (signal - 1));

    public bool Contains(int signal) => Signal.IsValid(signal) && (Bits & (1UL << (signal - 1))) != 0;

    public SignalSet With(int signal) => new(Bits | (1UL << (signal - 1)));

    public SignalSet Without(int signal) => new(Bits & ~(1UL << (signal - 1)));

    public SignalSet Union(SignalSet other) => new(Bits | other.Bits);

    public SignalSet Except(SignalSet other) => new(Bits & ~other.Bits);

    public bool IsEmpty => Bits == 0;

    public override string ToString() => $"0x{Bits:x}";
}
