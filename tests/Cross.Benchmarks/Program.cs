using Cross.Testing;

namespace Cross.Benchmarks;

/// <summary>
/// The benchmark: builds each workload for riscv64 and for the host, runs it under every runner
/// side by side (the runners of one repetition run one after another, so machine noise hits all
/// of them alike), checks that every runner printed the same checksum, and prints the table.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"benchmarks: {e.Message}");
            Console.Error.Write(BenchmarkOptions.Usage);
            return 2;
        }
        var missing = HostTools.Missing(HostTools.RiscV64Gcc, HostTools.QemuRiscV64, Binaries.HostGcc, Measurement.GnuTime);
        if (missing is not null)
        {
            Console.Error.WriteLine($"benchmarks: {missing}");
            return 1;
        }

        var workloads = Workload.All.Where(w => options.Only is null || options.Only.Contains(w.Name)).ToArray();
        var runners = Runner.All.Where(r => options.Runners.Contains(r.Name)).ToArray();
        Console.Error.WriteLine($"benchmarks: building {workloads.Length} workloads for riscv64 and x86-64");
        var binaries = workloads.ToDictionary(w => w, Binaries.Build);

        var results = new Results(workloads, runners);
        var rounds = runners.Max(r => options.RepeatFor(r.Name));
        for (var round = 0; round < rounds; round++)
        {
            foreach (var workload in workloads)
            {
                foreach (var runner in runners)
                {
                    if (round >= options.RepeatFor(runner.Name)) continue;
                    var command = runner.Command(binaries[workload], options.ScaleOf(workload));
                    var measurement = Measurement.Run(command, TimeSpan.FromMinutes(30));
                    Console.Error.WriteLine($"benchmarks: round {round + 1}/{rounds} {workload.Name,-14} {runner.Name,-13} {measurement.Time.TotalSeconds,8:0.000} s {measurement.PeakKilobytes / 1024.0,7:0.0} MB");
                    results.Add(workload, runner, measurement, command);
                }
            }
        }

        Console.Write(results.Table(options));
        foreach (var problem in results.Problems) Console.Error.WriteLine($"benchmarks: {problem}");
        return results.Problems.Count == 0 ? 0 : 1;
    }
}
