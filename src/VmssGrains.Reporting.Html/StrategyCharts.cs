using System.Text.Json.Nodes;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace VmssGrains.Reporting.Html;

/// <summary>
/// One chart per metric across strategies (<c>compare</c>'s <c>strategies[]</c>, or <c>plan</c>'s <c>prediction</c> as
/// one strategy): a metric that is a number (<c>haltRate</c>) is a bar per strategy; an object of numbers
/// (<c>durationSeconds</c>: <c>p50</c>, <c>p90</c>, <c>max</c>) a group of bars per strategy, one per statistic; an array
/// of <c>{batch, count}</c> (<c>halts</c>) a group per batch, one bar per strategy; an object of parts each with a
/// <c>p50</c> (<c>timeBreakdownSeconds</c>) the parts' p50s stacked, a bar per strategy. Metrics are taken in the order
/// they first appear, so a new one is charted without a code change.
/// </summary>
internal static class StrategyCharts
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["durationSeconds"] = "Duration (simulated seconds)",
        ["minInServicePercent"] = "Minimum in service (% of the target capacity)",
        ["requestsDropped"] = "Requests dropped",
        ["haltRate"] = "Share of runs that halted",
        ["halts"] = "Halts by batch (runs)",
        ["timeBreakdownSeconds"] = "Where the time went (p50 of each part, simulated seconds)",
    };

    /// <summary>The charts of <paramref name="strategies"/> (each with a <c>name</c>), from <paramref name="path"/> in the document.</summary>
    public static List<ChartSection> Build(IReadOnlyList<(string Name, JsonObject Metrics)> strategies, string path)
    {
        var metrics = strategies.SelectMany(s => s.Metrics.Select(m => m.Key)).Where(m => m != "name").Distinct().ToList();
        string[] names = [.. strategies.Select(s => s.Name)];
        var sections = new List<ChartSection>();
        foreach (var metric in metrics)
        {
            var values = strategies.Select(s => s.Metrics[metric]).ToList();
            GenericChart? chart = null;
            var stacked = false;
            if (values.Any(v => ReportJson.Number(v) is not null))
            {
                chart = Chart.Column<double, string, string>([.. values.Select(v => ReportJson.Number(v) ?? 0)], Keys: names, Name: metric);
            }
            else if (values.OfType<JsonObject>().Any(o => o.Any(p => p.Value is JsonObject part && part["p50"] is not null)))
            {
                // Parts each with their own statistics (timeBreakdownSeconds): the parts' p50s stacked per strategy.
                var parts = values.OfType<JsonObject>().SelectMany(o => o.Select(p => p.Key)).Distinct().ToList();
                chart = Chart.Combine(parts.Select(part => Chart.StackedColumn<double, string, string>(
                    [.. values.Select(v => ReportJson.Number(v?[part]?["p50"]) ?? 0)], Keys: names, Name: part)));
                stacked = true;
            }
            else if (values.Any(v => v is JsonObject))
            {
                var stats = values.OfType<JsonObject>().SelectMany(o => o.Where(p => ReportJson.Number(p.Value) is not null).Select(p => p.Key)).Distinct().ToList();
                if (stats.Count > 0)
                {
                    chart = Chart.Combine(stats.Select(stat => Chart.Column<double, string, string>(
                        [.. values.Select(v => ReportJson.Number(v?[stat]) ?? 0)], Keys: names, Name: stat)));
                }
            }
            else if (values.Any(v => v is JsonArray))
            {
                chart = ByBatch(strategies, metric);
            }

            if (chart is null)
            {
                continue;
            }

            var figure = Figure.From(chart.WithYAxisStyle<double, double, string>(TitleText: Titles.GetValueOrDefault(metric, metric)), 360);
            Figure.Layout(figure)["barmode"] = stacked ? "stack" : "group";
            Figure.Axis(figure, "xaxis")["type"] = "category";
            sections.Add(new ChartSection($"metric-{metric}", Titles.GetValueOrDefault(metric, metric), $"{path}.{metric}", figure));
        }

        return sections;
    }

    /// <summary>An array of <c>{batch, count}</c> per strategy: a bar per strategy in a group per batch.</summary>
    private static GenericChart? ByBatch(IReadOnlyList<(string Name, JsonObject Metrics)> strategies, string metric)
    {
        var batches = strategies.SelectMany(s => ReportJson.Items(s.Metrics[metric]).Select(h => ReportJson.Number(h["batch"])).OfType<double>()).Distinct().Order().ToList();
        if (batches.Count == 0)
        {
            return null;
        }

        string[] keys = [.. batches.Select(b => $"batch {b}")];
        return Chart.Combine(strategies.Select(s =>
        {
            var counts = ReportJson.Items(s.Metrics[metric]).Where(h => ReportJson.Number(h["batch"]) is not null)
                .GroupBy(h => ReportJson.Number(h["batch"])!.Value).ToDictionary(g => g.Key, g => g.Sum(h => ReportJson.Number(h["count"]) ?? 0));
            return Chart.Column<double, string, string>([.. batches.Select(b => counts.GetValueOrDefault(b))], Keys: keys, Name: s.Name);
        }));
    }
}
