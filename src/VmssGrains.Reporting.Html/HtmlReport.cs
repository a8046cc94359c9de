using System.Globalization;
using System.Text.Json.Nodes;

namespace VmssGrains.Reporting.Html;

/// <summary>
/// One self-contained HTML file of charts (plotly.js inlined: opening it needs no network) drawn from a JSON document
/// as the console prints it with <c>--output json</c>. It reads the JSON, not typed records, so members other commands
/// add later are charted without a change here where the charts already take any member (time breakdowns, strategy
/// metrics). One document gives a byte-identical file. docs/report.md says what each chart shows.
/// </summary>
public static class HtmlReport
{
    /// <summary>At most this many batch Gantt charts (one per scale set, in report order); the page says how many more there were.</summary>
    public const int MaxGanttCharts = 50;

    /// <summary>
    /// The report of <c>simulate</c> (docs/report.md): capacity and instance states over time (<c>timeline[]</c>), a
    /// batch Gantt per scale set (<c>scaleSets[].runs[].batches[]</c>, failures marked), traffic served and dropped
    /// (<c>load.perMinute[]</c>, else the <c>load</c> totals) and, when runs have one, where their time went
    /// (<c>runs[].timeBreakdown</c>).
    /// </summary>
    /// <param name="report">The report document.</param>
    /// <param name="title">The page's title and heading (e.g. the scenario file).</param>
    /// <param name="writer">Where the page goes.</param>
    /// <exception cref="ArgumentException">The report is not a JSON object.</exception>
    public static void Write(JsonNode report, string title, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (report is not JsonObject)
        {
            throw new ArgumentException("the report must be a JSON object", nameof(report));
        }

        var end = ReportJson.Minutes(report["simulatedDuration"]) ?? 0;
        var sections = new List<ChartSection>();
        Add(sections, CapacityChart.Build(report));
        var scaleSets = ReportJson.Items(report["scaleSets"]).ToList();
        for (var i = 0; i < Math.Min(scaleSets.Count, MaxGanttCharts); i++)
        {
            Add(sections, BatchGantt.Build(scaleSets[i], i, end));
        }

        Add(sections, TrafficChart.Build(report));
        Add(sections, TimeBreakdownChart.Build(report));
        string[] notes = scaleSets.Count > MaxGanttCharts
            ? [string.Create(CultureInfo.InvariantCulture, $"Batches are charted for the first {MaxGanttCharts} of {scaleSets.Count} scale sets; the JSON report has them all.")]
            : [];
        PlotlyDocument.Write(writer, title, Summary(report, scaleSets.Count), sections, notes);
    }

    /// <summary>
    /// The result of <c>compare</c>: one chart per metric across its strategies. Shape:
    /// <c>{"scenario", "seeds", "strategies": [{"name", "durationSeconds": {"p50","p90","max"}, "minInServicePercent":
    /// {"p50","min"}, "requestsDropped": {"p50","p90","max"}, "haltRate", "halts": [{"batch","count"}]}]}</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The document has no <c>strategies</c> array.</exception>
    public static void WriteComparison(JsonNode comparison, string title, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (comparison?["strategies"] is not JsonArray strategies)
        {
            throw new ArgumentException("the comparison has no strategies array", nameof(comparison));
        }

        var named = strategies.OfType<JsonObject>()
            .Select((s, i) => (ReportJson.Text(s["name"]) ?? string.Create(CultureInfo.InvariantCulture, $"strategy {i + 1}"), s))
            .ToList();
        PlotlyDocument.Write(writer, title, SeedLine(comparison), StrategyCharts.Build(named, "strategies[]"), []);
    }

    /// <summary>
    /// The prediction of <c>plan</c>: the charts of <see cref="WriteComparison"/> for its one <c>prediction</c>
    /// (<c>{"prediction": {"durationSeconds", "minInServicePercent", "requestsDropped", "haltRate", "halts"}, ...}</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The document has no <c>prediction</c> object.</exception>
    public static void WritePlan(JsonNode plan, string title, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (plan?["prediction"] is not JsonObject prediction)
        {
            throw new ArgumentException("the plan has no prediction object", nameof(plan));
        }

        PlotlyDocument.Write(writer, title, SeedLine(plan), StrategyCharts.Build([("prediction", prediction)], "prediction"), []);
    }

    private static void Add(List<ChartSection> sections, ChartSection? section)
    {
        if (section is not null)
        {
            sections.Add(section);
        }
    }

    private static IEnumerable<string> Summary(JsonNode report, int scaleSets)
    {
        var load = report["load"];
        yield return string.Create(CultureInfo.InvariantCulture, $"Seed {ReportJson.Scalar(report["seed"]) ?? "?"}, simulated duration {ReportJson.Text(report["simulatedDuration"]) ?? "?"} from {ReportJson.Text(report["startTime"]) ?? "the start"}, {scaleSets} scale set{(scaleSets == 1 ? "" : "s")}.");
        if (load is JsonObject)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Requests offered {ReportJson.Number(load["requestsOffered"]) ?? 0:N0}, served {ReportJson.Number(load["requestsServed"]) ?? 0:N0}, dropped {ReportJson.Number(load["requestsDropped"]) ?? 0:N0}; lowest in service {ReportJson.Number(load["minInServicePercent"]) ?? 0} % of the target.");
        }

        // What a gate did and what failed (actions[]): a skipped promotion, a traffic gate's halt, a failed action.
        foreach (var action in ReportJson.Items(report["actions"]))
        {
            var status = ReportJson.Text(action["status"]);
            var why = ReportJson.Text(action["message"]) ?? ReportJson.Text(action["error"]?["message"]);
            if (status is "Skipped" or "Failed" || ReportJson.Text(action["message"]) is not null)
            {
                yield return $"{ReportJson.Text(action["action"])} on {ReportJson.Text(action["scaleSet"]) ?? "the scenario"} at {ReportJson.Text(action["at"])}: {status}{(why is null ? "" : $": {why}")}";
            }
        }
    }

    private static IEnumerable<string> SeedLine(JsonNode document)
    {
        var scenario = ReportJson.Text(document["scenario"]);
        var seeds = ReportJson.Scalar(document["seeds"]);
        if (scenario is not null || seeds is not null)
        {
            yield return $"Scenario {scenario ?? "?"}, over {seeds ?? "?"} seeds.";
        }
    }
}
