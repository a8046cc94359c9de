using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>One data point of a metric as the OTLP receiver wrote it; <see cref="Series"/> names its attributes, sorted.</summary>
public sealed record OtlpPoint(string Service, string Metric, string Series, double? Value, long? Count, double? Sum)
{
    /// <summary>The points of one <c>"signal": "metric"</c> line.</summary>
    public static IEnumerable<OtlpPoint> From(JsonObject item) =>
        item.Objects("points").Select(p => new OtlpPoint(
            item.Str("service")!,
            item.Str("name")!,
            SeriesOf(p["attributes"]!.AsObject()),
            p["value"]?.GetValue<double>(),
            p["count"]?.GetValue<long>(),
            p["sum"]?.GetValue<double>()));

    /// <summary><c>key=value</c> pairs sorted by key, comma-separated: the identity of a series within its metric.</summary>
    public static string SeriesOf(JsonObject attributes) =>
        string.Join(',', attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value?.ToString()}"));
}
