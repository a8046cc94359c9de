using System.Text.Json.Nodes;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace VmssGrains.Reporting.Html;

/// <summary>
/// Traffic served and dropped. With <c>load.perMinute[]</c> (<c>t</c>, <c>offered</c>, <c>served</c>, <c>dropped</c>,
/// <c>meanLatencySeconds</c>): requests per simulated minute as lines, the mean latency on a right-hand axis. Without
/// it: the totals (<c>requestsServed</c>, <c>requestsDropped</c>) over all load balancers and per load balancer
/// (<c>load.loadBalancers[]</c>), stacked.
/// </summary>
internal static class TrafficChart
{
    /// <summary>The element id of the chart.</summary>
    public const string Id = "traffic";

    /// <summary>The chart, or null when the report has no <c>load</c>.</summary>
    public static ChartSection? Build(JsonNode report)
    {
        if (report["load"] is not JsonObject load)
        {
            return null;
        }

        var minutes = ReportJson.Items(load["perMinute"]).Where(p => ReportJson.Minutes(p["t"]) is not null).ToList();
        return minutes.Count > 0 ? PerMinute(minutes) : Totals(load);
    }

    private static ChartSection PerMinute(List<JsonNode> points)
    {
        double[] x = [.. points.Select(p => ReportJson.Minutes(p["t"])!.Value)];
        double[] Series(string member) => [.. points.Select(p => ReportJson.Number(p[member]) ?? 0)];
        var hasLatency = points.Any(p => ReportJson.Number(p["meanLatencySeconds"]) is not null);
        List<GenericChart> lines =
        [
            Chart.Line<double, double, string>(x, Series("offered"), Name: "offered", LineColor: Color.fromHex("#7f7f7f"), LineDash: StyleParam.DrawingStyle.Dot),
            Chart.Line<double, double, string>(x, Series("served"), Name: "served", LineColor: Color.fromHex("#2ca02c")),
            Chart.Line<double, double, string>(x, Series("dropped"), Name: "dropped", LineColor: Color.fromHex("#d62728")),
        ];
        if (hasLatency)
        {
            lines.Add(Chart.Line<double, double, string>(x, Series("meanLatencySeconds"), Name: "mean latency (s)", LineColor: Color.fromHex("#9467bd")));
        }

        var chart = Chart.Combine(lines)
            .WithXAxisStyle<double, double, string>(TitleText: "simulated minutes since the start")
            .WithYAxisStyle<double, double, string>(TitleText: "requests per minute");
        var figure = Figure.From(chart, 380);
        if (hasLatency)
        {
            Figure.Traces(figure)[3]!["yaxis"] = "y2";
            Figure.Layout(figure)["yaxis2"] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = "mean latency (seconds)" },
                ["overlaying"] = "y",
                ["side"] = "right",
                ["rangemode"] = "tozero",
            };
        }

        return new ChartSection(Id, "Traffic served and dropped", "load.perMinute[]: requests offered, served and dropped in each simulated minute, and their mean latency.", figure);
    }

    private static ChartSection Totals(JsonObject load)
    {
        var rows = new List<(string Name, double Served, double Dropped)>
        {
            ("all load balancers", ReportJson.Number(load["requestsServed"]) ?? 0, ReportJson.Number(load["requestsDropped"]) ?? 0),
        };
        var index = 0;
        foreach (var balancer in ReportJson.Items(load["loadBalancers"]))
        {
            index++;
            rows.Add((ReportJson.Text(balancer["name"]) ?? $"load balancer {index}", ReportJson.Number(balancer["requestsServed"]) ?? 0, ReportJson.Number(balancer["requestsDropped"]) ?? 0));
        }

        string[] keys = [.. rows.Select(r => r.Name)];
        var chart = Chart.Combine(
        [
            Chart.Column<double, string, string>([.. rows.Select(r => r.Served)], Keys: keys, Name: "served", MarkerColor: Color.fromHex("#2ca02c")),
            Chart.Column<double, string, string>([.. rows.Select(r => r.Dropped)], Keys: keys, Name: "dropped", MarkerColor: Color.fromHex("#d62728")),
        ])
            .WithYAxisStyle<double, double, string>(TitleText: "requests over the whole run");
        var figure = Figure.From(chart, 360);
        Figure.Layout(figure)["barmode"] = "stack";
        Figure.Axis(figure, "xaxis")["type"] = "category";
        return new ChartSection(Id, "Traffic served and dropped", "load: requests served and dropped over the whole run (the report has no per-minute series), overall and per load balancer.", figure);
    }
}
