using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The HTML pages of <c>compare --html</c> and <c>plan --html</c>, opened in headless Chromium: one chart per metric,
/// each holding the numbers the same command printed as JSON, for every strategy. Skips without Chromium unless
/// VMSS_REQUIRE_CHROMIUM=1 (as in .ci/run).
/// </summary>
[Trait("Category", "Browser")]
public sealed class HtmlComparisonBrowserTests
{
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

    private static readonly string[] Metrics =
        ["metric-durationSeconds", "metric-minInServicePercent", "metric-minInService", "metric-requestsDropped", "metric-haltRate", "metric-halts", "metric-timeBreakdownSeconds"];

    [SkippableFact]
    public async Task CompareAndPlanHtml_OneChartPerMetric_HoldEveryStrategysNumbers()
    {
        var chromium = ChromiumBinary.FindOrSkip();
        var directory = Directory.CreateTempSubdirectory("vmss-html-compare-").FullName;
        var scenario = Planning.PlanningScenarios.Write(directory, "bad.json", Planning.PlanningScenarios.Upgrade(badImage: 0.5));
        var compareFile = Path.Combine(directory, "compare.html");
        var planFile = Path.Combine(directory, "plan.html");
        var comparison = Json.ParseObject(await Cli.OkAsync(
            "compare", "--scenario", scenario, "--seeds", "6", "--strategy", "quarter:maxBatchInstancePercent=25", "--strategy", "half:maxBatchInstancePercent=50",
            "--strategy", "all-at-once:mode=Automatic", "--output", "json", "--html", compareFile));
        var plan = Json.ParseObject(await Cli.OkAsync("plan", "--scenario", scenario, "--seeds", "6", "--output", "json", "--html", planFile))["prediction"]!;

        await using var page = await HeadlessPage.OpenAsync(chromium, compareFile);
        Assert.Equal(Metrics.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.WaitForAttributeAsync("data-charts-rendered"));
        var charts = (await page.EvaluateAsync(ReadCharts)).AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(Metrics, charts.Select(c => c["id"]!.GetValue<string>()));
        Assert.All(charts, c => Assert.True(c["plotted"]!.GetValue<bool>(), $"{c["id"]} is not plotted"));
        var strategies = comparison["strategies"]!.AsArray().Select(s => s!.AsObject()).ToList();
        string[] names = ["quarter", "half", "all-at-once"];
        Assert.Equal(names, strategies.Select(s => s["name"]!.GetValue<string>()));
        foreach (var statistic in new[] { "p50", "p90", "max" })
        {
            AssertTrace(charts[0], statistic, names, [.. strategies.Select(s => s["durationSeconds"]![statistic]!.GetValue<double>())]);
            AssertTrace(charts[3], statistic, names, [.. strategies.Select(s => s["requestsDropped"]![statistic]!.GetValue<double>())]);
        }

        AssertTrace(charts[1], "min", names, [.. strategies.Select(s => s["minInServicePercent"]!["min"]!.GetValue<double>())]);
        AssertTrace(charts[4], "haltRate", names, [.. strategies.Select(s => s["haltRate"]!.GetValue<double>())]);
        Assert.Contains(strategies, s => s["haltRate"]!.GetValue<double>() > 0);
        AssertHalts(charts[5], strategies);
        var parts = strategies.SelectMany(s => s["timeBreakdownSeconds"]!.AsObject().Select(p => p.Key)).Distinct().ToList();
        Assert.NotEmpty(parts);
        foreach (var part in parts)
        {
            AssertTrace(charts[6], part, names, [.. strategies.Select(s => s["timeBreakdownSeconds"]![part]?["p50"]?.GetValue<double>() ?? 0)]);
        }

        await page.GoToAsync(planFile);
        Assert.Equal(Metrics.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.WaitForAttributeAsync("data-charts-rendered"));
        charts = [.. (await page.EvaluateAsync(ReadCharts)).AsArray().Select(c => c!.AsObject())];
        Assert.Equal(Metrics, charts.Select(c => c["id"]!.GetValue<string>()));
        AssertTrace(charts[0], "p90", ["prediction"], [plan["durationSeconds"]!["p90"]!.GetValue<double>()]);
        AssertTrace(charts[4], "haltRate", ["prediction"], [plan["haltRate"]!.GetValue<double>()]);

        Assert.Empty(page.Errors);
        Assert.DoesNotContain(page.Requests, url => new Uri(url).Scheme is not ("file" or "data" or "blob"));
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>The halts chart: a trace per strategy, a bar per batch any strategy halted at, holding that strategy's count there.</summary>
    private static void AssertHalts(JsonObject chart, List<JsonObject> strategies)
    {
        foreach (var strategy in strategies)
        {
            var trace = Assert.Single(chart["traces"]!.AsArray(), t => t!["name"]!.GetValue<string>() == strategy["name"]!.GetValue<string>())!;
            var bars = trace["x"]!.AsArray().Select(v => v!.GetValue<string>()).Zip(trace["y"]!.AsArray().Select(v => v!.GetValue<double>())).ToDictionary();
            var halts = strategy["halts"]!.AsArray().ToDictionary(h => $"batch {h!["batch"]}", h => h!["count"]!.GetValue<double>());
            Assert.All(halts, h => Assert.Equal(h.Value, bars[h.Key]));
            Assert.All(bars.Where(b => !halts.ContainsKey(b.Key)), b => Assert.Equal(0, b.Value));
        }
    }

    private static void AssertTrace(JsonObject chart, string name, string[] x, double[] y)
    {
        var trace = Assert.Single(chart["traces"]!.AsArray(), t => t!["name"]!.GetValue<string>() == name)!;
        Assert.Equal(x, trace["x"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(y, trace["y"]!.AsArray().Select(v => v!.GetValue<double>()));
    }
}
