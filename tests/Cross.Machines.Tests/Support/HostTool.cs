using System.Diagnostics;

namespace Cross.Machines.Tests.Support;

/// <summary>Runs the reference tools (dtc, qemu-system-riscv64) that .ci/setup installs.</summary>
public static class HostTool
{
    public const string Dtc = "/usr/bin/dtc";
    public const string QemuRiscV64 = "/usr/bin/qemu-system-riscv64";

    public sealed record Result(int ExitCode, string Output, string Error);

    public static void Require(string path, string package) =>
        Assert.True(File.Exists(path), $"missing {path}: install Debian package {package} (run .ci/setup)");

    public static Result Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} {string.Join(' ', arguments)} did not finish in 30 s");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Decompiles a blob with dtc; returns the source and dtc's warnings.</summary>
    public static (string Source, string Warnings) Decompile(byte[] blob)
    {
        Require(Dtc, "device-tree-compiler");
        var path = Path.Combine(Path.GetTempPath(), $"cross-{Guid.NewGuid():N}.dtb");
        try
        {
            File.WriteAllBytes(path, blob);
            var result = Run(Dtc, "-I", "dtb", "-O", "dts", path);
            Assert.True(result.ExitCode == 0, $"dtc failed: {result.Error}");
            return (result.Output, result.Error.Replace(path, "<blob>"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
