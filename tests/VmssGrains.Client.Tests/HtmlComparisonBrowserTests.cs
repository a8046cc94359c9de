using System.Text.Json.Nodes;
using VmssGrains.Reporting.Html;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The HTML pages of <c>compare</c> and <c>plan</c> (the entry points those commands call with their JSON), opened in
/// headless Chromium: one chart per metric, each holding every strategy's numbers. Skips without Chromium unless
/// VMSS_REQUIRE_CHROMIUM=1 (as in .ci/run).
/// </summary>
[Trait("Category", "Browser")]
public sealed class HtmlComparisonBrowserTests
{
    private const string Comparison = """
        {
          "scenario": "examples/bad-image-1000.json",
          "seeds": 20,
          "strategies": [
            { "name": "rolling-20", "durationSeconds": { "p50": 1034, "p90": 1101.5, "max": 1190 }, "minInServicePercent": { "p50": 80, "min": 78.5 },
              "requestsDropped": { "p50": 0, "p90": 1200, "max": 5400 }, "haltRate": 0.95, "halts": [ { "batch": 1, "count": 19 } ] },
            { "name": "rolling-10", "durationSeconds": { "p50": 2011, "p90": 2300, "max": 2470 }, "minInServicePercent": { "p50": 90, "min": 89 },
              "requestsDropped": { "p50": 0, "p90": 0, "max": 600 }, "haltRate": 0.5, "halts": [ { "batch": 1, "count": 6 }, { "batch": 2, "count": 4 } ] },
            { "name": "automatic", "durationSeconds": { "p50": 420, "p90": 431, "max": 440 }, "minInServicePercent": { "p50": 0, "min": 0 },
              "requestsDropped": { "p50": 3040000, "p90": 3040000, "max": 3040000 }, "haltRate": 0, "halts": [] }
          ]
        }
        """;

    private const string Plan = """
        { "prediction": { "durationSeconds": { "p50": 1034, "p90": 1101.5, "max": 1190 }, "minInServicePercent": { "p50": 80, "min": 78.5 },
          "requestsDropped": { "p50": 0, "p90": 1200, "max": 5400 }, "haltRate": 0.95, "halts": [ { "batch": 1, "count": 19 } ] },
          "batches": [] }
        """;

    private const string ReadCharts = """
        function () {
          return Array.from(document.querySelectorAll('div.chart')).map(function (div) {
            return {
              id: div.id,
              plotted: div.classList.contains('js-plotly-plot') && div.querySelector('svg.main-svg') !== null,
              traces: (div.data || []).map(function (t) { return { name: t.name, x: t.x, y: t.y }; })
            };
          });
        }
        """;

    private static readonly string[] Metrics = ["metric-durationSeconds", "metric-minInServicePercent", "metric-requestsDropped", "metric-haltRate", "metric-halts"];

    [SkippableFact]
    public async Task CompareAndPlanPages_OneChartPerMetric_HoldEveryStrategysNumbers()
    {
        var chromium = ChromiumBinary.FindOrSkip();
        var directory = Directory.CreateTempSubdirectory("vmss-html-compare-").FullName;
        var compareFile = Path.Combine(directory, "compare.html");
        var planFile = Path.Combine(directory, "plan.html");
        await using (var writer = File.CreateText(compareFile))
        {
            HtmlReport.WriteComparison(JsonNode.Parse(Comparison)!, "compare", writer);
        }

        await using (var writer = File.CreateText(planFile))
        {
            HtmlReport.WritePlan(JsonNode.Parse(Plan)!, "plan", writer);
        }

        await using var page = await HeadlessPage.OpenAsync(chromium, compareFile);
        Assert.Equal("5", await page.WaitForAttributeAsync("data-charts-rendered"));
        var charts = (await page.EvaluateAsync(ReadCharts)).AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(Metrics, charts.Select(c => c["id"]!.GetValue<string>()));
        Assert.All(charts, c => Assert.True(c["plotted"]!.GetValue<bool>(), $"{c["id"]} is not plotted"));
        string[] strategies = ["rolling-20", "rolling-10", "automatic"];
        AssertTrace(charts[0], "p50", strategies, [1034, 2011, 420]);
        AssertTrace(charts[0], "p90", strategies, [1101.5, 2300, 431]);
        AssertTrace(charts[0], "max", strategies, [1190, 2470, 440]);
        AssertTrace(charts[1], "min", strategies, [78.5, 89, 0]);
        AssertTrace(charts[2], "max", strategies, [5400, 600, 3040000]);
        AssertTrace(charts[3], "haltRate", strategies, [0.95, 0.5, 0]);
        AssertTrace(charts[4], "rolling-20", ["batch 1", "batch 2"], [19, 0]);
        AssertTrace(charts[4], "rolling-10", ["batch 1", "batch 2"], [6, 4]);
        AssertTrace(charts[4], "automatic", ["batch 1", "batch 2"], [0, 0]);

        await page.GoToAsync(planFile);
        Assert.Equal("5", await page.WaitForAttributeAsync("data-charts-rendered"));
        charts = [.. (await page.EvaluateAsync(ReadCharts)).AsArray().Select(c => c!.AsObject())];
        Assert.Equal(Metrics, charts.Select(c => c["id"]!.GetValue<string>()));
        AssertTrace(charts[0], "p90", ["prediction"], [1101.5]);
        AssertTrace(charts[3], "haltRate", ["prediction"], [0.95]);
        AssertTrace(charts[4], "prediction", ["batch 1"], [19]);

        Assert.Empty(page.Errors);
        Assert.DoesNotContain(page.Requests, url => new Uri(url).Scheme is not ("file" or "data" or "blob"));
    }

    private static void AssertTrace(JsonObject chart, string name, string[] x, double[] y)
    {
        var trace = Assert.Single(chart["traces"]!.AsArray(), t => t!["name"]!.GetValue<string>() == name)!;
        Assert.Equal(x, trace["x"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(y, trace["y"]!.AsArray().Select(v => v!.GetValue<double>()));
    }
}
