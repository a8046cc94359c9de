using System.Collections.Immutable;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Model;

namespace VmssGrains.Abstractions.Grains;

/// <summary>The image gallery (one grain, key <see cref="GrainKeys.Gallery"/>): gallery and platform images with their versions.</summary>
[Alias("vmss.IImageGalleryGrain")]
public interface IImageGalleryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds versions that are published from now on (a scenario's initial images). A name breaking Azure's rules
    /// (image or version, <c>AzureNames</c>) is <c>InvalidParameter</c> and adds nothing.
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
    /// A scale set with automatic OS image upgrades follows an image (<paramref name="follow"/>) or stops: it
    /// hears of every version of it when the version is published (after its replication time).
    /// </summary>
    [Alias("Follow")]
    Task FollowAsync(string image, string scaleSet, bool follow);

    /// <summary>How many versions are waiting for their replication to end (drivers of a remote cluster poll this).</summary>
    [Alias("PendingPublications")]
    Task<int> PendingPublicationsAsync();

    /// <summary>Every known version of every image.</summary>
    [Alias("List")]
    Task<ImmutableArray<ImageVersionInfo>> ListAsync();
}
