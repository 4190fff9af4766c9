using System.Globalization;
using System.Text;

namespace Cross.Benchmarks;

/// <summary>Every measurement of a run, the checks on them, and the table.</summary>
public sealed class Results(IReadOnlyList<Workload> workloads, IReadOnlyList<GuestArchitecture> guests, IReadOnlyList<Runner> runners)
{
    private readonly Dictionary<(Workload, GuestArchitecture?, string), List<Measurement>> _measurements = new();
    private readonly Dictionary<Workload, (string Output, string Runner)> _firstOutput = new();
    private readonly List<string> _problems = new();

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Records one run; <paramref name="guest"/> is null for the native runner.</summary>
    public void Add(Workload workload, GuestArchitecture? guest, Runner runner, Measurement measurement, IReadOnlyList<string> command)
    {
        var key = (workload, runner.RunsGuest ? guest : null, runner.Name);
        if (!_measurements.TryGetValue(key, out var list)) _measurements[key] = list = new();
        list.Add(measurement);
        if (measurement.ExitCode != 0)
            _problems.Add($"{workload.Name} under {Describe(guest, runner)} exited with {measurement.ExitCode}: {Measurement.Describe(command)}");
        if (!_firstOutput.TryGetValue(workload, out var first)) _firstOutput[workload] = (measurement.Output, Describe(guest, runner));
        else if (first.Output != measurement.Output)
            _problems.Add($"{workload.Name} under {Describe(guest, runner)} printed {Quote(measurement.Output)}, under {first.Runner} {Quote(first.Output)}");
    }

    private static string Describe(GuestArchitecture? guest, Runner runner) =>
        runner.RunsGuest && guest is not null ? $"{runner.Name} ({guest.Name})" : runner.Name;

    private static string Quote(string text) => $"\"{text.Trim().Replace("\n", "\\n")}\"";

    private List<Measurement>? MeasurementsOf(Workload workload, GuestArchitecture guest, string runner) =>
        _measurements.GetValueOrDefault((workload, runner == Runner.Native ? null : guest, runner));

    private double? Median(Workload workload, GuestArchitecture guest, string runner)
    {
        if (MeasurementsOf(workload, guest, runner) is not { } measurements) return null;
        var times = measurements.Select(m => m.Time.TotalSeconds).Order().ToArray();
        return times.Length % 2 == 1 ? times[times.Length / 2] : (times[times.Length / 2 - 1] + times[times.Length / 2]) / 2;
    }

    private double? PeakMegabytes(Workload workload, GuestArchitecture guest, string runner) =>
        MeasurementsOf(workload, guest, runner)?.Max(m => m.PeakKilobytes) / 1024.0;

    /// <summary>One table per guest architecture, each under a heading naming it and its QEMU.</summary>
    public string Tables(BenchmarkOptions options)
    {
        var text = new StringBuilder();
        foreach (var guest in guests)
            text.Append($"\n### {guest.Name} guests (qemu = {Path.GetFileName(guest.Qemu)})\n\n").Append(Table(guest, options));
        return text.ToString();
    }

    /// <summary>
    /// A Markdown table: each runner's median time relative to native (lower is better), Cross-LLVM's
    /// speed relative to QEMU (QEMU time / Cross-LLVM time: above 1 means Cross is faster), and
    /// peak RSS; the last row holds geometric means.
    /// </summary>
    private string Table(GuestArchitecture guest, BenchmarkOptions options)
    {
        var slow = runners.Where(r => r.Name != Runner.Native).Select(r => r.Name).ToArray();
        var text = new StringBuilder();
        var header = new List<string> { "workload", "scale", "native (s)" };
        header.AddRange(slow.Select(r => $"{r} / native"));
        header.Add("cross-llvm speed vs qemu");
        header.Add("peak RSS MB (" + string.Join(" / ", runners.Select(r => r.Name)) + ")");
        Row(text, header);
        Row(text, header.Select(h => h == "workload" ? "---" : "---:").ToList());

        var ratios = slow.ToDictionary(r => r, _ => new List<double>());
        var speedups = new List<double>();
        foreach (var workload in workloads)
        {
            var native = Median(workload, guest, Runner.Native);
            var row = new List<string> { workload.Name, options.ScaleOf(workload).ToString(CultureInfo.InvariantCulture), Format(native, "0.000") };
            foreach (var runner in slow)
            {
                var time = Median(workload, guest, runner);
                var ratio = time / native;
                if (ratio is { } r) ratios[runner].Add(r);
                row.Add(ratio is null ? "–" : Format(ratio, "0.0") + "x");
            }
            var speed = Median(workload, guest, Runner.Qemu) / Median(workload, guest, Runner.CrossLlvm);
            if (speed is { } s) speedups.Add(s);
            row.Add(speed is null ? "–" : Format(speed, "0.00") + "x");
            row.Add(string.Join(" / ", runners.Select(r => Format(PeakMegabytes(workload, guest, r.Name), "0"))));
            Row(text, row);
        }

        var mean = new List<string> { "**geomean**", "", "" };
        mean.AddRange(slow.Select(r => ratios[r].Count == 0 ? "–" : $"**{GeometricMean(ratios[r]).ToString("0.0", CultureInfo.InvariantCulture)}x**"));
        mean.Add(speedups.Count == 0 ? "–" : $"**{GeometricMean(speedups).ToString("0.00", CultureInfo.InvariantCulture)}x**");
        mean.Add("");
        Row(text, mean);
        return text.ToString();
    }

    private static string Format(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static double GeometricMean(IReadOnlyList<double> values) => Math.Exp(values.Average(Math.Log));

    private static void Row(StringBuilder text, IReadOnlyList<string> cells) => text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
}
