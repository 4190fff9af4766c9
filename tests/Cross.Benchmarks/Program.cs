using Cross.Testing;

namespace Cross.Benchmarks;

/// <summary>
/// The benchmark: builds each workload for every guest architecture and for the host, runs it
/// under every runner side by side (the runners of one repetition run one after another, so
/// machine noise hits all of them alike), checks that every runner printed the same checksum,
/// and prints one table per guest architecture.
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
        var guests = GuestArchitecture.All.Where(g => options.Architectures.Contains(g.Name)).ToArray();
        var missing = HostTools.Missing([.. guests.SelectMany(g => new[] { g.Compiler, g.Qemu }), Binaries.HostGcc, Measurement.GnuTime]);
        if (missing is not null)
        {
            Console.Error.WriteLine($"benchmarks: {missing}");
            return 1;
        }

        var workloads = Workload.All.Where(w => options.Only is null || options.Only.Contains(w.Name)).ToArray();
        var runners = Runner.All.Where(r => options.Runners.Contains(r.Name)).ToArray();
        Console.Error.WriteLine($"benchmarks: building {workloads.Length} workloads for {string.Join(", ", guests.Select(g => g.Name))} and x86-64");
        var binaries = workloads.ToDictionary(w => w, w => Binaries.Build(w, guests));
        Console.Error.WriteLine("benchmarks: publishing the cross CLI (ReadyToRun)");
        var crossAssembly = PublishedCross.Publish();

        var results = new Results(workloads, guests, runners);
        var rounds = runners.Max(r => options.RepeatFor(r.Name));
        for (var round = 0; round < rounds; round++)
        {
            foreach (var workload in workloads)
            {
                foreach (var (guest, runner) in Schedule(guests, runners))
                {
                    if (round >= options.RepeatFor(runner.Name)) continue;
                    var command = runner.Command(new RunInputs(binaries[workload], guest, options.ScaleOf(workload), crossAssembly));
                    var measurement = Measurement.Run(command, TimeSpan.FromMinutes(30));
                    var label = runner.RunsGuest ? $"{runner.Name} {guest.Name}" : runner.Name;
                    Console.Error.WriteLine($"benchmarks: round {round + 1}/{rounds} {workload.Name,-14} {label,-21} {measurement.Time.TotalSeconds,8:0.000} s {measurement.PeakKilobytes / 1024.0,7:0.0} MB");
                    results.Add(workload, guest, runner, measurement, command);
                }
            }
        }

        Console.Write(results.Tables(options));
        foreach (var problem in results.Problems) Console.Error.WriteLine($"benchmarks: {problem}");
        return results.Problems.Count == 0 ? 0 : 1;
    }

    /// <summary>The runs of one workload in one round: native once, then each guest runner per architecture.</summary>
    private static IEnumerable<(GuestArchitecture Guest, Runner Runner)> Schedule(IReadOnlyList<GuestArchitecture> guests, IReadOnlyList<Runner> runners)
    {
        foreach (var runner in runners.Where(r => !r.RunsGuest)) yield return (guests[0], runner);
        foreach (var guest in guests)
            foreach (var runner in runners.Where(r => r.RunsGuest)) yield return (guest, runner);
    }
}
