using System.Globalization;

namespace VmssGrains.Domain.Model;

/// <summary>
/// Azure's answers when a scale set names something that does not exist, in one place for the scenario reader (which
/// knows what a scenario defines) and the grains (which ask the image gallery): <c>GalleryImageNotFound</c> for a
/// gallery image nobody defined, <c>GalleryImageVersionNotFound</c> for a version the image does not have, and
/// <c>InvalidResourceReference</c> for a load balancer, probe or backend pool that does not exist. Each is a
/// <see cref="ValidationError"/> whose target is the property holding the id.
/// </summary>
public static class ReferenceRules
{
    /// <summary>A gallery image nobody defined (<c>latest</c> of it was asked for).</summary>
    public const string GalleryImageNotFound = "GalleryImageNotFound";

    /// <summary>A gallery image version that does not exist (or a pinned version of an image nobody defined).</summary>
    public const string GalleryImageVersionNotFound = "GalleryImageVersionNotFound";

    /// <summary>A load balancer, probe or backend pool id naming nothing.</summary>
    public const string InvalidResourceReference = "InvalidResourceReference";

    /// <summary>
    /// Null when <paramref name="image"/> exists: its image is known and, when pinned, has that version. Names are matched
    /// like the gallery matches them: the image name ignoring case, the version exactly; the gallery name in the id
    /// is not compared (the simulator has one gallery).
    /// </summary>
    /// <param name="image">A gallery image reference; other sources always exist.</param>
    /// <param name="target">The property holding it, or null when unknown.</param>
    /// <param name="versions">The versions of the image that exist, or null when the image is unknown.</param>
    /// <param name="where">Who was asked, for the message: <c>the gallery</c>, <c>the scenario's images and publishImageVersion actions so far</c>.</param>
    public static ValidationError? Image(ImageReference image, string? target, IReadOnlyCollection<string>? versions, string where)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Source != ImageSource.Gallery)
        {
            return null;
        }

        var prefix = image.IdPrefix ?? $"galleries/{image.Gallery ?? "gallery"}/images/{image.Image}";
        if (versions is null)
        {
            return image.IsLatest
                ? new ValidationError(GalleryImageNotFound, target, $"The gallery image '{prefix}' was not found: {where} has no image '{image.Image}'.")
                : new ValidationError(GalleryImageVersionNotFound, target, $"The gallery image version '{prefix}/versions/{image.Version}' was not found: {where} has no image '{image.Image}'.");
        }

        if (image.IsLatest || versions.Contains(image.Version, StringComparer.Ordinal))
        {
            return null;
        }

        var known = versions.Count == 0 ? "no versions" : $"versions {string.Join(", ", versions.Order(Comparer<string>.Create(VersionOrder.Compare)))}";
        return new ValidationError(GalleryImageVersionNotFound, target, $"The gallery image version '{prefix}/versions/{image.Version}' was not found: image '{image.Image}' in {where} has {known}.");
    }

    /// <summary>
    /// Null when the load balancer a probe or pool reference names exists (and, for a probe, has a probe of that name);
    /// otherwise <c>InvalidResourceReference</c> in Azure's words.
    /// </summary>
    /// <param name="reference">A <see cref="ReferenceKind.HealthProbe"/> or <see cref="ReferenceKind.BackendPool"/> reference.</param>
    /// <param name="scaleSet">The referring scale set's name.</param>
    /// <param name="loadBalancers">The load balancers that exist, by name (ignoring case).</param>
    /// <param name="probeOf">
    /// A load balancer's probe: null when it has none, an empty string when it has one whose name is not given (any
    /// probe name then matches), otherwise the probe's name.
    /// </param>
    /// <param name="prefix">The target's prefix in the message and the error (e.g. <c>$.scaleSets[0].</c>).</param>
    public static ValidationError? LoadBalancer(ModelReference reference, string scaleSet, IReadOnlyCollection<string> loadBalancers, Func<string, string?> probeOf, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(loadBalancers);
        ArgumentNullException.ThrowIfNull(probeOf);
        if (reference.LoadBalancer is not { } lb)
        {
            return null;
        }

        var name = loadBalancers.FirstOrDefault(n => string.Equals(n, lb.LoadBalancer, StringComparison.OrdinalIgnoreCase));
        string? detail = null;
        if (name is null)
        {
            detail = loadBalancers.Count == 0
                ? $"there is no load balancer '{lb.LoadBalancer}' (none is defined)"
                : $"there is no load balancer '{lb.LoadBalancer}' (defined: {string.Join(", ", loadBalancers)})";
        }
        else if (reference.Kind == ReferenceKind.HealthProbe)
        {
            var probe = probeOf(name);
            detail = probe switch
            {
                null => $"load balancer '{name}' has no probe",
                "" => null,
                _ when !string.Equals(probe, lb.Child, StringComparison.OrdinalIgnoreCase) => $"load balancer '{name}' has probe '{probe}', not '{lb.Child}'",
                _ => null,
            };
        }

        return detail is null
            ? null
            : new ValidationError(
                InvalidResourceReference,
                prefix + reference.Target,
                string.Create(CultureInfo.InvariantCulture, $"Resource '{reference.Id}' referenced by scale set '{scaleSet}' was not found: {detail}. Make sure the referenced resource exists."));
    }
}
