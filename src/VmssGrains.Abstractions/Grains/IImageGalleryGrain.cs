using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Abstractions.Grains;

/// <summary>The image gallery (one grain, key <see cref="GrainKeys.Gallery"/>): gallery and platform images with their versions.</summary>
[Alias("vmss.IImageGalleryGrain")]
public interface IImageGalleryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds versions, each published at its <see cref="ImageVersionInfo.PublishedAt"/> (at once when that is
    /// past). A version added again replaces the earlier one and its pending publication. Every version is
    /// checked before anything changes: an empty image name, an empty or <c>latest</c> version, or a
    /// publication more than <c>IsoDuration.Maximum</c> (P3650D) away, or a name breaking Azure's rules (<c>AzureNames</c>) is Azure's <c>InvalidParameter</c>
    /// (target <c>versions[i]</c> when several are given), and nothing is added.
    /// </summary>
    [Alias("AddVersions")]
    Task AddVersionsAsync(ImmutableArray<ImageVersionInfo> versions);

    /// <summary>
    /// The concrete version an image reference means now: <c>latest</c> is the newest published version. A gallery
    /// image nobody registered is <c>GalleryImageNotFound</c> (<c>latest</c>) or <c>GalleryImageVersionNotFound</c>
    /// (a pinned version), and so is a version the image does not have (an <c>AzureException</c>); platform and managed
    /// images are taken as they are.
    /// </summary>
    [Alias("Resolve")]
    Task<ImageVersionInfo> ResolveAsync(ImageReference image);

    /// <summary>
    /// Adds (<paramref name="subscribe"/>) or removes a scale set that keeps its own copy of the catalog; returns the
    /// catalog. Subscribers hear of every change (<see cref="IScaleSetGrain.OnImageCatalogChangedAsync"/>) before
    /// <see cref="AddVersionsAsync"/> returns.
    /// </summary>
    [Alias("Subscribe")]
    Task<ImageCatalog> SubscribeAsync(string scaleSet, bool subscribe);

    /// <summary>
    /// A scale set with automatic OS image upgrades follows an image (<paramref name="follow"/>) or stops: it
    /// hears of every version of it when the version is published (after its replication time).
    /// </summary>
    [Alias("Follow")]
    Task FollowAsync(string image, string scaleSet, bool follow);

    /// <summary>How many versions, of any image, are waiting for their replication to end.</summary>
    [Alias("PendingPublications")]
    Task<int> PendingPublicationsAsync();

    /// <summary>
    /// How many of <paramref name="versions"/> (image name and exact version) are waiting for their replication
    /// to end: a driver of a remote cluster polls the versions its own scenario published, not the whole gallery.
    /// </summary>
    [Alias("PendingPublicationsOf")]
    Task<int> PendingPublicationsAsync(ImmutableArray<ImageReference> versions);

    /// <summary>Every known version of every image.</summary>
    [Alias("List")]
    Task<ImmutableArray<ImageVersionInfo>> ListAsync();
}
