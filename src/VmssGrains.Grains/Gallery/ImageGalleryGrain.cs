using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Model;

namespace VmssGrains.Grains.Gallery;

/// <summary>
/// Gallery and platform images with their versions. <c>latest</c> resolves to the newest version published
/// by now. An image nobody registered (a scale set pasted from a real subscription) is taken as it is:
/// its version exists, and <c>latest</c> of it is 1.0.0.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class ImageGalleryGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock) : Grain, IImageGalleryGrain
{
    private readonly Dictionary<string, List<ImageVersionInfo>> images = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public Task AddVersionsAsync(ImmutableArray<ImageVersionInfo> versions)
    {
        foreach (var version in versions)
        {
            var list = images.TryGetValue(version.Image.Image, out var existing) ? existing : images[version.Image.Image] = [];
            list.RemoveAll(v => v.Image.Version == version.Image.Version);
            list.Add(version);
            list.Sort((a, b) => VersionOrder.Compare(a.Image.Version, b.Image.Version));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<ImageVersionInfo> ResolveAsync(ImageReference image)
    {
        var now = clock.GetUtcNow();
        images.TryGetValue(image.Image, out var versions);
        ImageVersionInfo? found = image.IsLatest
            ? versions?.LastOrDefault(v => v.PublishedAt <= now)
            : versions?.FirstOrDefault(v => v.Image.Version == image.Version);
        // The caller's reference (source, gallery) at the concrete version.
        return Task.FromResult(found is null
            ? new ImageVersionInfo { Image = image.IsLatest ? image.AtVersion("1.0.0") : image }
            : found with { Image = image.AtVersion(found.Image.Version) });
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<ImageVersionInfo>> ListAsync() =>
        Task.FromResult(images.Values.SelectMany(v => v).ToImmutableArray());
}
