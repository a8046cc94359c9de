using System.Globalization;
using System.Text.Json.Nodes;

namespace VmssGrains.Domain.Model;

/// <summary>The scale set's Azure resource document: normalised on the way in, completed with read-only properties on the way out.</summary>
public static class ResourceDocument
{
    /// <summary>The subscription every simulated resource id uses.</summary>
    public const string Subscription = "00000000-0000-0000-0000-000000000000";

    /// <summary>The resource group every simulated resource id uses.</summary>
    public const string ResourceGroup = "vmss-sim";

    /// <summary>The location given to a scale set whose resource names none (Azure requires one).</summary>
    public const string DefaultLocation = "eastus";

    /// <summary>The resource id of a scale set whose resource gives none (in the simulated subscription and resource group).</summary>
    public static string Id(string name) =>
        $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}/providers/Microsoft.Compute/virtualMachineScaleSets/{name}";

    /// <summary>
    /// The resource id a scale set's outputs echo: the resource's own <c>id</c> when it names this scale set (as
    /// <c>az vmss show</c> output does), otherwise <see cref="Id"/>.
    /// </summary>
    public static string IdOf(JsonObject resource, string name) =>
        JsonFields.Get(resource, "id") is JsonValue v && v.TryGetValue(out string? id)
            && id.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)
            && id.EndsWith($"/virtualMachineScaleSets/{name}", StringComparison.OrdinalIgnoreCase)
            ? id
            : Id(name);

    /// <summary>
    /// A resource with <c>name</c>, <c>type</c>, <c>sku</c> and <c>properties</c>. A bare properties object
    /// (the vmss-properties output of <c>az vmss create</c>) is wrapped.
    /// </summary>
    public static JsonObject Normalise(JsonObject input, string name)
    {
        var isResource = JsonFields.Get(input, "properties") is not null || JsonFields.Get(input, "sku") is not null;
        var resource = isResource ? (JsonObject)input.DeepClone() : new JsonObject(ScaleSetModelReader.NodeOptions) { ["properties"] = input.DeepClone() };
        resource["name"] = name;
        resource["type"] = "Microsoft.Compute/virtualMachineScaleSets";
        if (JsonFields.Get(resource, "location") is null)
        {
            resource["location"] = DefaultLocation;
        }

        return resource;
    }

    /// <summary>
    /// What an update may not change in an existing scale set (PUT or PATCH): its <c>location</c> (Azure:
    /// <c>PropertyChangeNotAllowed</c>, "Changing property 'location' is not allowed.") and its <c>sku</c>, which it may
    /// change but not remove. Null when <paramref name="updated"/> may replace <paramref name="current"/>.
    /// </summary>
    public static ValidationError? UpdateProblem(JsonObject current, JsonObject updated)
    {
        static string? Location(JsonObject resource) =>
            JsonFields.Get(resource, "location") is JsonValue v && v.TryGetValue(out string? s) ? s.Replace(" ", "", StringComparison.Ordinal) : null;

        if (Location(updated) is { } to && Location(current) is { } from && !string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            return new ValidationError("PropertyChangeNotAllowed", "location", $"Changing property 'location' is not allowed (the scale set is in '{from}', the update says '{to}').");
        }

        return JsonFields.Get(current, "sku") is JsonObject && JsonFields.Get(updated, "sku") is not JsonObject
            ? ValidationError.InvalidParameter("sku", "is required: a scale set's sku can be changed, not removed")
            : null;
    }

    /// <summary>Sets <c>sku.capacity</c>.</summary>
    public static JsonObject WithCapacity(JsonObject resource, int capacity)
    {
        var copy = (JsonObject)resource.DeepClone();
        if (copy["sku"] is not JsonObject sku)
        {
            sku = new JsonObject(ScaleSetModelReader.NodeOptions) { ["name"] = "Standard_D2s_v3", ["tier"] = "Standard" };
            copy["sku"] = sku;
        }

        sku["capacity"] = capacity;
        return copy;
    }

    /// <summary>The document as Azure returns it: id, read-only properties, the current capacity.</summary>
    public static JsonObject Render(JsonObject resource, string name, int capacity, string provisioningState, string uniqueId, DateTimeOffset timeCreated)
    {
        var copy = WithCapacity(resource, capacity);
        copy["id"] = IdOf(resource, name);
        if (copy["properties"] is not JsonObject properties)
        {
            properties = new JsonObject(ScaleSetModelReader.NodeOptions);
            copy["properties"] = properties;
        }

        properties["provisioningState"] = provisioningState;
        properties["uniqueId"] = uniqueId;
        properties["timeCreated"] = timeCreated.ToString("O", CultureInfo.InvariantCulture);
        return copy;
    }
}
