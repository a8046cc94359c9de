using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// Finds the scale set resources in the Azure documents an engineer has at hand: a resource as the REST API or
/// PowerShell print it, as <c>az vmss show</c> prints it (flattened: no <c>properties</c> wrapper, see
/// <see cref="AzCliShape"/>), the bare properties that <c>az vmss create</c> prints, a REST API example (request body
/// and responses), an ARM template (evaluated), or a list response. What is found is in the REST form and goes to
/// <see cref="ScaleSetModelReader.Read"/> unchanged: this class recognises and extracts (az's flattened form is put
/// back into the REST form here, for every caller), it does not validate.
/// </summary>
public static class AzureDocuments
{
    /// <summary>The resource type of a scale set.</summary>
    public const string ScaleSetType = "Microsoft.Compute/virtualMachineScaleSets";

    /// <summary>
    /// Properties of older api-versions that real documents still carry. They are unknown to the current API and, like
    /// every unknown property, ignored by <see cref="ScaleSetModelReader"/>; they are listed so that a caller can say so.
    /// </summary>
    private static readonly (string Path, string Why)[] PreviewProperties =
    [
        ("properties.upgradePolicy.automaticOSUpgrade", "preview-era switch (api 2017-03-30 to 2018-06-01), replaced by upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade in 2018-10-01; ignored"),
        ("properties.upgradePolicy.autoOSUpgradePolicy", "preview-era policy (api 2018-04-01 to 2018-06-01), replaced by upgradePolicy.automaticOSUpgradePolicy in 2018-10-01; ignored"),
    ];

    /// <summary>The scale set resources in <paramref name="document"/>; empty when it describes none.</summary>
    /// <exception cref="AzureDocumentException">An ARM template uses an unsupported function or leaves a parameter without a value.</exception>
    public static IReadOnlyList<ScaleSetDocument> ScaleSets(JsonObject document) => ScaleSets(document, null, null);

    /// <summary>
    /// The scale set resources in <paramref name="document"/>. <paramref name="fileName"/> names resources that have no
    /// usable name (see <see cref="ScaleSetDocument.SuggestedName"/>); <paramref name="templateParameters"/> are the values
    /// of an ARM template's parameters (names match case-insensitively; the rest take their <c>defaultValue</c>).
    /// </summary>
    /// <exception cref="AzureDocumentException">An ARM template uses an unsupported function or leaves a parameter without a value.</exception>
    public static IReadOnlyList<ScaleSetDocument> ScaleSets(JsonObject document, string? fileName, IReadOnlyDictionary<string, JsonNode?>? templateParameters)
    {
        ArgumentNullException.ThrowIfNull(document);
        var found = new List<(string Source, JsonObject Resource)>();
        switch (Kind(document))
        {
            case AzureDocumentKind.ArmTemplate:
                found.AddRange(new ArmTemplate(document, fileName, templateParameters).ScaleSetResources().ToList());
                break;
            case AzureDocumentKind.RestApiExample:
                found.AddRange(FromRestExample(document));
                break;
            case AzureDocumentKind.ScaleSet:
                found.Add(("resource", document));
                break;
            case AzureDocumentKind.ScaleSetFlattened:
                found.Add(("resource (az, flattened)", AzCliShape.ToRest(document)));
                break;
            case AzureDocumentKind.ScaleSetProperties:
                found.Add(("properties", AzCliShape.ToRest(document)));
                break;
            case AzureDocumentKind.List:
                var items = (JsonArray)AzureJsonPath.Get(document, "value")!;
                found.AddRange(items.Select((item, i) => ($"value[{i}]", item)).Where(p => p.item is JsonObject o && (IsScaleSet(o) || AzCliShape.IsFlattened(o)))
                    .Select(p => (p.Item1, AzCliShape.IsFlattened((JsonObject)p.item!) ? AzCliShape.ToRest((JsonObject)p.item!) : (JsonObject)p.item!)));
                break;
            default:
                break;
        }

        return [.. found.Select(f => Document(f.Source, f.Resource, fileName))];
    }

