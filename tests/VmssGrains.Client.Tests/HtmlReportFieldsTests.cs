using System.Text.Json.Nodes;
using VmssGrains.Reporting.Html;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The HTML report picks up members other parts of the report add (a per-minute load series, a run's time breakdown)
/// from the JSON alone: a real report with those members added, and the figures the page would plot read back from it.
/// </summary>
public sealed class HtmlReportFieldsTests
{
    [Fact]
    public async Task Write_ReportWithPerMinuteLoadAndTimeBreakdown_ChartsTheirNumbers()
    {
        var report = Json.ParseObject(await Cli.OkAsync("simulate", "--scenario", Repo.Example("seed-6vm-rolling"), "--engine", "reference", "--output", "json"));
        report["load"]!["perMinute"] = JsonNode.Parse("""
            [ { "t": "PT0S", "offered": 180000, "served": 180000, "dropped": 0, "meanLatencySeconds": 0.05 },
              { "t": "PT1M", "offered": 180000, "served": 178800, "dropped": 1200, "meanLatencySeconds": 0.25 } ]
            """);
        report["scaleSets"]![0]!["runs"]![0]!["timeBreakdown"] = JsonNode.Parse("""
            { "pauses": "PT4M", "drain": 45, "extensions": { "install-python-api": 372.5 }, "totalSeconds": 999, "note": "ignored" }
            """);

        var figures = Figures(report);

        var traffic = figures["traffic"]!;
        Assert.Equal([0.0, 1.0], Trace(traffic, "dropped")["x"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal([0.0, 1200.0], Trace(traffic, "dropped")["y"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal([180000.0, 178800.0], Trace(traffic, "served")["y"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal("y2", Trace(traffic, "mean latency (s)")["yaxis"]!.GetValue<string>());

        var breakdown = figures["time-breakdown"]!;
        Assert.Equal(["pauses", "drain", "extensions.install-python-api"], breakdown["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(240.0, Trace(breakdown, "pauses")["y"]![0]!.GetValue<double>());
        Assert.Equal(45.0, Trace(breakdown, "drain")["y"]![0]!.GetValue<double>());
        Assert.Equal(372.5, Trace(breakdown, "extensions.install-python-api")["y"]![0]!.GetValue<double>());
        Assert.Equal("api · run 1 · RollingUpgrade", Trace(breakdown, "drain")["x"]![0]!.GetValue<string>());
    }

    /// <summary>The page's figures by element id, read from the one line of its script that lists them.</summary>
    private static Dictionary<string, JsonNode> Figures(JsonObject report)
    {
        using var writer = new StringWriter();
        HtmlReport.Write(report, "fields", writer);
        const string prefix = "  var figures = ";
        var line = writer.ToString().Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        var figures = JsonNode.Parse(line[prefix.Length..].TrimEnd(';'))!.AsArray();
        return figures.ToDictionary(f => f![0]!.GetValue<string>(), f => f![1]!);
    }

    private static JsonNode Trace(JsonNode figure, string name) => Assert.Single(figure["data"]!.AsArray(), t => t!["name"]!.GetValue<string>() == name)!;
}
