using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Naming;

namespace VmssGrains.Domain.Model;

/// <summary>What a scale set's resource references outside itself, and the names in those references.</summary>
public static partial class ScaleSetModelReader
{
    /// <summary>
    /// Everything <paramref name="resource"/> names that must exist outside it, in document order: its gallery image
    /// (<c>id</c>, <c>sharedGalleryImageId</c> or <c>communityGalleryImageId</c> of <c>imageReference</c>), its health
    /// probe and every backend pool of every IP configuration. The one rule the scenario reader and the scale set grain
    /// both apply; platform images and managed image ids are not listed (<see cref="ModelReference"/>). Ids that name
    /// no load balancer are left out (the model reader reports a malformed probe id).
    /// </summary>
    /// <param name="resource">A scale set resource, or its bare properties object (targets then start below <c>properties</c>).</param>
    public static ImmutableArray<ModelReference> References(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var list = ImmutableArray.CreateBuilder<ModelReference>();
        var isResource = JsonFields.Get(resource, "properties") is not null || JsonFields.Get(resource, "sku") is not null;
        var properties = isResource ? JsonFields.Object(resource, "properties") : resource;
        var profilePath = isResource ? "properties.virtualMachineProfile" : "virtualMachineProfile";
        var profile = JsonFields.Object(properties, "virtualMachineProfile");

        var image = JsonFields.Object(JsonFields.Object(profile, "storageProfile"), "imageReference");
        foreach (var property in new[] { "id", "sharedGalleryImageId", "communityGalleryImageId" })
        {
            if (Text(image, property) is { } id)
            {
                if (ImageReference.FromText(id) is { Source: ImageSource.Gallery } gallery)
                {
                    list.Add(new ModelReference(ReferenceKind.GalleryImage, $"{profilePath}.storageProfile.imageReference.{property}", id) { Image = gallery });
                }

                break;
            }
        }

        var network = JsonFields.Object(profile, "networkProfile");
        if (Text(JsonFields.Object(network, "healthProbe"), "id") is { } probeId && LoadBalancerReference.FromId(probeId) is { } probe)
        {
            list.Add(new ModelReference(ReferenceKind.HealthProbe, $"{profilePath}.networkProfile.healthProbe.id", probeId) { LoadBalancer = probe });
        }

        var nics = JsonFields.Array(network, "networkInterfaceConfigurations") ?? [];
        for (var n = 0; n < nics.Count; n++)
        {
            var ips = JsonFields.Array(JsonFields.Object(nics[n], "properties"), "ipConfigurations") ?? [];
            for (var i = 0; i < ips.Count; i++)
            {
                var pools = JsonFields.Array(JsonFields.Object(ips[i], "properties"), "loadBalancerBackendAddressPools") ?? [];
                for (var p = 0; p < pools.Count; p++)
                {
                    if (Text(pools[p], "id") is { } poolId && LoadBalancerReference.FromId(poolId) is { } pool)
                    {
                        var target = $"{profilePath}.networkProfile.networkInterfaceConfigurations[{n}].properties.ipConfigurations[{i}].properties.loadBalancerBackendAddressPools[{p}].id";
                        list.Add(new ModelReference(ReferenceKind.BackendPool, target, poolId) { LoadBalancer = pool });
                    }
                }
            }
        }

        return list.ToImmutable();
    }

    /// <summary>The names inside <paramref name="references"/> that break Azure's naming rules, as <c>InvalidParameter</c> errors.</summary>
    private static IEnumerable<ValidationError> NameErrors(IEnumerable<ModelReference> references)
    {
        foreach (var reference in references)
        {
            var problem = reference switch
            {
                { Image: { } image } => AzureNames.Problem(NameKind.GalleryImage, image.Image)
                    ?? (image.IsLatest ? null : AzureNames.Problem(NameKind.GalleryImageVersion, image.Version)),
                { LoadBalancer: { } lb } => AzureNames.Problem(NameKind.LoadBalancer, lb.LoadBalancer)
                    ?? (lb.Child.Length == 0 ? null : AzureNames.Problem(NameKind.LoadBalancerChild, lb.Child)),
                _ => null,
            };
            if (problem is not null)
            {
                yield return ValidationError.InvalidParameter(reference.Target, problem);
            }
        }
    }

    private static string? Text(JsonNode? parent, string name) =>
        JsonFields.Get(parent, name) is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}
