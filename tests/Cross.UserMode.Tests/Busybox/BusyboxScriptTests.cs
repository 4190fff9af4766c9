using Cross.Testing;
using Xunit.Abstractions;

namespace Cross.UserMode.Tests.Busybox;

/// <summary>
/// Debian's own arm64 busybox-static runs a shell script (pipes, sed, awk, sort, sha256sum, tar…)
/// under <c>cross run</c> and under qemu-aarch64; the output must be identical. The applets are
/// symlinks to busybox on PATH, so the shell forks and execs them as it would on a real system.
/// </summary>
public class BusyboxScriptTests(ITestOutputHelper output)
{
    private static readonly string[] Applets =
        ["sh", "sed", "awk", "sort", "sha256sum", "tar", "tr", "seq", "wc", "cat", "mkdir", "rm", "printf", "head", "uniq", "cut", "ls"];

    private const string Script = """
        set -e
        cd "$WORK"
        printf 'pear 3\napple 10\nfig 7\nbanana 2\napple 10\n' > fruit.txt
        sort fruit.txt | uniq -c
        sort -k2 -n fruit.txt | awk '{ total += $2; print NR ": " $1 " (" $2 ")" } END { print "total " total }'
        sed -e 's/a/A/g' -e '/fig/d' fruit.txt | tr 'a-z' 'A-Z' | cut -d' ' -f1
        for i in 1 2 3; do echo "line $i"; done | sed -n '2p'
        seq 1 200 | awk '{ s += $1 * $1 } END { print s }'
        mkdir -p tree/sub
        echo one > tree/a
        echo two > tree/sub/b
        tar -cf t.tar tree
        rm -r tree
        tar -xf t.tar
        cat tree/a tree/sub/b
        tar -tf t.tar | sort
        ls tree | wc -l
        sha256sum fruit.txt tree/a
        printf 'abc' | sha256sum | cut -c1-16
        x=$(echo hello | sed 's/l/L/g'); echo "captured $x"
        echo done
        """;

    [Theory]
    [InlineData("interp")]
    [InlineData("llvm")]
    public void ShellScriptMatchesQemu(string jit)
    {
        var missing = HostTools.Missing(HostTools.BusyboxArm64, HostTools.QemuAarch64);
        Assert.True(missing is null, missing);

        var root = Directory.CreateTempSubdirectory("cross-busybox-").FullName;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
            foreach (var applet in Applets) File.CreateSymbolicLink(Path.Combine(bin, applet), HostTools.BusyboxArm64);
            var script = Path.Combine(root, "script.sh");
            File.WriteAllText(script, Script + "\n");

            ProcessResult Run(string runner, string[] arguments, string work)
            {
                Directory.CreateDirectory(work);
                string[] guestEnvironment = [$"PATH={bin}", $"WORK={work}", "LC_ALL=C"];
                var hostNames = Environment.GetEnvironmentVariables().Keys.Cast<string>().Order(StringComparer.Ordinal).ToArray();
                if (runner == "qemu")
                {
                    var environment = hostNames.ToDictionary(n => n, n => (string?)null);
                    foreach (var variable in guestEnvironment) environment[variable[..variable.IndexOf('=')]] = variable[(variable.IndexOf('=') + 1)..];
                    return ProcessRunner.Run(HostTools.QemuAarch64, arguments, TimeSpan.FromMinutes(2), environment: environment, workingDirectory: work);
                }
                // The guest environment is cross's own, edited with -U and -E into exactly the same one.
                string[] edits = [.. hostNames.SelectMany(n => new[] { "-U", n }), .. guestEnvironment.SelectMany(v => new[] { "-E", v })];
                return CrossCli.Run(["run", "--jit", jit, .. edits, .. arguments], TimeSpan.FromMinutes(5), workingDirectory: work);
            }

            var expected = Run("qemu", [HostTools.BusyboxArm64, "sh", script], Path.Combine(root, "qemu"));
            var actual = Run("cross", [HostTools.BusyboxArm64, "sh", script], Path.Combine(root, "cross"));
            output.WriteLine(expected.Output);
            Assert.True(expected.ExitCode == 0 && expected.Output.EndsWith("done\n", StringComparison.Ordinal),
                $"qemu-aarch64 did not finish the script (exit {expected.ExitCode}): {expected.StandardError}");
            Assert.True(expected.Output == actual.Output && actual.ExitCode == 0,
                $"cross ({jit}) differs from qemu-aarch64 (exit {actual.ExitCode}):\n=== qemu ===\n{expected.Output}\n=== cross ===\n{actual.Output}\n{actual.StandardError}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
