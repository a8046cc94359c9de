namespace VmssGrains.Domain.Model;

/// <summary>
/// One thing a scale set's resource names that must exist outside it (<see cref="ScaleSetModelReader.References"/>):
/// a gallery image (and version), or a load balancer's probe or backend pool. Platform (marketplace) images and
/// managed image ids are not references: the simulator has no catalog of them and takes them as they are.
/// </summary>
/// <param name="Kind">What is referenced.</param>
/// <param name="Target">The JSON path of the property holding it, relative to the resource, like <see cref="ValidationError.Target"/>.</param>
/// <param name="Id">The id as the resource gives it.</param>
public sealed record ModelReference(ReferenceKind Kind, string Target, string Id)
{
    /// <summary>The gallery image, for <see cref="ReferenceKind.GalleryImage"/>.</summary>
    public ImageReference? Image { get; init; }

    /// <summary>The load balancer and its probe or pool, for the other kinds.</summary>
    public LoadBalancerReference? LoadBalancer { get; init; }
}
