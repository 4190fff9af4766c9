using System.Text;

namespace Cross.UserMode.Tests.Support;

/// <summary>
/// How a program in Programs/ wants to be run, from "// cross-test:" comment lines near its top,
/// so a new program needs no C# change:
/// <code>
/// // cross-test: args one "two words" ''
/// // cross-test: env NAME=VALUE
/// // cross-test: stdin first line\nsecond line\n
/// // cross-test: scratch            (a fresh directory: the working directory and "{tmp}" in args)
/// // cross-test: timeout 300        (seconds)
/// // cross-test: cflags -O0 -fno-builtin   (extra compiler flags, after -static -O2)
/// // cross-test: skip reason
/// // cross-test: arch riscv64     (only for these architectures: the program holds machine code)
/// // cross-test: static reason     (only linked statically, with the reason)
/// </code>
/// </summary>
public sealed record ProgramDirectives(GuestRunOptions Options, string? SkipReason)
{
    /// <summary>Extra compiler flags.</summary>
    public IReadOnlyList<string> CompilerFlags { get; init; } = [];

    /// <summary>The architectures the program is for; empty when it is portable C.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];

    /// <summary>Why the program runs only statically linked, or null when it runs dynamic too.</summary>
    public string? StaticOnlyReason { get; init; }

    /// <summary>Why the program does not run on <paramref name="target"/>, or null when it does.</summary>
    public string? SkipReasonFor(GuestTarget target)
    {
        if (SkipReason is not null) return SkipReason;
        if (Architectures.Count > 0 && !Architectures.Contains(target.Architecture)) return $"written for {string.Join(", ", Architectures)} only";
        return target.IsStatic ? null : StaticOnlyReason;
    }

    private const string Prefix = "// cross-test:";

    public static ProgramDirectives ForProgram(string name) =>
        Parse(File.ReadLines(Path.Combine(GuestProgram.ProgramsDirectory, name + ".c")));

    public static ProgramDirectives Parse(IEnumerable<string> lines)
    {
        var options = new GuestRunOptions();
        var arguments = new List<string>();
        var environment = new List<string>(GuestRunOptions.DefaultEnvironment);
        var flags = new List<string>();
        var architectures = new List<string>();
        string? skip = null, staticOnly = null;
        foreach (var raw in lines.Take(40))
        {
            var line = raw.Trim();
            if (!line.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var body = line[Prefix.Length..].Trim();
            var space = body.IndexOf(' ');
            var keyword = space < 0 ? body : body[..space];
            var value = space < 0 ? "" : body[(space + 1)..].Trim();
            switch (keyword)
            {
                case "args": arguments.AddRange(SplitWords(value)); break;
                case "env": environment.Add(value); break;
                case "stdin": options = options with { StandardInput = Encoding.UTF8.GetBytes(Unescape(value)) }; break;
                case "scratch": options = options with { UseScratchDirectory = true }; break;
                case "timeout": options = options with { Timeout = TimeSpan.FromSeconds(int.Parse(value)) }; break;
                case "cflags": flags.AddRange(SplitWords(value)); break;
                case "skip": skip = value.Length > 0 ? value : "skipped"; break;
                case "arch": architectures.AddRange(SplitWords(value)); break;
                case "static": staticOnly = value.Length > 0 ? value : "static only"; break;
                default: throw new FormatException($"unknown directive '{keyword}' in '{raw}'");
            }
        }
        return new ProgramDirectives(options with { Arguments = arguments, Environment = environment }, skip) { CompilerFlags = flags, Architectures = architectures, StaticOnlyReason = staticOnly };
    }

    /// <summary>Shell-like words: whitespace separates, single or double quotes group (no escapes inside).</summary>
    public static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0) throw new FormatException($"unterminated quote in '{text}'");
                current.Append(text, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (inWord) words.Add(current.ToString());
        return words;
    }

    private static string Unescape(string text) => text.Replace("\\n", "\n").Replace("\\t", "\t");
}
