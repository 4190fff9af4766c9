using System.Text;

namespace Cross.Testing;

/// <summary>What a finished process left: its exit code as a shell reports it, and its output bytes.</summary>
public sealed record ProcessResult(int ExitCode, byte[] StandardOutput, string StandardError, bool TimedOut)
{
    public string Output => Encoding.UTF8.GetString(StandardOutput);
}
