using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.Tests;

/// <summary>
/// A small validator for the Swagger 2.0 extracts in <c>tests/fixtures/azure/schema</c>: enough of the spec's dialect to check
/// that JSON we print has Azure's shape. It resolves local <c>$ref</c>s (<c>#/definitions/X</c> and
/// <c>./computeRPCommon.json#/definitions/X</c>) and checks <c>type</c>, <c>enum</c> (case-sensitive; an
/// <c>x-ms-enum</c> with <c>modelAsString: true</c> is extensible), <c>format</c> (date-time, duration, int32, int64),
/// <c>minimum</c>/<c>maximum</c> and <c>required</c>; <c>readOnly</c> is ignored. What the extracts cannot decide is
/// not guessed: a <c>$ref</c> to a file or definition that was not extracted accepts anything (listed in
/// <see cref="SchemaReport.AcceptedAsAny"/>), and a member of an object whose definition is marked <c>x-trimmed</c> or
/// inherits (<c>allOf</c>) from a definition that was not extracted is listed in <see cref="SchemaReport.Unverified"/>.
/// Members of a fully known object that the schema does not define are listed in <see cref="SchemaReport.Unknown"/>.
/// JSON null counts as an absent value (Azure's own examples print <c>"rdpThumbPrint": null</c>), except for a required member.
/// </summary>
internal sealed partial class SwaggerSchema
{
    private readonly Dictionary<string, JsonObject> files;
    private readonly string main;

    private SwaggerSchema(Dictionary<string, JsonObject> files, string main)
    {
        this.files = files;
        this.main = main;
    }

    /// <summary>Loads the extracts; <paramref name="files"/>[0] is the one whose definitions <see cref="Validate"/> names.</summary>
    public static SwaggerSchema Load(string directory, params string[] files) =>
        new(files.ToDictionary(f => f, f => JsonNode.Parse(File.ReadAllText(Path.Combine(directory, f)))!.AsObject(), StringComparer.Ordinal), files[0]);

    /// <summary>Validates <paramref name="value"/> against <c>definitions/<paramref name="definition"/></c> of the main file.</summary>
    public SchemaReport Validate(JsonNode? value, string definition)
    {
        if (!Definitions(main).ContainsKey(definition))
        {
            throw new ArgumentException($"{main} has no definition '{definition}'", nameof(definition));
        }

        // Checked as a client receives it: serialised and parsed again.
        var wire = value is null ? null : JsonNode.Parse(value.ToJsonString());
        var report = new SchemaReport();
        Check(wire, new JsonObject { ["$ref"] = $"#/definitions/{definition}" }, main, "$", report);
        return report;
    }

    private JsonObject Definitions(string file) => files[file]["definitions"]!.AsObject();

    /// <summary>Follows <c>$ref</c>s; null with the reason when the target was not extracted.</summary>
    private (JsonObject? Schema, string File, string? Missing) Resolve(JsonObject schema, string file)
    {
        for (var hops = 0; schema["$ref"] is JsonValue r && r.TryGetValue(out string? reference); hops++)
        {
            if (hops > 32)
            {
                throw new InvalidOperationException($"$ref loop at {reference}");
            }

            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            var location = hash < 0 ? reference : reference[..hash];
            var target = location.Length == 0 ? file : location.StartsWith("./", StringComparison.Ordinal) ? location[2..] : location;
            var pointer = hash < 0 ? "" : reference[(hash + 1)..];
            const string prefix = "/definitions/";
            if (!files.ContainsKey(target) || !pointer.StartsWith(prefix, StringComparison.Ordinal)
                || !Definitions(target).TryGetPropertyValue(pointer[prefix.Length..], out var next) || next is not JsonObject nextSchema)
            {
                return (null, file, reference);
            }

            schema = nextSchema;
            file = target;
        }

        return (schema, file, null);
    }

    private void Check(JsonNode? node, JsonObject schemaRef, string fileRef, string path, SchemaReport report)
    {
        var (schema, file, missing) = Resolve(schemaRef, fileRef);
        if (schema is null)
        {
            report.AcceptedAsAny.Add($"{path} -> {missing}");
            return;
        }

        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return;
        }

        var type = schema["type"]?.GetValue<string>() ?? (schema["properties"] is not null || schema["allOf"] is not null ? "object" : null);
        switch (type)
        {
            case "object":
                CheckObject(node, schema, file, path, report);
                break;
            case "array":
                if (node is not JsonArray array)
                {
                    report.Errors.Add($"{path}: expected an array, found {Kind(node)}");
                    break;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    if (schema["items"] is JsonObject items)
                    {
                        Check(array[i], items, file, $"{path}[{i}]", report);
                    }
                }

                break;
            case "string":
                CheckString(node, schema, path, report);
                break;
            case "integer" or "number":
                CheckNumber(node, schema, type, path, report);
                break;
            case "boolean":
                if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    report.Errors.Add($"{path}: expected a boolean, found {Kind(node)}");
                }

