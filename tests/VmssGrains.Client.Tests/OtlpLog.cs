using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>A log record as the OTLP receiver wrote it (<see cref="Scope"/> is the logger's category).</summary>
public sealed record OtlpLog(string Service, string Scope, string? Severity, string? Body, JsonObject Attributes, string? TraceId)
{
    /// <summary>Reads one <c>"signal": "log"</c> line.</summary>
    public static OtlpLog From(JsonObject item) => new(
        item.Str("service")!,
        item.Str("scope")!,
        item.Str("severity"),
        item["body"]?.ToString(),
        item["attributes"]!.AsObject(),
        item.Str("traceId"));

    /// <summary>A string attribute (null when absent or null).</summary>
    public string? this[string name] => Attributes[name]?.ToString();
}
