using System.Text.Json.Nodes;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// The Azure CLI's flattened form of a scale set, and its REST form. <c>az vmss show</c> and <c>az vmss create</c>
/// print a scale set as the Python SDK models it: every <c>properties</c> wrapper that the REST schema marks
/// <c>x-ms-client-flatten</c> is dissolved into the object holding it (<c>upgradePolicy</c>, <c>virtualMachineProfile</c>,
/// <c>orchestrationMode</c>, <c>provisioningState</c> next to <c>id</c> and <c>sku</c>; a network interface
/// configuration's <c>primary</c> next to its <c>name</c>; an extension's <c>publisher</c> next to its <c>name</c>, its
/// <c>properties.type</c> renamed <c>typePropertiesType</c> because it clashes with the resource <c>type</c>), and
/// az adds <c>resourceGroup</c>. <see cref="ToRest"/> puts the wrappers back, so the document reads as the REST API
/// prints it; members az prints as null (not set) are left out, as the REST API leaves them out; read-only members (<c>provisioningState</c>, <c>uniqueId</c>, <c>timeCreated</c>) land where the REST
/// form has them and are ignored as they are there.
/// </summary>
internal static class AzCliShape
{
    /// <summary>
    /// Members of the resource envelope, which the REST form keeps outside <c>properties</c>: those of
    /// <see cref="ResourceSchema.ScaleSet"/> other than the wrapper, and ARM's tracked-resource members that the trimmed
    /// extracts leave out.
    /// </summary>
    private static readonly HashSet<string> Envelope = new(
        ResourceSchema.ScaleSet.Members.Where(m => !m.Flattened).Select(m => m.Name)
            .Concat(["id", "name", "type", "location", "tags", "sku", "zones", "etag", "plan", "identity", "extendedLocation", "systemData", "managedBy", "placement"]),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>What az adds to every resource it prints and the REST API does not have (the id names the group too); dropped.</summary>
    private const string ResourceGroup = "resourceGroup";

    /// <summary>Maps whose content is the user's, not the schema's: their nulls are values.</summary>
    private static readonly HashSet<string> FreeForm = new(["tags", "settings", "protectedSettings", "simulation"], StringComparer.OrdinalIgnoreCase);

    /// <summary>az's name for an extension's <c>properties.type</c>.</summary>
    private const string TypePropertiesType = "typePropertiesType";

    /// <summary>
    /// A scale set in az's flattened form: no <c>properties</c> object, a <c>virtualMachineProfile</c> or an
    /// <c>upgradePolicy</c> object at the top, and no <c>type</c> or the scale set's. With no envelope member at all it
    /// is the bare properties object (<see cref="HasEnvelope"/>).
    /// </summary>
    public static bool IsFlattened(JsonObject document) =>
        AzureJsonPath.Get(document, "properties") is not JsonObject
        && (AzureJsonPath.Get(document, "virtualMachineProfile") is JsonObject || AzureJsonPath.Get(document, "upgradePolicy") is JsonObject)
        && (AzureJsonPath.String(document, "type") is not { } type || type.Equals(AzureDocuments.ScaleSetType, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="document"/> carries a member of the resource envelope (<c>id</c>, <c>name</c>, <c>sku</c>, ...).</summary>
    public static bool HasEnvelope(JsonObject document) => document.Any(p => Envelope.Contains(p.Key));

    /// <summary>
    /// The REST form of a flattened scale set (<see cref="IsFlattened"/>): envelope members stay, <c>resourceGroup</c> is
    /// dropped, every other member goes under <c>properties</c>; inside the profile, network interface and IP
    /// configurations and extensions without a <c>properties</c> object get theirs back. A new tree.
    /// </summary>
    public static JsonObject ToRest(JsonObject document)
    {
        var resource = new JsonObject();
        var properties = new JsonObject();
        foreach (var (key, value) in document)
        {
            if (Envelope.Contains(key))
            {
                resource[key] = value?.DeepClone();
            }
            else if (!key.Equals(ResourceGroup, StringComparison.OrdinalIgnoreCase))
            {
                properties[key] = value?.DeepClone();
            }
        }

        var profile = AzureJsonPath.Get(properties, "virtualMachineProfile");
        foreach (var nic in Items(AzureJsonPath.Get(profile, "networkProfile"), "networkInterfaceConfigurations"))
        {
            var wrapped = Wrap(nic, ["name", "id"]);
            foreach (var ip in Items(AzureJsonPath.Get(wrapped, "properties"), "ipConfigurations"))
            {
                Wrap(ip, ["name", "id"]);
            }
        }

        foreach (var extension in Items(AzureJsonPath.Get(profile, "extensionProfile"), "extensions"))
        {
            Wrap(extension, ["name", "id", "type"]);
        }

        resource["properties"] = properties;
        DropNulls(resource);
        return resource;
    }

    /// <summary>az prints a member that is not set as null, where the REST API leaves it out; free-form maps keep theirs.</summary>
    private static void DropNulls(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                DropNulls(item);
            }
        }
        else if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                if (value is null)
                {
                    obj.Remove(key);
                }
                else if (!FreeForm.Contains(key))
                {
                    DropNulls(value);
                }
            }
        }
    }

    private static IEnumerable<JsonObject> Items(JsonNode? parent, string name) =>
        AzureJsonPath.Get(parent, name) is JsonArray array ? array.OfType<JsonObject>() : [];

    /// <summary>Moves the members of <paramref name="item"/> other than <paramref name="outer"/> under a new <c>properties</c>, unless it has one.</summary>
    private static JsonObject Wrap(JsonObject item, string[] outer)
    {
        if (AzureJsonPath.Get(item, "properties") is JsonObject)
        {
            return item;
        }

        var renamed = AzureJsonPath.Find(item, TypePropertiesType, out _);
        var inner = new JsonObject();
        foreach (var (key, value) in item.ToList())
        {
            var stays = outer.Contains(key, StringComparer.OrdinalIgnoreCase) && (renamed || !key.Equals("type", StringComparison.OrdinalIgnoreCase));
            if (!stays)
            {
                item.Remove(key);
                inner[key.Equals(TypePropertiesType, StringComparison.OrdinalIgnoreCase) ? "type" : key] = value;
            }
        }

        if (inner.Count > 0)
        {
            item["properties"] = inner;
        }

        return item;
    }
}
