using System.Globalization;

namespace Cross.Benchmarks;

/// <summary>The benchmark's command line.</summary>
public sealed record BenchmarkOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/Cross.Benchmarks -- [options]

        Runs every workload natively (x86-64) and, for each guest architecture (riscv64, aarch64),
        under QEMU user mode, cross --jit llvm and cross --jit interp, side by side (runners
        interleaved); checks that all print the same checksum, and prints per architecture the
        times relative to native, Cross-LLVM's speed relative to QEMU, and peak memory.

          --quick              a tenth of the work, one repetition (a smoke test of the table)
          --repeat N           repetitions of each fast runner; the median counts (default 3)
          --interp-repeat N    repetitions of the interpreter (default 1: it is ~50x slower)
          --scale F            multiply every workload's scale by F
          --only a,b           only these workloads
          --runners a,b        only these runners (native, qemu, cross-llvm, cross-interp)
          --arch a,b           only these guest architectures (riscv64, aarch64)
        """;

    public int Repeat { get; init; } = 3;
    public int InterpreterRepeat { get; init; } = 1;
    public double Scale { get; init; } = 1;
    public IReadOnlyList<string>? Only { get; init; }
    public IReadOnlyList<string> Runners { get; init; } = Benchmarks.Runner.All.Select(r => r.Name).ToArray();
    public IReadOnlyList<string> Architectures { get; init; } = GuestArchitecture.All.Select(g => g.Name).ToArray();

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
            options = args[i] switch
            {
                "--quick" => options with { Repeat = 1, InterpreterRepeat = 1, Scale = options.Scale / 10 },
                "--repeat" => options with { Repeat = Count(Value()) },
                "--interp-repeat" => options with { InterpreterRepeat = Count(Value()) },
                "--scale" => options with { Scale = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--only" => options with { Only = Value().Split(',') },
                "--runners" => options with { Runners = Value().Split(',') },
                "--arch" => options with { Architectures = Value().Split(',') },
                var other => throw new ArgumentException($"unknown option '{other}'"),
            };
        }
        foreach (var name in options.Only ?? [])
            if (Workload.All.All(w => w.Name != name)) throw new ArgumentException($"unknown workload '{name}'");
        foreach (var name in options.Runners)
            if (Benchmarks.Runner.All.All(r => r.Name != name)) throw new ArgumentException($"unknown runner '{name}'");
        foreach (var name in options.Architectures)
            if (GuestArchitecture.All.All(g => g.Name != name)) throw new ArgumentException($"unknown architecture '{name}'");
        return options;
    }

    private static int Count(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"'{text}' is not a count");

    public int RepeatFor(string runner) => runner == Benchmarks.Runner.CrossInterp ? InterpreterRepeat : Repeat;

    public int ScaleOf(Workload workload) => Math.Max(1, (int)Math.Round(workload.Scale * Scale));
}
