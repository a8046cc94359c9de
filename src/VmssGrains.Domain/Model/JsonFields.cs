using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.Model;

/// <summary>Typed reads of an Azure JSON document that collect one <see cref="ValidationError"/> per bad property.</summary>
internal sealed class JsonFields(List<ValidationError> errors)
{
    public List<ValidationError> Errors { get; } = errors;

    public static JsonObject? Object(JsonNode? parent, string name) => parent is JsonObject o && o.TryGetPropertyValue(name, out var v) ? v as JsonObject : null;

    public static JsonArray? Array(JsonNode? parent, string name) => parent is JsonObject o && o.TryGetPropertyValue(name, out var v) ? v as JsonArray : null;

    public string? String(JsonNode? parent, string name, string path)
    {
        var node = Get(parent, name);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue(out string? s))
        {
            return s;
        }

        Errors.Add(ValidationError.InvalidParameter(path, $"must be a string, not {Describe(node)}"));
        return null;
    }

    public bool? Bool(JsonNode? parent, string name, string path)
    {
        var node = Get(parent, name);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v)
        {
            if (v.TryGetValue(out bool b))
            {
                return b;
            }

            // PowerShell and ARM templates sometimes write "true"/"false" as strings.
            if (v.TryGetValue(out string? s) && bool.TryParse(s, out b))
            {
                return b;
            }
        }

        Errors.Add(ValidationError.InvalidParameter(path, $"must be true or false, not {Describe(node)}"));
        return null;
    }

    public int? Int(JsonNode? parent, string name, string path, int min, int max)
    {
        var node = Get(parent, name);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && TryGetInteger(v, out var value))
        {
            if (value < min || value > max)
            {
                Errors.Add(ValidationError.InvalidParameter(path, $"{value} is out of range: allowed {min}–{max}"));
                return null;
            }

            return (int)value;
        }

        Errors.Add(ValidationError.InvalidParameter(path, $"must be an integer in {min}–{max}, not {Describe(node)}"));
        return null;
    }

    /// <summary>An integer from parsed JSON or from a value built in code (int, long, integral double), or a numeric string.</summary>
    private static bool TryGetInteger(JsonValue v, out long value)
    {
        if (v.TryGetValue(out value))
        {
            return true;
        }

        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }

        if (v.TryGetValue(out double d) && d == Math.Floor(d) && d is >= long.MinValue and <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }

        return v.TryGetValue(out string? s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    public double? Probability(JsonNode? parent, string name, string path)
    {
        var node = Get(parent, name);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue(out double value))
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                Errors.Add(ValidationError.InvalidParameter(path, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range: allowed 0–1"));
                return null;
            }

            return value;
        }

        Errors.Add(ValidationError.InvalidParameter(path, $"must be a number in 0–1, not {Describe(node)}"));
        return null;
    }

    public TimeSpan? Duration(JsonNode? parent, string name, string path, TimeSpan? min = null, TimeSpan? max = null)
    {
        var text = String(parent, name, path);
        if (text is null)
        {
            return null;
        }

        if (!IsoDuration.TryParse(text, out var value))
        {
            Errors.Add(ValidationError.InvalidParameter(path, IsoDuration.IsBeyondMaximum(text) ? IsoDuration.BeyondMaximumMessage(text) : $"'{text}' is not an ISO 8601 duration such as PT5M"));
            return null;
        }

        if ((min is { } lo && value < lo) || (max is { } hi && value > hi))
        {
            Errors.Add(ValidationError.InvalidParameter(path, $"{text} is out of range: allowed {IsoDuration.Format(min ?? TimeSpan.Zero)}–{(max is { } m ? IsoDuration.Format(m) : "any")}"));
            return null;
        }

        return value;
    }

    /// <summary>A duration distribution: an ISO 8601 duration or <c>{ "mean": ..., "jitter": ... }</c>.</summary>
    public Distribution? Distribution(JsonNode? parent, string name, string path)
    {
        var node = Get(parent, name);
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                foreach (var (key, _) in o)
                {
                    if (key is not ("mean" or "jitter"))
                    {
                        Errors.Add(ValidationError.InvalidParameter($"{path}.{key}", "unknown field: a duration is an ISO 8601 text or { \"mean\": ..., \"jitter\": ... }"));
                    }
                }

                var mean = Duration(o, "mean", $"{path}.mean");
                var jitter = Duration(o, "jitter", $"{path}.jitter") ?? TimeSpan.Zero;
                if (mean is null)
                {
                    if (Get(o, "mean") is null)
                    {
                        Errors.Add(ValidationError.InvalidParameter($"{path}.mean", "is required"));
                    }

                    return null;
                }

                return new Distribution(mean.Value, jitter);
            default:
                var fixedValue = Duration(parent, name, path);
                return fixedValue is null ? null : Time.Distribution.Fixed(fixedValue.Value);
        }
    }

    public T? Enum<T>(JsonNode? parent, string name, string path)
        where T : struct, Enum
    {
        var text = String(parent, name, path);
        if (text is null)
        {
            return null;
        }

        // One name only: Enum.TryParse would also combine "Manual, Rolling" and accept numbers.
        if (!text.Contains(',', StringComparison.Ordinal) && !int.TryParse(text, out _)
            && System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value))
        {
            return value;
        }

        Errors.Add(ValidationError.InvalidParameter(path, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}"));
        return null;
    }

    public static JsonNode? Get(JsonNode? parent, string name) =>
        parent is JsonObject o && o.TryGetPropertyValue(name, out var v) && v is not null && !(v is JsonValue jv && jv.GetValueKind() == JsonValueKind.Null) ? v : null;

    public static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => $"'{node.GetValue<string>()}'",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => node.ToJsonString(),
    };
}
