using System.Globalization;
using System.Text;
using VmssGrains.Domain.Time;

namespace VmssGrains.Benchmarks.Fleet;

/// <summary>How the fleet benchmark prints a run and the medians over runs.</summary>
internal static class FleetReport
{
    /// <summary>The engine as the output names it: <c>orleans (2 silos)</c>, <c>reference</c>.</summary>
    public static string EngineName(FleetEngine engine, FleetOptions options) => engine == FleetEngine.Orleans
        ? string.Create(CultureInfo.InvariantCulture, $"orleans ({options.Silos} silo{(options.Silos == 1 ? "" : "s")})")
        : "reference";

    /// <summary>One run, a few lines.</summary>
    public static string Run(FleetMeasurement m, FleetOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{EngineName(m.Engine, options)}, {m.Instances:N0} instances: create {m.CreateSeconds:0.00} s, upgrade {m.UpgradeSeconds:0.00} s ({m.UpgradesPerSecond:N0} instance-upgrades/s; {m.UpgradeCpuSeconds:0.00} s of CPU), report {m.ReportSeconds:0.00} s, start to report {m.TotalSeconds:0.00} s wall; every run ended at {IsoDuration.Format(TimeSpan.FromSeconds(m.SimulatedSeconds))} simulated"));
        text.AppendLine(Invariant($"managed heap after creation {Bytes(m.HeapAfterCreateBytes)} = {PerInstance(m.HeapAfterCreateBytes, m)} per instance ({PerInstance(m.HeapAfterCreateBytes - m.HeapBeforeBytes, m)} above the engine without a fleet); after the upgrade {Bytes(m.HeapAfterUpgradeBytes)} = {PerInstance(m.HeapAfterUpgradeBytes, m)} per instance; peak RSS {Bytes(m.PeakRssBytes)} = {PerInstance(m.PeakRssBytes, m)} per instance"));
        if (m.UpgradeGrainCalls is { } calls)
        {
            text.AppendLine(Invariant($"grain calls during the upgrade {calls:N0} = {m.GrainCallsPerSecond:N0}/s ({(double)calls / m.Instances:0.0} per instance)"));
        }

        text.Append(Invariant($"{m.UpgradedOnce:N0} of {m.Instances:N0} instances upgraded exactly once"));
        foreach (var problem in m.Problems)
        {
            text.AppendLine().Append("PROBLEM: " + problem);
        }

        return text.ToString();
    }

    /// <summary>The medians of every engine's runs, side by side, with the Orleans/reference ratio when both ran.</summary>
    public static string Medians(IReadOnlyDictionary<FleetEngine, List<FleetMeasurement>> runs, FleetOptions options)
    {
        var engines = runs.Keys.ToList();
        var both = runs.ContainsKey(FleetEngine.Orleans) && runs.ContainsKey(FleetEngine.Reference);
        var text = new StringBuilder();
        var header = Invariant($"{$"medians of {options.Repetitions} run{(options.Repetitions == 1 ? "" : "s")}",-34}") + string.Concat(engines.Select(e => $"{EngineName(e, options),20}")) + (both ? $"{"orleans/reference",20}" : "");
        text.AppendLine(header);
        Row("create (s)", m => m.CreateSeconds, v => Invariant($"{v:0.00}"), ratio: true);
        Row("upgrade (s)", m => m.UpgradeSeconds, v => Invariant($"{v:0.00}"), ratio: true);
        Row("instance-upgrades/s", m => m.UpgradesPerSecond, v => Invariant($"{v:N0}"), ratio: false);
        Row("upgrade CPU (s)", m => m.UpgradeCpuSeconds, v => Invariant($"{v:0.00}"), ratio: true);
        Row("report (s)", m => m.ReportSeconds, v => Invariant($"{v:0.00}"), ratio: true);
        Row("start to report (s)", m => m.TotalSeconds, v => Invariant($"{v:0.00}"), ratio: true);
        Row("heap after creation / instance", m => m.HeapAfterCreateBytes / (double)m.Instances, v => Invariant($"{v:N0} B"), ratio: false);
        Row("heap after upgrade / instance", m => m.HeapAfterUpgradeBytes / (double)m.Instances, v => Invariant($"{v:N0} B"), ratio: false);
        Row("peak RSS / instance", m => m.PeakRssBytes / (double)m.Instances, v => Invariant($"{v:N0} B"), ratio: false);
        Row("grain calls/s (upgrade)", m => m.GrainCallsPerSecond ?? double.NaN, v => double.IsNaN(v) ? "-" : Invariant($"{v:N0}"), ratio: false);
        text.AppendLine(Invariant($"{"upgraded exactly once",-34}") + string.Concat(engines.Select(e => $"{Invariant($"{runs[e].Min(m => m.UpgradedOnce):N0}/{options.Instances:N0}"),20}")));
        return text.ToString();

        void Row(string name, Func<FleetMeasurement, double> value, Func<double, string> format, bool ratio)
        {
            var medians = engines.ToDictionary(e => e, e => Median(runs[e].Select(value)));
            var line = Invariant($"{name,-34}") + string.Concat(engines.Select(e => $"{format(medians[e]),20}"));
            if (both && ratio)
            {
                line += Invariant($"{$"{medians[FleetEngine.Orleans] / medians[FleetEngine.Reference]:0.0}x",20}");
            }

            text.AppendLine(line);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string PerInstance(long bytes, FleetMeasurement m) => Invariant($"{bytes / (double)m.Instances:N0} B");

    private static string Bytes(long bytes) => bytes >= 1L << 30 ? Invariant($"{bytes / (double)(1L << 30):0.00} GiB") : Invariant($"{bytes / (double)(1L << 20):0.0} MiB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
