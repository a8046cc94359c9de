using System.Globalization;
using System.Text.Json.Nodes;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace VmssGrains.Reporting.Html;

/// <summary>
/// The batch Gantt of one scale set, from <c>scaleSets[].runs[]</c>: a horizontal bar per batch (<c>batches[]</c>:
/// <c>startTime</c> to <c>endTime</c>), coloured by zone; a run without batches is one bar. A bar holding failed
/// instances is hatched and outlined in red with their count: the run's <c>error.details[].target</c> charge that run's
/// batch, and <c>instancesSummary.failedInstanceIds</c> charge the last batch that held each instance. The last batch of
/// a Faulted or Cancelled run says so.
/// </summary>
internal static class BatchGantt
{
    private const string Failure = "#d62728";

    /// <summary>The element id of the chart of the scale set at <paramref name="index"/>.</summary>
    public static string Id(int index) => string.Create(CultureInfo.InvariantCulture, $"gantt-{index}");

    /// <summary>The chart, or null when the scale set had no run.</summary>
    public static ChartSection? Build(JsonNode scaleSet, int index, double endMinutes)
    {
        var name = ReportJson.Text(scaleSet["name"]) ?? $"scale set {index + 1}";
        var bars = Bars(scaleSet, endMinutes);
        if (bars.Count == 0)
        {
            return null;
        }

        var groups = bars.GroupBy(b => b.Group).ToList();
        var chart = Chart.Combine(groups.Select(g => Chart.Bar<double, string, string>(
            [.. g.Select(b => b.End - b.Start)],
            Keys: g.Select(b => b.Label).ToArray(),
            Name: g.Key,
            MultiText: g.Select(b => b.Text).ToArray())))
            .WithXAxisStyle<double, double, string>(TitleText: "simulated minutes since the start");
        var figure = Figure.From(chart, Math.Min(1600, 130 + (28 * bars.Count)));
        var traces = Figure.Traces(figure).OfType<JsonObject>().ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i].ToList();
            var trace = traces[i];
            trace["base"] = Figure.Numbers(group.Select(b => b.Start));
            trace["hovertext"] = Figure.Strings(group.Select(Hover));
            trace["hoverinfo"] = "text";
            trace["textposition"] = "inside";
            var marker = trace["marker"] as JsonObject ?? [];
            marker["pattern"] = new JsonObject { ["shape"] = Figure.Strings(group.Select(b => b.Failed.Count > 0 ? "x" : "")) };
            marker["line"] = new JsonObject
            {
                ["color"] = Figure.Strings(group.Select(b => b.Failed.Count > 0 || b.Halted is not null ? Failure : "rgba(0,0,0,0)")),
                ["width"] = Figure.Numbers(group.Select(b => b.Failed.Count > 0 || b.Halted is not null ? 2.0 : 0.0)),
            };
            trace["marker"] = marker;
        }

        Figure.Layout(figure)["barmode"] = "overlay";
        var y = Figure.Axis(figure, "yaxis");
        y["type"] = "category";
        y["categoryorder"] = "array";
        y["categoryarray"] = Figure.Strings(bars.Select(b => b.Label));
        y["autorange"] = "reversed";
        var failed = bars.Sum(b => b.Failed.Count);
        return new ChartSection(
            Id(index),
            $"Batches of {name}",
            $"scaleSets[{index}].runs[].batches[]: {bars.Count} bar{(bars.Count == 1 ? "" : "s")}, {failed} failed instance{(failed == 1 ? "" : "s")} marked (hatched, red outline; a halted run's last batch outlined).",
            figure);
    }

    /// <summary>The bars of every run, oldest first.</summary>
    private static List<GanttBar> Bars(JsonNode scaleSet, double endMinutes)
    {
        var bars = new List<GanttBar>();
        var lastHolder = new Dictionary<string, GanttBar>(StringComparer.Ordinal);
        var runNumber = 0;
        foreach (var run in ReportJson.Items(scaleSet["runs"]))
        {
            runNumber++;
            var kind = ReportJson.Text(run["kind"]) ?? "run";
            var status = run["runningStatus"];
            var code = ReportJson.Text(status?["code"]);
            var runStart = ReportJson.Minutes(status?["startTime"]);
            var runEnd = ReportJson.Minutes(status?["endTime"]) ?? endMinutes;
            var runFailed = ReportJson.Items(run["error"]?["details"])
                .Select(d => ReportJson.Text(d["target"]))
                .OfType<string>()
                .Select(t => t[(t.LastIndexOf('/') + 1)..])
                .ToHashSet(StringComparer.Ordinal);
            var batches = ReportJson.Items(run["batches"]).ToList();
            var runBars = new List<GanttBar>();
            if (batches.Count == 0)
            {
                if (runStart is { } start)
                {
                    var bar = new GanttBar($"run {runNumber} · {kind}", "run without batches", start, runEnd, $"run {runNumber} ({kind}), {code}: {Times(status?["startTime"], status?["endTime"])}");
                    bar.Failed.UnionWith(runFailed);
                    runBars.Add(bar);
                }
            }
            else
            {
                foreach (var batch in batches)
                {
                    var start = ReportJson.Minutes(batch["startTime"]) ?? runStart;
                    if (start is null)
                    {
                        continue;
                    }

                    var index = ReportJson.Scalar(batch["index"]) ?? (runBars.Count + 1).ToString(CultureInfo.InvariantCulture);
                    var zone = ReportJson.Scalar(batch["zone"]);
                    var label = zone is null ? $"run {runNumber} · batch {index}" : $"run {runNumber} · batch {index} · zone {zone}";
                    var instances = ReportJson.Items(batch["instanceIds"]).Select(ReportJson.Scalar).OfType<string>().ToList();
                    var bar = new GanttBar(
                        label,
                        zone is null ? "no zone" : $"zone {zone}",
                        start.Value,
                        ReportJson.Minutes(batch["endTime"]) ?? runEnd,
                        $"run {runNumber} ({kind}) batch {index}{(zone is null ? "" : $", zone {zone}")}: {instances.Count} instances, {Times(batch["startTime"] ?? status?["startTime"], batch["endTime"] ?? status?["endTime"])}");
                    bar.Failed.UnionWith(instances.Where(runFailed.Contains));
                    foreach (var id in instances)
                    {
                        lastHolder[id] = bar;
                    }

                    runBars.Add(bar);
                }
            }

            if (code is "Faulted" or "Cancelled" && runBars.Count > 0)
            {
                runBars[^1].Halted = code;
                runBars[^1].HaltError = ReportJson.Text(run["error"]?["code"]);
            }

            bars.AddRange(runBars);
        }

        foreach (var id in ReportJson.Items(scaleSet["instancesSummary"]?["failedInstanceIds"]).Select(ReportJson.Scalar).OfType<string>())
        {
            if (lastHolder.TryGetValue(id, out var bar))
            {
                bar.Failed.Add(id);
            }
        }

        return bars;
    }

    private static string Times(JsonNode? start, JsonNode? end) => $"{ReportJson.Text(start) ?? "?"} to {ReportJson.Text(end) ?? "the end"}";

    private static string Hover(GanttBar bar)
    {
        var lines = new List<string> { bar.Detail };
        if (bar.Failed.Count > 0)
        {
            var shown = string.Join(", ", bar.Failed.Take(20));
            lines.Add($"{bar.Failed.Count} failed: {shown}{(bar.Failed.Count > 20 ? ", …" : "")}");
        }

        if (bar.Halted is not null)
        {
            lines.Add(bar.HaltError is null ? $"the run ended {bar.Halted}" : $"the run ended {bar.Halted}: {bar.HaltError}");
        }

        return string.Join("<br>", lines);
    }
}
