using System.Globalization;
using System.Text.Json.Nodes;

namespace VmssGrains.Domain.Azure;

/// <summary>The shape checks of <see cref="ResourceEditor"/>: naming into an object, indexing into a list, filters, and the details of their errors.</summary>
internal sealed partial class ResourceEditor
{
    /// <summary>Step <paramref name="i"/> names a property: the position must be an object (or absent, where the schema allows one).</summary>
    private void RequireObject(ResourcePosition position, ResourcePath path, int i)
    {
        var at = path.Prefix(i);
        switch (position.Node)
        {
            case JsonObject:
                return;
            case JsonArray:
                throw NotFound(path, $"{at} is a list: index it with [n] or [key=value]");
            case JsonValue value:
                throw NotFound(path, $"{at} is {Describe(value)}, not an object");
            default:
                break;
        }

        switch (position.Schema.Kind)
        {
            case SchemaKind.Array:
                throw NotFound(path, $"{at} is a list: index it with [n] or [key=value]");
            case SchemaKind.Scalar:
                throw NotFound(path, $"{at} holds a single value, not an object");
            default:
                return;
        }
    }

    /// <summary>Step <paramref name="i"/> indexes or filters: the position must be a list (an absent one has no elements).</summary>
    private void RequireList(ResourcePosition position, ResourcePath path, int i)
    {
        var at = path.Prefix(i);
        switch (position.Node)
        {
            case JsonArray:
                return;
            case JsonObject:
                throw NotFound(path, $"{at} is an object, not a list: name one of its properties");
            case JsonValue value:
                throw NotFound(path, $"{at} is {Describe(value)}, not a list");
            default:
                break;
        }

        switch (position.Schema.Kind)
        {
            case SchemaKind.Object or SchemaKind.Map:
                throw NotFound(path, $"{at} is an object, not a list: name one of its properties");
            case SchemaKind.Scalar:
                throw NotFound(path, $"{at} holds a single value, not a list");
            default:
                return;
        }
    }

    /// <summary>The index of the one element that step <paramref name="i"/>, <c>[key=value]</c>, selects.</summary>
    private int Filter(ResourcePosition list, ResourcePath path, int i)
    {
        var step = path.Steps[i];
        var at = path.Prefix(i);
        var elements = list.Item(-1, $"{at}[]");
        var key = step.FilterKey!;
        var resolved = elements.Resolve(key) ?? throw NotFound(path, $"the elements of {at} have no property '{key}'; they have: {string.Join(", ", elements.AzNames())}");
        var wanted = ParseValue(step.FilterValue!);
        var array = (list.Node as JsonArray) ?? [];
        var matches = Enumerable.Range(0, array.Count).Where(n =>
        {
            var holder = resolved.Wrapper is null ? array[n] as JsonObject : ResourcePosition.Value(array[n] as JsonObject, resolved.Wrapper.Key) as JsonObject;
            var value = ResourcePosition.Value(holder, resolved.Target.Key);
            return JsonNode.DeepEquals(value, wanted) || (value is JsonValue v && v.TryGetValue(out string? s) && s == step.FilterValue);
        }).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw NotFound(path, $"no element of {at} has {key} = {step.FilterValue}"),
            _ => throw NotFound(path, $"{matches.Count.ToString(CultureInfo.InvariantCulture)} elements of {at} have {key} = {step.FilterValue}: the filter must select one"),
        };
    }

    /// <summary>What is known at <paramref name="position"/>, for a name that is not.</summary>
    private static string Has(ResourcePosition position, string at)
    {
        var names = position.AzNames();
        var what = at.Length == 0 ? "the scale set" : at;
        return names.Count == 0 ? $"the simulator knows no properties of {what}" : $"{what} has: {string.Join(", ", names)}";
    }

    private static string Elements(string at, int count) => count switch
    {
        0 => $"{at} has no elements",
        1 => $"{at} has 1 element",
        _ => $"{at} has {count.ToString(CultureInfo.InvariantCulture)} elements",
    };
}
