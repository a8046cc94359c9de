using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>A span as the OTLP receiver wrote it: ids in hex (empty parent for a root), times to the 100 ns tick.</summary>
public sealed record OtlpSpan(
    string Service,
    string Scope,
    string Name,
    string Kind,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    DateTimeOffset Start,
    DateTimeOffset End,
    JsonObject Attributes,
    string Status)
{
    /// <summary>Reads one <c>"signal": "span"</c> line.</summary>
    public static OtlpSpan From(JsonObject item) => new(
        item.Str("service")!,
        item.Str("scope")!,
        item.Str("name")!,
        item.Str("kind")!,
        item.Str("traceId")!,
        item.Str("spanId")!,
        item.Str("parentSpanId")!,
        OtlpTelemetry.Time(item.Whole("startUnixNano")),
        OtlpTelemetry.Time(item.Whole("endUnixNano")),
        item["attributes"]!.AsObject(),
        item["status"].Str("code") ?? "unset");

    /// <inheritdoc/>
    public override string ToString() => $"{Service} {Scope} '{Name}' {Kind} {Start:O}..{End:O} trace {TraceId} span {SpanId} parent '{ParentSpanId}' {Attributes.ToJsonString()}";
}
