using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Planning;
using VmssGrains.Domain.Time;

namespace VmssGrains.Simulation.Planning;

/// <summary>Reads a run's <see cref="RunMeasures"/> from its report (docs/report.md; the rules in docs/planning.md#per-run).</summary>
public static class ReportMeasures
{
    /// <summary>The measures of the report <paramref name="report"/> of the run of <paramref name="seed"/>.</summary>
    public static RunMeasures Read(long seed, JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var end = IsoDuration.Parse(report["simulatedDuration"]!.GetValue<string>());

        // Every run of every scale set, by start time then the report's order (scale sets, then their runs).
        var runs = report["scaleSets"]!.AsArray()
            .SelectMany(s => s!["runs"]!.AsArray())
            .Select((r, i) => (Run: r!.AsObject(), Order: i))
            .Select(r => (r.Run, r.Order, Start: Time(r.Run["runningStatus"]!["startTime"]) ?? TimeSpan.Zero, End: Time(r.Run["runningStatus"]!["endTime"]) ?? end))
            .OrderBy(r => r.Start).ThenBy(r => r.Order)
            .ToList();
        var duration = runs.Count == 0 ? TimeSpan.Zero : runs.Max(r => r.End) - runs.Min(r => r.Start);
        var halted = runs.FirstOrDefault(r => Code(r.Run) is "Faulted" or "Cancelled").Run;
        var failed = runs.FirstOrDefault(r => Code(r.Run) is "Faulted" or "Cancelled" or "Failed").Run;
        var load = report["load"]!;
        return new RunMeasures(
            seed,
            (long)duration.TotalSeconds,
            load["minInService"]!.GetValue<int>(),
            load["minInServicePercent"]!.GetValue<double>(),
            load["requestsDropped"]!.GetValue<long>(),
            halted is null ? null : halted["batches"]!.AsArray().Select(b => b!["index"]!.GetValue<int>()).DefaultIfEmpty(0).Max(),
            failed?["error"]?["code"]?.GetValue<string>())
        {
            // Where the time went is the run that ended last: the one that sets the duration (the first in start order on a tie).
            TimeParts = runs.Count == 0 ? [] : TimeParts(runs.OrderByDescending(r => r.End).First().Run),
        };
    }

    /// <summary>The run's <c>timeBreakdown.parts</c> in their order, in simulated seconds (none while it is under way).</summary>
    private static ImmutableArray<(string Part, double Seconds)> TimeParts(JsonObject run) =>
        [.. (run["timeBreakdown"]?["parts"]?.AsObject() ?? []).Select(p => (p.Key, p.Value!.AsValue().TryGetValue<long>(out var whole) ? whole : p.Value.GetValue<double>()))];

    private static string Code(JsonObject run) => run["runningStatus"]!["code"]!.GetValue<string>();

    private static TimeSpan? Time(JsonNode? node) => node?.GetValue<string>() is { } text ? IsoDuration.Parse(text) : null;
}
