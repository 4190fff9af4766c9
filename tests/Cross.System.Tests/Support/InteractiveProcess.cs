using System.Diagnostics;
using System.Text;

namespace Cross.System.Tests.Support;

/// <summary>
/// A process driven like a person at a console: its standard output is collected as it comes,
/// a test waits for text to appear (with a time limit), then types. Everything it printed is
/// kept for failure messages.
/// </summary>
public sealed class InteractiveProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly object _lock = new();
    private readonly Task _readOutput, _readError;
    private int _searchFrom;

    public InteractiveProcess(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        CommandLine = $"{fileName} {string.Join(' ', arguments)}";
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        _readOutput = Pump(_process.StandardOutput.BaseStream, _output);
        _readError = Pump(_process.StandardError.BaseStream, _error);
    }

    public string CommandLine { get; }

    public string Output
    {
        get { lock (_lock) return _output.ToString(); }
    }

    public string Error
    {
        get { lock (_lock) return _error.ToString(); }
    }

    /// <summary>
    /// Waits until <paramref name="text"/> appears after everything an earlier wait consumed, and
    /// returns the output between the two (the text included).
    /// </summary>
    public string WaitFor(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            lock (_lock)
            {
                var all = _output.ToString();
                var at = all.IndexOf(text, _searchFrom, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var chunk = all[_searchFrom..(at + text.Length)];
                    _searchFrom = at + text.Length;
                    return chunk;
                }
            }
            if (_process.HasExited && _readOutput.IsCompleted && !Output[_searchFrom..].Contains(text, StringComparison.Ordinal))
                Assert.Fail($"'{CommandLine}' exited ({_process.ExitCode}) before printing '{text}'.\n{Transcript}");
            if (deadline.Elapsed > timeout) Assert.Fail($"'{text}' did not appear within {timeout.TotalSeconds} s.\n{Transcript}");
            Thread.Sleep(20);
        }
    }

    public void Type(string text)
    {
        _process.StandardInput.Write(text);
        _process.StandardInput.Flush();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits for the process to end and returns its exit code; fails the test after <paramref name="timeout"/>.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) Assert.Fail($"'{CommandLine}' did not exit within {timeout.TotalSeconds} s.\n{Transcript}");
        _readOutput.Wait(timeout);
        _readError.Wait(timeout);
        return _process.ExitCode;
    }

    public string Transcript => $"=== stdout ===\n{Output}\n=== stderr ===\n{Error}";

    private Task Pump(Stream stream, StringBuilder sink) => Task.Run(async () =>
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[4096];
        var chars = new char[4096];
        int count;
        while ((count = await stream.ReadAsync(bytes)) > 0)
        {
            var length = decoder.GetChars(bytes, 0, count, chars, 0);
            lock (_lock) sink.Append(chars, 0, length);
        }
    });

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
