using Cross.UserMode.Tests.Support;
using Xunit.Abstractions;

namespace Cross.UserMode.Tests.Programs;

/// <summary>
/// Every C program in this folder, compiled with riscv64-linux-gnu-gcc -static -O2 and run under
/// Cross and qemu-riscv64: standard output and exit status must match. A new program needs no
/// C# change; "// cross-test:" lines at its top give arguments, environment, stdin (see
/// <see cref="ProgramDirectives"/>).
/// </summary>
public class ProgramTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => new(GuestProgram.AllProgramNames);

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesQemu(string name)
    {
        var missing = GuestProgram.MissingTools;
        Assert.True(missing is null, missing);
        var directives = ProgramDirectives.ForProgram(name);
        if (directives.SkipReason is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }
        var result = GuestProgram.FromProgramsFolder(name, [.. directives.CompilerFlags]).AssertSameAsQemu(directives.Options);
        output.WriteLine(result.ToString());
    }
}
