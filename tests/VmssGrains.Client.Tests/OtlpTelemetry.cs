using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>Everything the OTLP receiver wrote so far, in arrival order.</summary>
public sealed class OtlpTelemetry
{
    private OtlpTelemetry(List<JsonObject> items)
    {
        Items = items;
        Spans = [.. items.Where(i => i.Str("signal") == "span").Select(OtlpSpan.From)];
        Points = [.. items.Where(i => i.Str("signal") == "metric").SelectMany(OtlpPoint.From)];
        Logs = [.. items.Where(i => i.Str("signal") == "log").Select(OtlpLog.From)];
    }

    /// <summary>The JSON lines.</summary>
    public List<JsonObject> Items { get; }

    /// <summary>The spans.</summary>
    public List<OtlpSpan> Spans { get; }

    /// <summary>The metrics' data points, export after export.</summary>
    public List<OtlpPoint> Points { get; }

    /// <summary>The log records.</summary>
    public List<OtlpLog> Logs { get; }

    /// <summary>Parses the receiver's JSON lines.</summary>
    public static OtlpTelemetry Parse(IEnumerable<string> lines) => new([.. lines.Select(l => JsonNode.Parse(l)!.AsObject())]);

    /// <summary>A time in nanoseconds since the Unix epoch.</summary>
    public static DateTimeOffset Time(long unixNanos) => DateTimeOffset.UnixEpoch.AddTicks(unixNanos / 100);

    /// <summary>The names of the metrics received from <paramref name="service"/> whose names start with <paramref name="prefix"/>, sorted.</summary>
    public List<string> MetricNames(string service, string prefix) =>
        [.. Points.Where(p => p.Service == service && p.Metric.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.Metric).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The last point received of every series of a cumulative metric (or gauge): its value at the last export.</summary>
    public Dictionary<string, OtlpPoint> Final(string service, string metric)
    {
        var result = new Dictionary<string, OtlpPoint>(StringComparer.Ordinal);
        foreach (var point in Points.Where(p => p.Service == service && p.Metric == metric))
        {
            result[point.Series] = point;
        }

        return result;
    }

    /// <summary>The spans whose parent is <paramref name="span"/>, in start order (arrival order among equal starts).</summary>
    public List<OtlpSpan> Children(OtlpSpan span) =>
        [.. Spans.Where(s => s.TraceId == span.TraceId && s.ParentSpanId == span.SpanId).OrderBy(s => s.Start)];

    /// <summary>The parent, its parent, ... of <paramref name="span"/> as far as they were received.</summary>
    public List<OtlpSpan> Ancestors(OtlpSpan span)
    {
        var result = new List<OtlpSpan>();
        for (var parent = Parent(span); parent is not null; parent = Parent(parent))
        {
            result.Add(parent);
        }

        return result;
    }

    private OtlpSpan? Parent(OtlpSpan span) =>
        span.ParentSpanId.Length == 0 ? null : Spans.SingleOrDefault(s => s.TraceId == span.TraceId && s.SpanId == span.ParentSpanId);
}
