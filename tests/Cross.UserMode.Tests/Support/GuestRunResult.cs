using System.Text;

namespace Cross.UserMode.Tests.Support;

/// <summary>What a guest run left: the exit status a shell would report, and the output bytes.</summary>
public sealed record GuestRunResult(int ExitCode, byte[] StandardOutput, string StandardError, bool TimedOut)
{
    /// <summary>Cross's own "cross: …" lines (in-process runs), separate from the guest's standard error.</summary>
    public string Diagnostics { get; init; } = "";

    public string Output => Encoding.UTF8.GetString(StandardOutput);

    public override string ToString() =>
        $"exit {ExitCode}{(TimedOut ? " (timed out)" : "")}\n--- stdout ---\n{Output}\n--- stderr ---\n{StandardError}\n--- diagnostics ---\n{Diagnostics}";
}
