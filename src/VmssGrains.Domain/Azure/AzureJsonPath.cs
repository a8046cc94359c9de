using System.Text.Json;
using System.Text.Json.Nodes;

namespace VmssGrains.Domain.Azure;

/// <summary>Property lookups that ignore the case of names (ARM and PowerShell do), whatever options the tree was parsed with.</summary>
internal static class AzureJsonPath
{
    /// <summary>The member named <paramref name="name"/> (any case), including a JSON null; false when there is none.</summary>
    public static bool Find(JsonObject? obj, string name, out JsonNode? value)
    {
        value = null;
        if (obj is null)
        {
            return false;
        }

        if (obj.TryGetPropertyValue(name, out value))
        {
            return true;
        }

        foreach (var (key, node) in obj)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = node;
                return true;
            }
        }

        return false;
    }

    /// <summary>The member's value, or null when it is missing or JSON null.</summary>
    public static JsonNode? Get(JsonNode? parent, string name) =>
        Find(parent as JsonObject, name, out var value) && value is not null && !(value is JsonValue v && v.GetValueKind() == JsonValueKind.Null) ? value : null;

    /// <summary>The member's string value, or null.</summary>
    public static string? String(JsonNode? parent, string name) =>
        Get(parent, name) is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
