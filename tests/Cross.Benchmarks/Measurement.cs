using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cross.Benchmarks;

/// <summary>One run of one command: its output, wall-clock time and peak resident memory.</summary>
public sealed record Measurement(string Output, TimeSpan Time, long PeakKilobytes, int ExitCode)
{
    /// <summary>
    /// Runs <paramref name="command"/> under <c>/usr/bin/time -f %M</c> (GNU time, Debian package
    /// "time"), which reports the child's peak RSS; the wall time is measured here around it.
    /// </summary>
    public static Measurement Run(IReadOnlyList<string> command, TimeSpan timeout)
    {
        var report = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(GnuTime)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["-f", "%M", "-o", report, .. command]) start.ArgumentList.Add(argument);
            var stopwatch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{string.Join(' ', command)} took longer than {timeout}");
            }
            stopwatch.Stop();
            var text = output.Result;
            _ = error.Result;
            var peak = long.TryParse(File.ReadAllText(report).Trim().Split('\n')[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
            return new Measurement(text, stopwatch.Elapsed, peak, process.ExitCode);
        }
        finally
        {
            File.Delete(report);
        }
    }

    public const string GnuTime = "/usr/bin/time";

    public static string Describe(IReadOnlyList<string> command)
    {
        var text = new StringBuilder();
        foreach (var part in command) text.Append(part.Contains(' ') ? $"'{part}' " : $"{part} ");
        return text.ToString().TrimEnd();
    }
}
