using Cross.Frontends.Arm64.Tests.TestSupport;
using Cross.Testing;
using Xunit.Abstractions;

namespace Cross.Frontends.Arm64.Tests.Differential;

/// <summary>
/// Random A64 instruction sequences drawn from the decoder table, run under Cross and under
/// qemu-aarch64; X registers, SP, NZCV, FPSR, the V registers and scratch memory must match.
/// The seed is printed; set CROSS_DIFF_SEED to replay a run, CROSS_DIFF_CASES to change its size.
/// Under "llvm", <c>cross run</c> compiles every block with LLVM before it first runs.
/// </summary>
public class A64RandomDifferentialTests(ITestOutputHelper output)
{
    private const int DefaultCases = 10_000;
    private const int CasesPerProgram = 500;
    private const int DefaultSeed = 20261124;

    [Theory]
    [AllBackends]
    public void RandomSequencesMatchQemu(string backend)
    {
        var missing = HostTools.Missing(HostTools.Aarch64Gcc, HostTools.QemuAarch64);
        Assert.True(missing is null, missing);

        var seed = int.TryParse(Environment.GetEnvironmentVariable("CROSS_DIFF_SEED"), out var s) ? s : DefaultSeed;
        var total = int.TryParse(Environment.GetEnvironmentVariable("CROSS_DIFF_CASES"), out var c) ? c : DefaultCases;
        output.WriteLine($"seed {seed} ({total} cases, backend {backend}); replay with CROSS_DIFF_SEED={seed}");

        var random = new Random(seed);
        var generator = new A64InstructionGenerator(random);
        var failures = new List<string>();
        var compared = 0;
        for (var start = 0; start < total; start += CasesPerProgram)
        {
            var program = new A64DifferentialProgram();
            for (var i = start; i < Math.Min(total, start + CasesPerProgram); i++)
                program.Cases.Add(A64DifferentialProgram.RandomCase(random, generator, random.Next(1, 25)));
            var binary = GuestCompiler.Compile(HostTools.Aarch64Gcc, program.Assembly(), ".S", "-nostdlib", "-static");

            var expected = ProcessRunner.Run(HostTools.QemuAarch64, [binary], TimeSpan.FromMinutes(1));
            var actual = CrossCli.Run(["run", .. JitArguments(backend), binary], TimeSpan.FromMinutes(5));
            Assert.True(expected.ExitCode == 0, $"qemu-aarch64 failed on the generated program (exit {expected.ExitCode}): {expected.StandardError}");

            for (var n = 0; n < program.Cases.Count; n++)
            {
                var offset = n * A64DifferentialProgram.OutputSize;
                var want = expected.StandardOutput.AsSpan(offset, A64DifferentialProgram.OutputSize);
                var got = actual.StandardOutput.AsSpan(Math.Min(offset, actual.StandardOutput.Length),
                    Math.Clamp(actual.StandardOutput.Length - offset, 0, A64DifferentialProgram.OutputSize));
                compared++;
                if (want.SequenceEqual(got)) continue;
                var sequence = string.Join("; ", program.Cases[n].Instructions.Select(i => i.Describe()));
                var difference = got.Length == 0
                    ? $"no output from cross (exit {actual.ExitCode}: {actual.StandardError.Trim()})"
                    : A64DifferentialProgram.DescribeDifference(want, got);
                failures.Add($"case {start + n}: [{sequence}] -> {difference}");
                if (got.Length == 0) break;
            }
            if (failures.Count >= 20) break;
        }

        foreach (var failure in failures.Take(20)) output.WriteLine(failure);
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {compared} random sequences differ from qemu-aarch64 (seed {seed}, backend {backend}):\n" + string.Join("\n", failures.Take(20)));
        Assert.Equal(total, compared);
    }

    private static string[] JitArguments(string backend) => backend switch
    {
        TestBackendFactory.Llvm => ["--jit", "llvm", "--jit-threshold", "0", "--jit-opt", "O0"],
        _ => ["--jit", backend],
    };
}
