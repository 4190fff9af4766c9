using Cross.Testing;
using Cross.UserMode.Tests.Support;
using Xunit.Abstractions;

namespace Cross.UserMode.Tests.Programs;

/// <summary>
/// Every C program in this folder, compiled with riscv64-linux-gnu-gcc -static -O2 and run under
/// Cross and qemu-riscv64, on every backend: standard output and exit status must match. On
/// "llvm-tiered" hot code runs as LLVM regions (chained, with fallback exits, recompiled at O2
/// when very hot), compiled deterministically on the test's thread. A new program needs no C#
/// change; "// cross-test:" lines at its top give arguments, environment, stdin (see
/// <see cref="ProgramDirectives"/>).
/// </summary>
public class ProgramTests(ITestOutputHelper output)
{
    public static IReadOnlyList<string> Backends { get; } = [TestBackendFactory.Interpreter, TestBackendFactory.LlvmTiered];

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var name in GuestProgram.AllProgramNames)
                foreach (var backend in Backends) cases.Add(name, backend);
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesQemu(string name, string backend)
    {
        var missing = GuestProgram.MissingTools;
        Assert.True(missing is null, missing);
        var directives = ProgramDirectives.ForProgram(name);
        if (directives.SkipReason is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }
        var result = GuestProgram.FromProgramsFolder(name, [.. directives.CompilerFlags]).AssertSameAsQemu(directives.Options, backend);
        output.WriteLine(result.ToString());
    }
}
