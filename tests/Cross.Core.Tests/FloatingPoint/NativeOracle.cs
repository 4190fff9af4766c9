using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>
/// Compiles Native/fpref.c with the host gcc into a private temporary directory and runs batches of operations
/// through it (one process per batch). Used as an xunit class fixture.
/// </summary>
public sealed class NativeOracle : IDisposable
{
    private const string CompilerFlags = "-O0 -mfma -msse4.1 -frounding-math -fsignaling-nans -ffp-contract=off";

    private readonly string? _directory;
    private readonly string? _executable;

    public NativeOracle()
    {
        if (UnavailableReason is not null)
        {
            return;
        }

        _directory = Path.Combine(Path.GetTempPath(), "cross-fpref-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _executable = Path.Combine(_directory, "fpref");
        var psi = new ProcessStartInfo(FindGcc()!)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string flag in CompilerFlags.Split(' '))
        {
            psi.ArgumentList.Add(flag);
        }

        psi.ArgumentList.Add("-o");
        psi.ArgumentList.Add(_executable);
        psi.ArgumentList.Add(SourcePath);
        psi.ArgumentList.Add("-lm");
        using Process gcc = Process.Start(psi) ?? throw new InvalidOperationException("could not start gcc");
        string stdout = gcc.StandardOutput.ReadToEnd();
        string stderr = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0)
        {
            throw new InvalidOperationException($"compiling {SourcePath} failed:\n{stdout}\n{stderr}");
        }

        ulong cpu = Run([new OracleCase("cpu", 0, 0)])[0].Value;
        HasAvx512 = (cpu & 1) != 0;
        HasFma = (cpu & 2) != 0;
    }

    /// <summary>Why the oracle cannot run on this machine, or null if it can.</summary>
    public static string? UnavailableReason
    {
        get
        {
            if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
            {
                return "FP oracle tests need an x86-64 host (the oracle runs SSE/AVX instructions)";
            }

            if (FindGcc() is null)
            {
                return "FP oracle tests skipped: gcc not found (looked for /usr/bin/gcc and gcc on PATH)";
            }

            if (!File.Exists(SourcePath))
            {
                return $"FP oracle tests skipped: oracle source not found at {SourcePath}";
            }

            return null;
        }
    }

    /// <summary>True if the host supports AVX-512F (VCVTSS2USI etc.).</summary>
    public bool HasAvx512 { get; }

    /// <summary>
    /// True if the host has FMA instructions; otherwise the oracle uses glibc's fma, whose NaN results (not its
    /// flags or numeric results) differ from VFMADD's, so NaN results of fused multiply-add are only checked as NaN.
    /// </summary>
    public bool HasFma { get; }

    private static string SourcePath => Path.Combine(Path.GetDirectoryName(ThisFile())!, "Native", "fpref.c");

    /// <summary>Runs a batch of operations through one oracle process.</summary>
    public OracleResult[] Run(IReadOnlyList<OracleCase> cases)
    {
        if (_executable is null)
        {
            throw new InvalidOperationException(UnavailableReason);
        }

        var input = new StringBuilder(cases.Count * 48);
        foreach (OracleCase c in cases)
        {
            input.Append(c.Op).Append(' ').Append(c.Mode.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(c.A.ToString("x", CultureInfo.InvariantCulture)).Append(' ')
                .Append(c.B.ToString("x", CultureInfo.InvariantCulture)).Append(' ')
                .Append(c.C.ToString("x", CultureInfo.InvariantCulture)).Append('\n');
        }

        var psi = new ProcessStartInfo(_executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the oracle");
        string text = input.ToString();
        var writer = new Thread(() =>
        {
            process.StandardInput.Write(text);
            process.StandardInput.Close();
        });
        writer.Start();
        string output = process.StandardOutput.ReadToEnd();
        writer.Join();
        process.WaitForExit();

        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != cases.Count)
        {
            throw new InvalidOperationException($"oracle returned {lines.Length} lines for {cases.Count} cases (exit code {process.ExitCode})");
        }

        var results = new OracleResult[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            string[] parts = lines[i].Split(' ');
            if (parts.Length != 2 || parts[0] == "?")
            {
                throw new InvalidOperationException($"oracle could not run '{cases[i]}': '{lines[i]}'");
            }

            results[i] = new OracleResult(
                ulong.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                (FpExceptions)byte.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }

        return results;
    }

    public void Dispose()
    {
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static string? FindGcc()
    {
        if (File.Exists("/usr/bin/gcc"))
        {
            return "/usr/bin/gcc";
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "gcc")))
            {
                return Path.Combine(dir, "gcc");
            }
        }

        return null;
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
