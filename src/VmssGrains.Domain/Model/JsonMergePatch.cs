using System.Text.Json;
using System.Text.Json.Nodes;

namespace VmssGrains.Domain.Model;

/// <summary>JSON merge patch (RFC 7386), the semantics of Azure's PATCH: objects merge, null removes, anything else replaces.</summary>
public static class JsonMergePatch
{
    /// <summary>Returns <paramref name="target"/> patched by <paramref name="patch"/>; neither input is changed.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject(ScaleSetModelReader.NodeOptions);
        foreach (var (name, value) in patchObject)
        {
            if (value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.Null))
            {
                result.Remove(name);
                continue;
            }

            // Replaced in place: a member keeps its position, so re-sending a value changes nothing.
            result.TryGetPropertyValue(name, out var existing);
            result[name] = Apply(existing, value);
        }

        return result;
    }

    /// <summary>
    /// The merge patch that takes <paramref name="original"/> to <paramref name="edited"/>:
    /// <c>Apply(original, Difference(original, edited))</c> equals <paramref name="edited"/>. Objects are compared member by
    /// member (names in any case, as Azure's); a member that is gone becomes null; arrays and other values that differ
    /// are taken whole. Members whose value is JSON null count as absent (a merge patch cannot set null). Two objects
    /// that are equal give an empty object; when either side is not an object the patch is <paramref name="edited"/> itself.
    /// Neither input is changed.
    /// </summary>
    public static JsonNode? Difference(JsonNode? original, JsonNode? edited)
    {
        if (original is not JsonObject before || edited is not JsonObject after)
        {
            return edited?.DeepClone();
        }

        var patch = new JsonObject(ScaleSetModelReader.NodeOptions);
        foreach (var (name, value) in before)
        {
            if (!IsNull(value) && IsNull(Find(after, name)))
            {
                patch[name] = null;
            }
        }

        foreach (var (name, value) in after)
        {
            var old = Find(before, name);
            if (IsNull(value) || JsonNode.DeepEquals(old, value))
            {
                continue;
            }

            patch[name] = old is JsonObject && value is JsonObject ? Difference(old, value) : value!.DeepClone();
        }

        return patch;
    }

    private static bool IsNull(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    private static JsonNode? Find(JsonObject obj, string name)
    {
        if (obj.TryGetPropertyValue(name, out var value))
        {
            return value;
        }

        return obj.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
