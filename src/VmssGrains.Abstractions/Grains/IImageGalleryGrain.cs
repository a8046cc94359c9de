using System.Collections.Immutable;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Model;

namespace VmssGrains.Abstractions.Grains;

/// <summary>The image gallery (one grain, key <see cref="GrainKeys.Gallery"/>): gallery and platform images with their versions.</summary>
[Alias("vmss.IImageGalleryGrain")]
public interface IImageGalleryGrain : IGrainWithStringKey
{
    /// <summary>Adds versions that are published from now on (a scenario's initial images).</summary>
    [Alias("AddVersions")]
    Task AddVersionsAsync(ImmutableArray<ImageVersionInfo> versions);

    /// <summary>The concrete version an image reference means now: <c>latest</c> is the newest published version.</summary>
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
