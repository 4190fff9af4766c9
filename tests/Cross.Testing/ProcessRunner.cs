using System.Diagnostics;

namespace Cross.Testing;

/// <summary>Runs a host process with arguments, optional stdin and environment, and a time limit.</summary>
public static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        byte[]? standardInput = null, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (name, value) in environment)
            {
                if (value is null) start.Environment.Remove(name);
                else start.Environment[name] = value;
            }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = new MemoryStream();
        var copyOutput = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errorText = process.StandardError.ReadToEndAsync();
        try
        {
            if (standardInput is not null) process.StandardInput.BaseStream.Write(standardInput);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The guest exited without reading all of its input.
        }

        var timedOut = !process.WaitForExit(timeout);
        if (timedOut)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        copyOutput.Wait();
        return new ProcessResult(ShellExitCode(process), output.ToArray(), errorText.Result, timedOut);
    }

    /// <summary>
    /// .NET reports a process killed by signal N as exit code 128+N on Unix already; normal exits
    /// keep their code. Both are what a shell's $? shows.
    /// </summary>
    private static int ShellExitCode(Process process) => process.ExitCode;
}
