namespace VmssGrains.Domain.Azure;

/// <summary>
/// The properties a scale set resource may have: Azure's 2025-04-01 schema (the trimmed extracts of
/// <c>virtualMachineScaleSet.json</c> and <c>computeRPCommon.json</c>, embedded from the repository's Azure fixtures)
/// and a supplement for what the extracts leave out (<c>ResourceSchema.Supplement.json</c>: ARM's common resource
/// members, the image reference, the simulator's <c>simulation</c> objects). Where the extracts are trimmed, callers
/// also count as known whatever the resource itself holds (see <see cref="GenericUpdate"/>).
/// </summary>
public static class ResourceSchema
{
    /// <summary>The api-version of the extracts.</summary>
    public const string ApiVersion = "2025-04-01";

    private static readonly Lazy<SwaggerDefinitions> Definitions = new(SwaggerDefinitions.LoadEmbedded);

    /// <summary>The scale set resource, <c>VirtualMachineScaleSet</c>, in its REST shape (<c>properties</c> not flattened).</summary>
    public static SchemaNode ScaleSet => Definition("VirtualMachineScaleSet");

    /// <summary>A definition of <c>virtualMachineScaleSet.json</c> by name, e.g. <c>UpgradePolicy</c>; <see cref="SchemaNode.Unknown"/> when it was not extracted.</summary>
    public static SchemaNode Definition(string name) => Definitions.Value.Definition(SwaggerDefinitions.Main, name);
}
