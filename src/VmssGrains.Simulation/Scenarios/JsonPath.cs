using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>Strict typed reads of a scenario's JSON: every problem is a <see cref="ScenarioException"/> naming its JSON path.</summary>
internal static class JsonPath
{
    public static JsonObject Object(JsonNode? node, string path) =>
        node as JsonObject ?? throw new ScenarioException(path, $"must be an object, not {Describe(node)}");

    public static JsonArray Array(JsonNode? node, string path) =>
        node as JsonArray ?? throw new ScenarioException(path, $"must be an array, not {Describe(node)}");

    public static void OnlyFields(JsonObject obj, string path, params string[] allowed)
    {
        foreach (var (key, _) in obj)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw new ScenarioException($"{path}.{key}", $"unknown field; allowed here: {string.Join(", ", allowed)}");
            }
        }
    }

    public static JsonNode? Get(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var value) && value is not null && value.GetValueKind() != JsonValueKind.Null ? value : null;

    public static string String(JsonObject obj, string name, string path) =>
        OptionalString(obj, name, path) ?? throw new ScenarioException($"{path}.{name}", "is required");

    public static string? OptionalString(JsonObject obj, string name, string path)
    {
        var node = Get(obj, name);
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0
            ? s
            : throw new ScenarioException($"{path}.{name}", $"must be a non-empty string, not {Describe(node)}");
    }

    public static long? Long(JsonObject obj, string name, string path, long min, long max)
    {
        var node = Get(obj, name);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long value))
        {
            return value >= min && value <= max
                ? value
                : throw new ScenarioException($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"{value} is out of range: allowed {min}–{max}"));
        }

        throw new ScenarioException($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"must be an integer in {min}–{max}, not {Describe(node)}"));
    }

    public static double? Number(JsonObject obj, string name, string path, double min, double max)
    {
        var node = Get(obj, name);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double value))
        {
            return value >= min && value <= max
                ? value
                : throw new ScenarioException($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"{value} is out of range: allowed {min}–{max}"));
        }

        throw new ScenarioException($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"must be a number in {min}–{max}, not {Describe(node)}"));
    }

    public static bool? Bool(JsonObject obj, string name, string path)
    {
        var node = Get(obj, name);
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.TryGetValue(out bool b) ? b : throw new ScenarioException($"{path}.{name}", $"must be true or false, not {Describe(node)}");
    }

    public static TimeSpan? Duration(JsonObject obj, string name, string path)
    {
        var node = Get(obj, name);
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.TryGetValue(out string? s) && IsoDuration.TryParse(s, out var value)
            ? value
            : throw new ScenarioException($"{path}.{name}", DurationError(node, "such as PT5M"));
    }

    /// <summary>An ISO 8601 date-time with a UTC offset or <c>Z</c> (e.g. <c>2026-01-01T00:00:00Z</c>), as UTC.</summary>
    public static DateTimeOffset? DateTime(JsonObject obj, string name, string path)
    {
        var node = Get(obj, name);
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.TryGetValue(out string? s) && IsDateTimeWithOffset(s)
            && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var value)
            ? value.ToUniversalTime()
            : throw new ScenarioException($"{path}.{name}", $"must be an ISO 8601 date-time with an offset such as 2026-01-01T00:00:00Z, not {Describe(node)}");
    }

    public static Distribution Distribution(JsonNode node, string path)
    {
        if (node is JsonObject o)
        {
            OnlyFields(o, path, "mean", "jitter");
            var mean = Duration(o, "mean", path) ?? throw new ScenarioException($"{path}.mean", "is required");
            var jitter = Duration(o, "jitter", path) ?? TimeSpan.Zero;
            return jitter > mean
                ? throw new ScenarioException($"{path}.jitter", $"{IsoDuration.Format(jitter)} is larger than the mean {IsoDuration.Format(mean)}")
                : new Distribution(mean, jitter);
        }

        return node is JsonValue v && v.TryGetValue(out string? s) && IsoDuration.TryParse(s, out var value)
            ? Domain.Time.Distribution.Fixed(value)
            : throw new ScenarioException(path, DurationError(node, "such as PT3M or { \"mean\": \"PT3M\", \"jitter\": \"PT30S\" }"));
    }

    /// <summary>Why a node is not a duration: not one at all, or longer than <see cref="IsoDuration.Maximum"/>.</summary>
    private static string DurationError(JsonNode node, string example) =>
        node is JsonValue v && v.TryGetValue(out string? s) && IsoDuration.IsBeyondMaximum(s)
            ? IsoDuration.BeyondMaximumMessage(s)
            : $"must be an ISO 8601 duration {example}, not {Describe(node)}";

    public static IReadOnlyList<string> Strings(JsonObject obj, string name, string path)
    {
        var node = Get(obj, name);
        if (node is null)
        {
            return [];
        }

        var array = Array(node, $"{path}.{name}");
        var list = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            list.Add(array[i] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0
                ? s
                : throw new ScenarioException($"{path}.{name}[{i}]", $"must be a non-empty string, not {Describe(array[i])}"));
        }

        return list;
    }

    /// <summary>yyyy-MM-ddTHH:mm[:ss[.f…]] followed by Z or ±hh:mm: nothing looser (no bare dates, no local times).</summary>
    private static bool IsDateTimeWithOffset(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static string Describe(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.String => $"'{node.GetValue<string>()}'",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => node.ToJsonString(),
    };
}