                break;
            default:
                break; // no type: anything goes (the spec leaves some members untyped, e.g. osDisk.createOption)
        }
    }

    private void CheckObject(JsonNode node, JsonObject schema, string file, string path, SchemaReport report)
    {
        if (node is not JsonObject obj)
        {
            report.Errors.Add($"{path}: expected an object, found {Kind(node)}");
            return;
        }

        var properties = new Dictionary<string, (JsonObject Schema, string File)>(StringComparer.Ordinal);
        var required = new List<string>();
        var open = new List<string>();
        Collect(schema, file, properties, required, open);

        foreach (var (name, value) in obj)
        {
            var member = path == "$" ? name : $"{path}.{name}";
            if (properties.TryGetValue(name, out var property))
            {
                Check(value, property.Schema, property.File, member, report);
            }
            else if (open.Count > 0)
            {
                report.Unverified.Add($"{member} ({string.Join("; ", open)})");
            }
            else
            {
                report.Unknown.Add(member);
            }
        }

        foreach (var name in required)
        {
            if (!obj.TryGetPropertyValue(name, out var value) || value is null || value.GetValueKind() == JsonValueKind.Null)
            {
                report.Errors.Add($"{(path == "$" ? name : $"{path}.{name}")}: is required");
            }
        }
    }

    /// <summary>The members an object may have: its own and those of its resolvable <c>allOf</c> bases.</summary>
    private void Collect(JsonObject schema, string file, Dictionary<string, (JsonObject, string)> properties, List<string> required, List<string> open)
    {
        if (schema["x-trimmed"] is JsonValue trimmed)
        {
            open.Add($"definition trimmed: {trimmed.GetValue<string>()}");
        }

        foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
        {
            properties[name] = ((JsonObject)property!, file);
        }

        required.AddRange((schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()));
        foreach (var part in schema["allOf"] as JsonArray ?? [])
        {
            var (baseSchema, baseFile, missing) = Resolve((JsonObject)part!, file);
            if (baseSchema is null)
            {
                open.Add($"inherits {missing}, not extracted");
            }
            else
            {
                Collect(baseSchema, baseFile, properties, required, open);
            }
        }
    }

    private static void CheckString(JsonNode node, JsonObject schema, string path, SchemaReport report)
    {
        if (node.GetValueKind() != JsonValueKind.String)
        {
            report.Errors.Add($"{path}: expected a string, found {Kind(node)}");
            return;
        }

        var text = node.GetValue<string>();
        var extensible = schema["x-ms-enum"]?["modelAsString"]?.GetValue<bool>() == true;
        if (schema["enum"] is JsonArray values && !extensible && !values.Any(v => v!.GetValue<string>() == text))
        {
            report.Errors.Add($"{path}: '{text}' is not one of {string.Join(", ", values.Select(v => v!.GetValue<string>()))}");
        }

        switch (schema["format"]?.GetValue<string>())
        {
            case "date-time" when !IsDateTime(text):
                report.Errors.Add($"{path}: '{text}' is not an ISO 8601 date-time");
                break;
            case "duration" when !IsoDuration.TryParse(text, out _):
                report.Errors.Add($"{path}: '{text}' is not an ISO 8601 duration");
                break;
            default:
                break;
        }
    }

    private static void CheckNumber(JsonNode node, JsonObject schema, string type, string path, SchemaReport report)
    {
        if (node.GetValueKind() != JsonValueKind.Number)
        {
            report.Errors.Add($"{path}: expected {(type == "integer" ? "an integer" : "a number")}, found {Kind(node)}");
            return;
        }

        var element = node.GetValue<JsonElement>();
        var value = element.GetDouble();
        if (type == "integer")
        {
            var fits = schema["format"]?.GetValue<string>() == "int32" ? element.TryGetInt32(out _) : element.TryGetInt64(out _);
            if (!fits)
            {
                report.Errors.Add($"{path}: {element.GetRawText()} is not an integer{(schema["format"] is { } f ? $" ({f})" : "")}");
                return;
            }
        }

        if ((schema["minimum"] is JsonValue min && value < min.GetValue<double>()) || (schema["maximum"] is JsonValue max && value > max.GetValue<double>()))
        {
            report.Errors.Add($"{path}: {element.GetRawText()} is outside {schema["minimum"]?.ToJsonString() ?? "-inf"}..{schema["maximum"]?.ToJsonString() ?? "inf"}");
        }
    }

    private static bool IsDateTime(string text) =>
        DateTimeRegex().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => $"the string '{node.GetValue<string>()}'",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimeRegex();
}
