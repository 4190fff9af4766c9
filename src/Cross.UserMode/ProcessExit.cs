namespace Cross.UserMode;

/// <summary>How a guest process ended: exit(code), or killed by a signal.</summary>
public readonly record struct ProcessExit(int Code, int Signal)
{
    public static ProcessExit Exited(int code) => new(code & 0xff, 0);

    public static ProcessExit Killed(int signal) => new(0, signal);

    public bool WasKilled => Signal != 0;

    /// <summary>The exit status a shell reports: the exit code, or 128 + N when killed by signal N.</summary>
    public int StatusCode => WasKilled ? 128 + Signal : Code;

    public override string ToString() => WasKilled ? $"killed by signal {Signal}" : $"exited with {Code}";
}
