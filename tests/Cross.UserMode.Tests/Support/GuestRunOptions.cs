namespace Cross.UserMode.Tests.Support;

/// <summary>How to run a guest program: arguments, environment, standard input, working directory.</summary>
public sealed record GuestRunOptions
{
    /// <summary>A fixed small environment, so that runs under Cross and QEMU see the same one.</summary>
    public static IReadOnlyList<string> DefaultEnvironment { get; } = ["HOME=/tmp", "LC_ALL=C", "PATH=/usr/bin:/bin"];

    /// <summary>argv[1..]. "{tmp}" is replaced by the run's scratch directory (see <see cref="UseScratchDirectory"/>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The guest environment (NAME=VALUE).</summary>
    public IReadOnlyList<string> Environment { get; init; } = DefaultEnvironment;

    /// <summary>Bytes on standard input; empty input when null.</summary>
    public byte[]? StandardInput { get; init; }

    /// <summary>The guest's working directory; the scratch directory when one is used, else the test's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Give each run its own fresh empty directory (deleted afterwards), as "{tmp}" and working directory.</summary>
    public bool UseScratchDirectory { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(3);
}
