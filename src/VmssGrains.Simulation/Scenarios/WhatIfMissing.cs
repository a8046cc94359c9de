using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Model;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>
/// What a what-if's scale set document leaves out and the scenario fills in, one sentence each: the name (REST
/// examples say <c>{vmss-name}</c>, <c>az vmss create</c>'s properties have none), the capacity (no <c>sku</c>) and the
/// location. The values are those <see cref="ScaleSetDocument.SuggestedName"/> and <see cref="ScaleSetModelReader"/> give.
/// </summary>
internal static class WhatIfMissing
{
    /// <summary>The sentences for <paramref name="document"/>, read as <paramref name="model"/>; empty when it says all three.</summary>
    public static IReadOnlyList<string> Describe(ScaleSetDocument document, ScaleSetModel model)
    {
        var resource = document.Resource;
        var result = new List<string>();
        var name = resource["name"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        if (!ScaleSetDocument.IsValidName(name))
        {
            result.Add(name is null
                ? $"name: the document names no scale set, so it is named after the file: {model.Name}"
                : $"name: the document's name '{name}' is no scale set name (a placeholder), so it is named after the file: {model.Name}");
        }

        if (resource["sku"] is not JsonObject sku || sku["capacity"] is null)
        {
            result.Add(string.Create(CultureInfo.InvariantCulture, $"capacity: the document has no sku.capacity (az vmss create prints the properties only), so {model.Capacity} instances, as create gives a scale set without one"));
        }

        if (resource["location"] is null)
        {
            result.Add($"location: the document has none, so {model.Location}, the simulator's default");
        }

        return result;
    }
}
