using System.Text.Json.Nodes;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace VmssGrains.Reporting.Html;

/// <summary>
/// Where each run's time went, from <c>scaleSets[].runs[].timeBreakdown.parts</c> when the report has it
/// (docs/report.md#time-breakdown): a stacked bar per run, one segment per part (<c>drain</c>, <c>reimage</c>,
/// <c>extension:NAME</c>, <c>pause</c>, ...), in simulated seconds. The parts add up to the run's duration, so the bar's
/// height is the run's <c>durationSeconds</c>.
/// </summary>
internal static class TimeBreakdownChart
{
    /// <summary>The element id of the chart.</summary>
    public const string Id = "time-breakdown";

    /// <summary>The chart, or null when no run has a breakdown.</summary>
    public static ChartSection? Build(JsonNode report)
    {
        var runs = new List<(string Label, Dictionary<string, double> Parts)>();
        var members = new List<string>();
        var setIndex = 0;
        foreach (var scaleSet in ReportJson.Items(report["scaleSets"]))
        {
            setIndex++;
            var name = ReportJson.Text(scaleSet["name"]) ?? $"scale set {setIndex}";
            var runNumber = 0;
            foreach (var run in ReportJson.Items(scaleSet["runs"]))
            {
                runNumber++;
                if (run["timeBreakdown"] is not JsonObject breakdown)
                {
                    continue;
                }

                var parts = new Dictionary<string, double>(StringComparer.Ordinal);
                if (breakdown["parts"] is JsonObject named)
                {
                    Collect(named, parts, members);
                }

                runs.Add(($"{name} · run {runNumber} · {ReportJson.Text(run["kind"]) ?? "run"}", parts));
            }
        }

        if (runs.Count == 0 || members.Count == 0)
        {
            return null;
        }

        string[] keys = [.. runs.Select(r => r.Label)];
        var chart = Chart.Combine(members.Select(m => Chart.StackedColumn<double, string, string>(
            [.. runs.Select(r => r.Parts.GetValueOrDefault(m))], Keys: keys, Name: m)))
            .WithYAxisStyle<double, double, string>(TitleText: "simulated seconds");
        var figure = Figure.From(chart, 420);
        Figure.Layout(figure)["barmode"] = "stack";
        Figure.Axis(figure, "xaxis")["type"] = "category";
        return new ChartSection(Id, "Where the time went", "scaleSets[].runs[].timeBreakdown: each run's time by part, in simulated seconds.", figure);
    }

    private static void Collect(JsonObject named, Dictionary<string, double> parts, List<string> members)
    {
        foreach (var (part, value) in named)
        {
            if (ReportJson.Seconds(value) is { } seconds)
            {
                parts[part] = parts.GetValueOrDefault(part) + seconds;
                if (!members.Contains(part))
                {
                    members.Add(part);
                }
            }
        }
    }
}