    /// <summary>What kind of document this is.</summary>
    public static AzureDocumentKind Kind(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (ArmTemplate.IsTemplate(document))
        {
            return AzureDocumentKind.ArmTemplate;
        }

        if (AzureJsonPath.Get(document, "parameters") is JsonObject && AzureJsonPath.Get(document, "responses") is JsonObject)
        {
            return AzureDocumentKind.RestApiExample;
        }

        // Before IsScaleSet: az's flattened resource has the scale set's type but no properties wrapper.
        if (AzCliShape.IsFlattened(document))
        {
            return AzCliShape.HasEnvelope(document) ? AzureDocumentKind.ScaleSetFlattened : AzureDocumentKind.ScaleSetProperties;
        }

        if (IsScaleSet(document))
        {
            return AzureDocumentKind.ScaleSet;
        }

        return AzureJsonPath.Get(document, "value") is JsonArray ? AzureDocumentKind.List : AzureDocumentKind.Other;
    }

    /// <summary>
    /// A scale set resource: its <c>type</c> says so, or, without a type (a request body), its <c>properties</c> hold a
    /// <c>virtualMachineProfile</c> or an <c>upgradePolicy</c>. Other resources (a VM of the scale set, a rolling
    /// upgrade status) carry their own type.
    /// </summary>
    private static bool IsScaleSet(JsonObject resource)
    {
        if (AzureJsonPath.String(resource, "type") is { } type)
        {
            return type.Equals(ScaleSetType, StringComparison.OrdinalIgnoreCase);
        }

        return AzureJsonPath.Get(resource, "properties") is JsonObject properties && HasScaleSetMembers(properties);
    }

    private static bool HasScaleSetMembers(JsonObject properties) =>
        AzureJsonPath.Get(properties, "virtualMachineProfile") is JsonObject || AzureJsonPath.Get(properties, "upgradePolicy") is JsonObject;

    /// <summary>The request body (any body parameter that is a scale set) and every response body that is one.</summary>
    private static IEnumerable<(string Source, JsonObject Resource)> FromRestExample(JsonObject example)
    {
        var parameters = (JsonObject)AzureJsonPath.Get(example, "parameters")!;
        var name = AzureJsonPath.String(parameters, "vmScaleSetName");
        foreach (var (key, value) in parameters)
        {
            if (value is JsonObject body && IsScaleSet(body))
            {
                // A PUT or PATCH body names its scale set in the URL, not in the body.
                var resource = (JsonObject)body.DeepClone();
                if (name is not null && AzureJsonPath.Get(resource, "name") is null)
                {
                    resource["name"] = name;
                }

                yield return ($"parameters.{key}", resource);
            }
        }

        foreach (var (code, response) in (JsonObject)AzureJsonPath.Get(example, "responses")!)
        {
            if (AzureJsonPath.Get(response, "body") is JsonObject body && IsScaleSet(body))
            {
                yield return ($"responses.{code}.body", body);
            }
        }
    }

    private static ScaleSetDocument Document(string source, JsonObject resource, string? fileName)
    {
        // Parsed again so that property names match case-insensitively, as ScaleSetModelReader expects.
        var copy = ScaleSetModelReader.ParseObject(resource.ToJsonString());
        var tolerated = ImmutableArray.CreateBuilder<string>();
        foreach (var (path, why) in PreviewProperties)
        {
            var segments = path.Split('.');
            JsonNode? node = copy;
            for (var i = 0; i < segments.Length - 1 && node is not null; i++)
            {
                node = AzureJsonPath.Get(node, segments[i]);
            }

            if (AzureJsonPath.Find(node as JsonObject, segments[^1], out _))
            {
                tolerated.Add($"{path}: {why}");
            }
        }

        return new ScaleSetDocument(source, copy) { FileName = fileName, Tolerated = tolerated.ToImmutable() };
    }
}
