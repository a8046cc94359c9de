using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Naming;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.Gallery;

/// <summary>
/// Gallery and platform images with their versions. <c>latest</c> resolves to the newest version published
/// by now. A version counts as published after its replication time; at that simulated moment every scale
/// set following the image (automatic OS image upgrades) hears of it. A gallery image must have been registered
/// (a scenario's images, <c>image publish</c>, <c>publishImageVersion</c>): resolving one nobody registered, or a
/// version it does not have, is Azure's <c>GalleryImageNotFound</c> / <c>GalleryImageVersionNotFound</c>. Platform
/// (marketplace) images and managed image ids are outside the gallery and taken as they are: <c>latest</c> of one
/// nobody registered is 1.0.0.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class ImageGalleryGrain : Grain, IImageGalleryGrain
{
    private readonly Dictionary<string, List<ImageVersionInfo>> images = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SortedSet<string>> followers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, ImageVersionInfo> publications = [];
    private readonly SimulatedTime time;
    private readonly SimulationMonitor? monitor;
    private long nextPublication;

    /// <summary>Creates the grain.</summary>
    public ImageGalleryGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock, IServiceProvider services)
    {
        time = new SimulatedTime(this, clock, OnPublishedAsync);
        monitor = services.GetService<SimulationMonitor>();
    }

    /// <inheritdoc/>
    public Task AddVersionsAsync(ImmutableArray<ImageVersionInfo> versions)
    {
        // Azure's naming rules, checked before anything is added: a bad name among several adds none of them.
        foreach (var version in versions)
        {
            if ((AzureNames.Problem(NameKind.GalleryImage, version.Image.Image) ?? AzureNames.Problem(NameKind.GalleryImageVersion, version.Image.Version)) is { } problem)
            {
                throw new AzureException("InvalidParameter", problem);
            }
        }

        foreach (var version in versions)
        {
            var list = images.TryGetValue(version.Image.Image, out var existing) ? existing : images[version.Image.Image] = [];
            list.RemoveAll(v => v.Image.Version == version.Image.Version);
            list.Add(version);
            list.Sort((a, b) => VersionOrder.Compare(a.Image.Version, b.Image.Version));

            // Followers hear of the version once it is published, at the end of that instant. Until then the
            // publication is work the platform has scheduled: a scenario does not end before it.
            var token = ++nextPublication;
            publications[token] = version;
            monitor?.PlatformWorkScheduled();
            time.WakeAfter(version.PublishedAt - time.Now, token);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<ImageVersionInfo> ResolveAsync(ImageReference image)
    {
        var now = time.Now;
        images.TryGetValue(image.Image, out var versions);
        if (ReferenceRules.Image(image, null, versions?.Select(v => v.Image.Version).ToList(), "the gallery") is { } missing)
        {
            throw AzureException.From([missing]);
        }

        ImageVersionInfo? found = image.IsLatest
            ? versions?.LastOrDefault(v => v.PublishedAt <= now)
            : versions?.FirstOrDefault(v => v.Image.Version == image.Version);

        // The caller's reference (source, gallery) at the concrete version.
        return Task.FromResult(found is null
            ? new ImageVersionInfo { Image = image.IsLatest ? image.AtVersion("1.0.0") : image }
            : found with { Image = image.AtVersion(found.Image.Version) });
    }

    /// <inheritdoc/>
    public Task FollowAsync(string image, string scaleSet, bool follow)
    {
        if (follow)
        {
            (followers.TryGetValue(image, out var set) ? set : followers[image] = new SortedSet<string>(StringComparer.Ordinal)).Add(scaleSet);
        }
        else if (followers.TryGetValue(image, out var set))
        {
            set.Remove(scaleSet);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> PendingPublicationsAsync() => Task.FromResult(publications.Count);

    /// <inheritdoc/>
    public Task<ImmutableArray<ImageVersionInfo>> ListAsync() =>
        Task.FromResult(images.Values.SelectMany(v => v).ToImmutableArray());

    private async Task OnPublishedAsync(long token)
    {
        if (!publications.Remove(token, out var version))
        {
            return;
        }

        try
        {
            foreach (var scaleSet in followers.TryGetValue(version.Image.Image, out var set) ? set.ToList() : [])
            {
                await GrainFactory.GetGrain<IScaleSetGrain>(scaleSet).OnImageVersionPublishedAsync(version);
            }
        }
        finally
        {
            monitor?.PlatformWorkDone();
        }
    }
}
