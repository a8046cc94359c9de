using System.Text.Json.Nodes;
using System.Xml;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>simulate --html</c> as a person meets it: a real run of an example writes the file, a headless Chromium (Debian's
/// package) opens it with no network, every chart is plotted, and the numbers the charts hold — read back from the
/// page — are the report's. Skips without Chromium unless VMSS_REQUIRE_CHROMIUM=1 (as in .ci/run).
/// </summary>
[Trait("Category", "Browser")]
public sealed class HtmlReportBrowserTests
{
    private const double Exact = 1e-9;

    // Every chart of the page: its id, the plotly element's class, its traces (name, x, y, base, text) and its drawn bars.
    private const string ReadCharts = """
        function () {
          return Array.from(document.querySelectorAll('div.chart')).map(function (div) {
            return {
              id: div.id,
              plotted: div.classList.contains('js-plotly-plot') && div.querySelector('svg.main-svg') !== null,
              drawnBars: div.querySelectorAll('.barlayer .point').length,
              drawnLines: div.querySelectorAll('.scatterlayer .trace').length,
              traces: (div.data || []).map(function (t) {
                return { name: t.name, x: t.x || [], y: t.y || [], base: t.base || [], text: t.text || [] };
              })
            };
          });
        }
        """;

    [SkippableFact]
    public async Task SimulateHtml_ZonalOsUpgradeWithAFaultedRun_ChartsRenderInChromiumWithTheReportsNumbers()
    {
        var chromium = ChromiumBinary.FindOrSkip();
        var (report, file) = await SimulateAsync("automatic-os-upgrade");
        await using var page = await HeadlessPage.OpenAsync(chromium, file);

        var charts = await RenderedChartsAsync(page, report);

        // Capacity: every timeline point, in simulated minutes, with its counts.
        var capacity = Chart(charts, "capacity");
        var timeline = report["timeline"]!.AsArray();
        Assert.Equal(4, capacity["drawnLines"]!.GetValue<int>());
        foreach (var (member, trace) in new[] { ("inService", "in service"), ("upgrading", "upgrading"), ("unhealthy", "unhealthy") })
        {
            var series = Trace(capacity, trace);
            Assert.Equal(timeline.Count, series["x"]!.AsArray().Count);
            for (var i = 0; i < timeline.Count; i++)
            {
                Assert.Equal(Minutes(timeline[i]!["t"]), series["x"]![i]!.GetValue<double>(), Exact);
                Assert.Equal(timeline[i]![member]!.GetValue<double>(), series["y"]![i]!.GetValue<double>());
            }
        }

        // The Gantt: one drawn bar per batch of every run, each from its start to its end, zones in the rows.
        var gantt = Chart(charts, "gantt-0");
        var runs = report["scaleSets"]![0]!["runs"]!.AsArray();
        var batches = runs.SelectMany((run, r) => run!["batches"]!.AsArray().Select(b => (Run: r + 1, Batch: b!))).ToList();
        Assert.Equal(7, batches.Count);
        Assert.Equal(batches.Count, gantt["drawnBars"]!.GetValue<int>());
        var bars = Bars(gantt);
        Assert.Equal(batches.Count, bars.Count);
        foreach (var (run, batch) in batches)
        {
            var label = $"run {run} · batch {batch["index"]} · zone {batch["zone"]!.GetValue<string>()}";
            var bar = Assert.Single(bars, b => b.Label == label);
            Assert.Equal(Minutes(batch["startTime"]), bar.Start, Exact);
            Assert.Equal(Minutes(batch["endTime"]), bar.End, Exact);
        }

        // The faulted run's batch: its failed instances counted, the halt said.
        var faulted = runs.Select((run, r) => (Run: r + 1, Node: run!)).Single(r => r.Node["runningStatus"]!["code"]!.GetValue<string>() == "Faulted");
        var lastBatch = faulted.Node["batches"]!.AsArray()[^1]!;
        var failedTargets = faulted.Node["error"]!["details"]!.AsArray().Select(d => d!["target"]!.GetValue<string>().Split('/')[^1]).ToHashSet();
        var failedInBatch = lastBatch["instanceIds"]!.AsArray().Count(id => failedTargets.Contains(id!.GetValue<string>()));
        Assert.True(failedInBatch > 0, "the example's faulted run names a failed instance of its batch");
        var haltedBar = Assert.Single(bars, b => b.Label.StartsWith($"run {faulted.Run} · batch {lastBatch["index"]} ", StringComparison.Ordinal));
        Assert.Equal($"{failedInBatch} failed · Faulted", haltedBar.Text);

        AssertTraffic(Chart(charts, "traffic"), report);
        AssertNoErrorsAndNoNetwork(page);
    }

    [SkippableFact]
    public async Task SimulateHtml_AutomaticBesideRolling_DroppedRequestsAndBothGanttsRenderWithTheReportsNumbers()
    {
        var chromium = ChromiumBinary.FindOrSkip();
        var (report, file) = await SimulateAsync("automatic-vs-rolling");
        await using var page = await HeadlessPage.OpenAsync(chromium, file);

        var charts = await RenderedChartsAsync(page, report);

        var scaleSets = report["scaleSets"]!.AsArray();
        Assert.Equal(2, scaleSets.Count);
        for (var s = 0; s < scaleSets.Count; s++)
        {
            var batches = scaleSets[s]!["runs"]!.AsArray().SelectMany(r => r!["batches"]!.AsArray()).ToList();
            var gantt = Chart(charts, $"gantt-{s}");
            Assert.Equal(batches.Count, gantt["drawnBars"]!.GetValue<int>());
            var bars = Bars(gantt);
            Assert.Equal(batches.Select(b => Minutes(b!["startTime"])), bars.Select(b => b.Start));
            Assert.Equal(batches.Select(b => Minutes(b!["endTime"])), bars.Select(b => b.End));
        }

        Assert.True(report["load"]!["requestsDropped"]!.GetValue<double>() > 0, "the Automatic upgrade drops requests");
        AssertTraffic(Chart(charts, "traffic"), report);
        AssertNoErrorsAndNoNetwork(page);
    }

    /// <summary>Runs <c>simulate --html</c> on an example (reference engine) and returns its report and the file.</summary>
    private static async Task<(JsonObject Report, string File)> SimulateAsync(string example)
    {
        var directory = Directory.CreateTempSubdirectory("vmss-html-").FullName;
        var file = Path.Combine(directory, "report.html");
        var result = await Cli.OkAsync("simulate", "--scenario", Repo.Example(example), "--engine", "reference", "--html", file, "--output", "json");
        Assert.True(File.Exists(file), $"--html wrote no {file}");
        return (Json.ParseObject(result), file);
    }

    /// <summary>Waits until the page says every chart is plotted; checks the charts are those the report calls for.</summary>
    private static async Task<List<JsonObject>> RenderedChartsAsync(HeadlessPage page, JsonObject report)
    {
        List<string> expected = ["capacity", .. report["scaleSets"]!.AsArray().Select((_, i) => $"gantt-{i}"), "traffic"];
        if (report["scaleSets"]!.AsArray().Any(s => s!["runs"]!.AsArray().Any(r => r!["timeBreakdown"] is JsonObject)))
        {
            expected.Add("time-breakdown");
        }

        Assert.Equal(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.WaitForAttributeAsync("data-charts-rendered"));
        var charts = (await page.EvaluateAsync(ReadCharts)).AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(expected, charts.Select(c => c["id"]!.GetValue<string>()));
        Assert.All(charts, c => Assert.True(c["plotted"]!.GetValue<bool>(), $"{c["id"]} is not plotted"));
        return charts;
    }

    /// <summary>Dropped requests: per minute when the report has <c>load.perMinute[]</c>, else the total of all load balancers.</summary>
    private static void AssertTraffic(JsonObject traffic, JsonObject report)
    {
        var dropped = Trace(traffic, "dropped");
        if (report["load"]!["perMinute"] is JsonArray perMinute)
        {
            Assert.Equal(perMinute.Select(p => p!["dropped"]!.GetValue<double>()), dropped["y"]!.AsArray().Select(y => y!.GetValue<double>()));
            return;
        }

        Assert.Equal("all load balancers", dropped["x"]![0]!.GetValue<string>());
        Assert.Equal(report["load"]!["requestsDropped"]!.GetValue<double>(), dropped["y"]![0]!.GetValue<double>());
        var balancers = report["load"]!["loadBalancers"]!.AsArray();
        for (var i = 0; i < balancers.Count; i++)
        {
            Assert.Equal(balancers[i]!["name"]!.GetValue<string>(), dropped["x"]![i + 1]!.GetValue<string>());
            Assert.Equal(balancers[i]!["requestsDropped"]!.GetValue<double>(), dropped["y"]![i + 1]!.GetValue<double>());
        }
    }

    private static void AssertNoErrorsAndNoNetwork(HeadlessPage page)
    {
        Assert.Empty(page.Errors);
        // The file itself and in-page data (plotly.js probes image support with a data: URL); nothing that leaves the machine.
        Assert.DoesNotContain(page.Requests, url => new Uri(url).Scheme is not ("file" or "data" or "blob"));
        Assert.Contains(page.Requests, url => new Uri(url).Scheme == "file");
    }

    private static JsonObject Chart(List<JsonObject> charts, string id) => Assert.Single(charts, c => c["id"]!.GetValue<string>() == id);

    private static JsonObject Trace(JsonObject chart, string name) =>
        Assert.Single(chart["traces"]!.AsArray(), t => t!["name"]!.GetValue<string>() == name)!.AsObject();

    /// <summary>Every bar of a Gantt over its traces, in row order: its row, start and end (simulated minutes) and text.</summary>
    private static List<(string Label, double Start, double End, string Text)> Bars(JsonObject gantt) =>
        [.. gantt["traces"]!.AsArray()
            .SelectMany(t => t!["y"]!.AsArray().Select((y, i) => (
                Label: y!.GetValue<string>(),
                Start: t["base"]![i]!.GetValue<double>(),
                End: t["base"]![i]!.GetValue<double>() + t["x"]![i]!.GetValue<double>(),
                Text: t["text"]!.AsArray().Count > i ? t["text"]![i]!.GetValue<string>() : "")))
            .OrderBy(b => b.Start).ThenBy(b => b.Label, StringComparer.Ordinal)];

    private static double Minutes(JsonNode? offset) => XmlConvert.ToTimeSpan(offset!.GetValue<string>()).TotalMinutes;
}
