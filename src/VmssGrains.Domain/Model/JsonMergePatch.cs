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
}
