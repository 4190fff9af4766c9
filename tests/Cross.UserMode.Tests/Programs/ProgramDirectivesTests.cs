using Cross.UserMode.Tests.Support;

namespace Cross.UserMode.Tests.Programs;

public class ProgramDirectivesTests
{
    [Fact]
    public void ParsesArgumentsEnvironmentStdinAndScratch()
    {
        var directives = ProgramDirectives.Parse(
        [
            "// A test program.",
            "// cross-test: args one \"two words\" '' x",
            "// cross-test: env NAME=some value",
            "// cross-test: stdin line\\nnext",
            "// cross-test: scratch",
            "// cross-test: timeout 30",
            "// cross-test: cflags -O0 -DX=1",
            "#include <stdio.h>",
        ]);
        Assert.Null(directives.SkipReason);
        Assert.Equal(["one", "two words", "", "x"], directives.Options.Arguments);
        Assert.Contains("NAME=some value", directives.Options.Environment);
        Assert.Equal("line\nnext"u8.ToArray(), directives.Options.StandardInput);
        Assert.True(directives.Options.UseScratchDirectory);
        Assert.Equal(TimeSpan.FromSeconds(30), directives.Options.Timeout);
        Assert.Equal(["-O0", "-DX=1"], directives.CompilerFlags);
    }

    [Fact]
    public void UnknownDirectivesAreErrors() =>
        Assert.Throws<FormatException>(() => ProgramDirectives.Parse(["// cross-test: argz 1"]));
}
