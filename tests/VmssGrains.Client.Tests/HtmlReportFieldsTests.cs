using System.Text.Json.Nodes;
using VmssGrains.Reporting.Html;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The HTML report charts the per-minute load series and each run's time breakdown of a real report: the figures the
/// page would plot, read back from it, are the report's numbers.
/// </summary>
public sealed class HtmlReportFieldsTests
{
    [Fact]
    public async Task Write_ReportWithPerMinuteLoadAndTimeBreakdown_ChartsTheirNumbers()
    {
        var report = Json.ParseObject(await Cli.OkAsync("simulate", "--scenario", Repo.Example("seed-6vm-rolling"), "--engine", "reference", "--output", "json"));
        var minutes = report["load"]!["perMinute"]!.AsArray();
        var parts = report["scaleSets"]![0]!["runs"]![0]!["timeBreakdown"]!["parts"]!.AsObject();
        Assert.NotEmpty(minutes);
        Assert.NotEmpty(parts);

        var figures = Figures(report);

        var traffic = figures["traffic"]!;
        Assert.Equal(
            minutes.Select(m => Domain.Time.IsoDuration.Parse(m!["t"]!.GetValue<string>()).TotalMinutes),
            Trace(traffic, "dropped")["x"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(minutes.Select(m => m!["dropped"]!.GetValue<double>()), Trace(traffic, "dropped")["y"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(minutes.Select(m => m!["served"]!.GetValue<double>()), Trace(traffic, "served")["y"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal("y2", Trace(traffic, "mean latency (s)")["yaxis"]!.GetValue<string>());

        var breakdown = figures["time-breakdown"]!;
        Assert.Equal(parts.Select(p => p.Key), breakdown["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        foreach (var (part, seconds) in parts)
        {
            Assert.Equal(seconds!.GetValue<double>(), Trace(breakdown, part)["y"]![0]!.GetValue<double>());
        }

        Assert.Equal("api · run 1 · RollingUpgrade", Trace(breakdown, "drain")["x"]![0]!.GetValue<string>());
    }

    /// <summary>A gate's decision is on the page, as in the text report: the skipped promotion with its gate's message.</summary>
    [Fact]
    public async Task Write_SkippedPromotion_SaysWhyOnThePage()
    {
        var report = Json.ParseObject(await Cli.OkAsync("simulate", "--scenario", Repo.Example("staging-then-production"), "--engine", "reference", "--output", "json"));
        var skipped = Assert.Single(report["actions"]!.AsArray(), a => a!["status"]!.GetValue<string>() == "Skipped")!;

        using var writer = new StringWriter();
        HtmlReport.Write(report, "gates", writer);

        var line = $"update on production at {skipped["at"]!.GetValue<string>()}: Skipped: {skipped["error"]!["message"]!.GetValue<string>()}";
        Assert.Contains($"<p>{System.Net.WebUtility.HtmlEncode(line)}</p>", writer.ToString(), StringComparison.Ordinal);
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
