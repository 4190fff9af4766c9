using Cross.Testing;
using Cross.UserMode.Tests.Support;
using Xunit.Abstractions;

namespace Cross.UserMode.Tests.Programs;

/// <summary>
/// Every C program in this folder, compiled at -O2 for every target (riscv64 static; aarch64
/// static, and dynamic against Debian's arm64 libc loaded through --sysroot) and run under Cross
/// and the target's qemu-user, on every backend: standard output and exit status must match. On
/// "llvm-tiered" hot code runs as LLVM regions (chained, with fallback exits, recompiled at O2
/// when very hot), compiled deterministically on the test's thread. A new program needs no C#
/// change; "// cross-test:" lines at its top give arguments, environment, stdin (see
/// <see cref="ProgramDirectives"/>).
/// </summary>
public class ProgramTests(ITestOutputHelper output)
{
    public static IReadOnlyList<string> Backends { get; } = [TestBackendFactory.Interpreter, TestBackendFactory.LlvmTiered];

    public static IReadOnlyList<GuestTarget> Targets { get; } = [GuestTarget.RiscV64];

    public static TheoryData<string, string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string, string>();
            foreach (var name in GuestProgram.AllProgramNames)
                foreach (var target in Targets)
                    foreach (var backend in Backends) cases.Add(name, target.Name, backend);
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesQemu(string name, string targetName, string backend)
    {
        var target = Targets.Single(t => t.Name == targetName);
        var missing = target.MissingTools;
        Assert.True(missing is null, missing);
        var directives = ProgramDirectives.ForProgram(name);
        if (directives.SkipReason is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }
        var result = GuestProgram.FromProgramsFolder(name, target, [.. directives.CompilerFlags]).AssertSameAsQemu(directives.Options, backend);
        output.WriteLine(result.ToString());
    }
}
