using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// Values of <see cref="ResourceEditor"/>: a value given in az's flattened form is put in the REST shape (its members
/// moved into their <c>properties</c> wrapper), and every member of it must be known where it lands.
/// </summary>
internal sealed partial class ResourceEditor
{
    /// <summary><paramref name="value"/> in the REST shape for <paramref name="position"/>; null for JSON null.</summary>
    private JsonNode? Convert(JsonNode? value, ResourcePosition position)
    {
        if (value is null || Describe(value) == "null")
        {
            return null;
        }

        var expected = position.Schema.Kind switch
        {
            SchemaKind.Any => null,
            SchemaKind.Map or SchemaKind.Object => "an object",
            SchemaKind.Array => "a list",
            SchemaKind.Scalar => "a single value",
            _ => (position.Node ?? (position.Witnesses.Count > 0 ? position.Witnesses[0] : null)) switch
            {
                JsonObject => "an object",
                JsonArray => "a list",
                JsonValue => "a single value",
                _ => null,
            },
        };

        var given = value switch { JsonObject => "an object", JsonArray => "a list", _ => "a single value" };
        if (expected is not null && expected != given)
        {
            throw Error($"'{position.Path}' takes {expected} in scale set '{scaleSetName}', not {Describe(value)}");
        }

        return value switch
        {
            _ when position.Schema.Kind == SchemaKind.Any => value.DeepClone(),
            JsonObject obj => ConvertObject(obj, position),
            JsonArray array => new JsonArray([.. array.Select((item, i) => Convert(item, position.Item(i, $"{position.Path}[{i}]")))]),

            // A number or boolean where Azure's schema says string is sent as its text, as az's SDK serialises it (typeHandlerVersion=2.1).
            JsonValue scalar when position.Schema.ScalarType == "string" && Describe(scalar) is "a number" or "a boolean" => JsonValue.Create(scalar.ToJsonString()),
            _ => value.DeepClone(),
        };
    }

    private JsonObject ConvertObject(JsonObject value, ResourcePosition position)
    {
        var result = new JsonObject(ScaleSetModelReader.NodeOptions);
        foreach (var (name, member) in value)
        {
            var path = position.Path.Length == 0 ? name : $"{position.Path}.{name}";
            var resolved = position.Resolve(name) ?? throw NotFound(path, Has(position, position.Path));
            if (resolved.Target.ReadOnly)
            {
                // Azure ignores read-only properties in a request body (az show output pasted back carries them).
                continue;
            }

            var into = result;
            var holder = position;
            if (resolved.Wrapper is { } wrapper)
            {
                holder = position.Child(wrapper, position.Path);
                into = ResourcePosition.Value(result, wrapper.Key) as JsonObject ?? new JsonObject(ScaleSetModelReader.NodeOptions);
                ResourcePosition.SetMember(result, wrapper.Key, into);
            }

            var converted = Convert(member, holder.Child(resolved.Target, path));
            if (converted is JsonObject add && ResourcePosition.Value(into, resolved.Target.Key) is JsonObject existing)
            {
                // Both forms in one value: the wrapper given whole and some of its members flattened.
                foreach (var (key, inner) in add.ToList())
                {
                    add.Remove(key);
                    ResourcePosition.SetMember(existing, key, inner);
                }
            }
            else
            {
                // A JSON null member is kept as given: the value replaces what is there whole.
                ResourcePosition.SetMember(into, resolved.Target.Key, converted);
            }
        }

        return result;
    }

    /// <summary>
    /// The elements an <c>--add</c> appends, as az reads its values: consecutive key=value pairs make one object; any
    /// other value (JSON when it parses, a string otherwise) is an element of its own.
    /// </summary>
    private List<JsonNode?> Items(IEnumerable<string> values)
    {
        var items = new List<JsonNode?>();
        JsonObject? pairs = null;
        foreach (var value in values)
        {
            if (IsPair(value))
            {
                var equals = value.IndexOf('=', StringComparison.Ordinal);
                pairs ??= new JsonObject(ScaleSetModelReader.NodeOptions);
                pairs[value[..equals]] = ParseValue(value[(equals + 1)..]);
                continue;
            }

            if (pairs is not null)
            {
                items.Add(pairs);
                pairs = null;
            }

            items.Add(ParseValue(value));
        }

        if (pairs is not null)
        {
            items.Add(pairs);
        }

        return items;
    }

    /// <summary>A key=value pair, not a JSON object, list or string that happens to contain '='.</summary>
    private static bool IsPair(string value) =>
        value.IndexOf('=', StringComparison.Ordinal) > 0 && value.TrimStart() is { Length: > 0 } t && t[0] is not ('{' or '[' or '"');
}
