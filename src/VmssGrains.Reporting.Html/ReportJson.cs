using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace VmssGrains.Reporting.Html;

/// <summary>Reads members of the report JSON leniently: a member that is missing or of another kind reads as null.</summary>
internal static class ReportJson
{
    /// <summary>A number, or null.</summary>
    public static double? Number(JsonNode? node) =>
        // Read from its JSON text: a value built in memory holds the CLR type it was made from (long, int, double).
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    /// <summary>A string, or null.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A scalar as text (a string as is, a number in invariant form), or null.</summary>
    public static string? Scalar(JsonNode? node) => Text(node) ?? (Number(node) is { } n ? n.ToString(CultureInfo.InvariantCulture) : null);

    /// <summary>An array member's items, or none.</summary>
    public static IEnumerable<JsonNode> Items(JsonNode? node) => node is JsonArray array ? array.OfType<JsonNode>() : [];

    /// <summary>An ISO 8601 duration (<c>PT24M21S</c>: an offset from the scenario's start) in simulated minutes, or null.</summary>
    public static double? Minutes(JsonNode? node) => Duration(Text(node)) is { } t ? t.TotalMinutes : null;

    /// <summary>An ISO 8601 duration, or null when the text is not one.</summary>
    public static TimeSpan? Duration(string? text)
    {
        if (string.IsNullOrEmpty(text) || text[0] != 'P')
        {
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>A number of seconds: a number as is, an ISO 8601 duration converted; else null.</summary>
    public static double? Seconds(JsonNode? node) => Number(node) ?? (Duration(Text(node)) is { } t ? t.TotalSeconds : null);
}
