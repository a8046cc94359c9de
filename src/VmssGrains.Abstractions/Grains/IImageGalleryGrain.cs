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

    /// <summary>Every known version of every image.</summary>
    [Alias("List")]
    Task<ImmutableArray<ImageVersionInfo>> ListAsync();
}
