using System.Security.Cryptography;
using System.Text;

namespace Cross.Testing;

/// <summary>
/// Compiles guest programs with the Debian cross compilers into a per-user cache directory keyed
/// by the source text and flags, so repeated test runs do not recompile.
/// </summary>
public static class GuestCompiler
{
    private static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "cross-test-guests");

    public static string Compile(string compiler, string sourceText, string extension, params string[] flags)
    {
        Directory.CreateDirectory(CacheDirectory);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(compiler + "\0" + string.Join(" ", flags) + "\0" + sourceText)))[..24];
        var output = Path.Combine(CacheDirectory, key);
        if (File.Exists(output)) return output;

        var source = Path.Combine(CacheDirectory, key + extension);
        File.WriteAllText(source, sourceText);
        var temporary = output + "." + Environment.ProcessId + ".tmp";
        var result = ProcessRunner.Run(compiler, [.. flags, "-o", temporary, source], TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(compiler)} failed ({result.ExitCode}):\n{result.StandardError}");
        File.Move(temporary, output, overwrite: true);
        return output;
    }

    public static string CompileFile(string compiler, string sourcePath, params string[] flags) =>
        Compile(compiler, File.ReadAllText(sourcePath), Path.GetExtension(sourcePath), flags);
}
