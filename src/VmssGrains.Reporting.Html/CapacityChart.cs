using System.Text.Json.Nodes;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace VmssGrains.Reporting.Html;

/// <summary>
/// Capacity and instance states over simulated time, from <c>timeline[]</c>: in service, upgrading and unhealthy as
/// step lines (each value holds until the next point), and the target capacity dashed — a point's <c>targetCapacity</c>
/// when the report carries one, else the instances at the first point (the scale sets' capacity at the start).
/// </summary>
internal static class CapacityChart
{
    /// <summary>The element id of the chart.</summary>
    public const string Id = "capacity";

    /// <summary>The chart, or null when the report has no timeline.</summary>
    public static ChartSection? Build(JsonNode report)
    {
        var points = ReportJson.Items(report["timeline"]).Where(p => ReportJson.Minutes(p["t"]) is not null).ToList();
        if (points.Count == 0)
        {
            return null;
        }

        double[] x = [.. points.Select(p => ReportJson.Minutes(p["t"])!.Value)];
        double[] Series(string member) => [.. points.Select(p => ReportJson.Number(p[member]) ?? 0)];
        var first = points[0];
        var startTotal = (ReportJson.Number(first["inService"]) ?? 0) + (ReportJson.Number(first["upgrading"]) ?? 0) + (ReportJson.Number(first["unhealthy"]) ?? 0);
        var target = points.Any(p => ReportJson.Number(p["targetCapacity"]) is not null)
            ? Carried(points.Select(p => ReportJson.Number(p["targetCapacity"])), startTotal)
            : [.. points.Select(_ => startTotal)];

        var chart = Chart.Combine(
        [
            Chart.Line<double, double, string>(x, Series("inService"), Name: "in service", LineColor: Color.fromHex("#2ca02c")),
            Chart.Line<double, double, string>(x, Series("upgrading"), Name: "upgrading", LineColor: Color.fromHex("#1f77b4")),
            Chart.Line<double, double, string>(x, Series("unhealthy"), Name: "unhealthy", LineColor: Color.fromHex("#d62728")),
            Chart.Line<double, double, string>(x, target, Name: "target capacity", LineColor: Color.fromHex("#7f7f7f"), LineDash: StyleParam.DrawingStyle.Dash),
        ])
            .WithXAxisStyle<double, double, string>(TitleText: "simulated minutes since the start")
            .WithYAxisStyle<double, double, string>(TitleText: "instances");
        var figure = Figure.From(chart, 420);
        foreach (var trace in Figure.Traces(figure).OfType<JsonObject>())
        {
            var line = trace["line"] as JsonObject ?? [];
            line["shape"] = "hv";
            trace["line"] = line;
        }

        return new ChartSection(
            Id,
            "Capacity and instance states",
            "timeline[]: the instances in service, upgrading and unhealthy over every scale set, as each instant ends; dashed: the target capacity.",
            figure);
    }

    /// <summary>Each value, or the last one before it when missing.</summary>
    private static double[] Carried(IEnumerable<double?> values, double initial)
    {
        var last = initial;
        return [.. values.Select(v => last = v ?? last)];
    }
}
