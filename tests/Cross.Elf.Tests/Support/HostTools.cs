using System.Diagnostics;

namespace Cross.Elf.Tests.Support;

/// <summary>Finds and runs host tools (gcc, readelf, cross compilers).</summary>
public static class HostTools
{
    public const string Gcc = "gcc";
    public const string ReadElf = "readelf";
    public const string RiscVGcc = "riscv64-linux-gnu-gcc";

    /// <summary>Full path of an executable on PATH (or /usr/bin), or null.</summary>
    public static string? Find(string tool)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin");
        return directories.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }

    /// <summary>Runs a tool to completion and returns stdout; a non-zero exit fails with its stderr.</summary>
    public static string Run(string tool, params string[] arguments)
    {
        var path = Find(tool) ?? throw new InvalidOperationException($"{tool} is not installed");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // readelf's wording is what we parse, so pin the locale.
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} timed out");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout;
    }
}
