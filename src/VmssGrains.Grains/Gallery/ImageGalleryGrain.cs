using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Naming;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Domain.Time;
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
    private readonly SortedSet<string> subscribers = new(StringComparer.Ordinal);
    private ImageCatalog catalog = ImageCatalog.Empty;
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
        // Every version is checked and every wait computed before anything changes: a bad one changes nothing.
        var now = time.Now;
        var waits = new TimeSpan[versions.Length];
        for (var i = 0; i < versions.Length; i++)
        {
            waits[i] = Check(versions[i], now, versions.Length == 1 ? null : i);
        }

        for (var i = 0; i < versions.Length; i++)
        {
            var version = versions[i];
            catalog = catalog.With(version);

            // A version published again replaces its earlier publication, which followers never hear of.
            foreach (var (superseded, _) in publications.Where(p => IsSame(p.Value.Image, version.Image)).ToList())
            {
                publications.Remove(superseded);
                monitor?.PlatformWorkDone();
            }

            // Followers hear of the version once it is published, at the end of that instant. Until then the
            // publication is work the platform has scheduled: a scenario does not end before it.
            var token = ++nextPublication;
            publications[token] = version;
            monitor?.PlatformWorkScheduled();
            time.WakeAfter(waits[i], token);
        }

        // Every scale set knows the catalog before the caller hears the versions were added (a scale set resolves
        // images from its own copy). Scale sets take this call interleaved, so calling them forms no deadlock.
        return Task.WhenAll(subscribers.Select(s => GrainFactory.GetGrain<IScaleSetGrain>(s).OnImageCatalogChangedAsync(catalog)));
    }

    /// <inheritdoc/>
    public Task<ImageVersionInfo> ResolveAsync(ImageReference image)
    {
        if (catalog.Problem(image, null, "the gallery") is { } missing)
        {
            throw AzureException.From([missing]);
        }

        return Task.FromResult(catalog.Resolve(image, time.Now));
    }

    /// <inheritdoc/>
    public Task<ImageCatalog> SubscribeAsync(string scaleSet, bool subscribe)
    {
        _ = subscribe ? subscribers.Add(scaleSet) : subscribers.Remove(scaleSet);
        return Task.FromResult(catalog);
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
    public Task<int> PendingPublicationsAsync(ImmutableArray<ImageReference> versions) =>
        Task.FromResult(publications.Values.Count(p => versions.Any(v => IsSame(v, p.Image))));

    /// <inheritdoc/>
    public Task<ImmutableArray<ImageVersionInfo>> ListAsync() =>
        Task.FromResult(catalog.Images.Values.SelectMany(v => v).ToImmutableArray());

    /// <summary>
    /// Checks a version to add and returns how long until it is published (zero when already). Errors are
    /// Azure's <c>InvalidParameter</c>, naming the version's index when several are added.
    /// </summary>
    private static TimeSpan Check(ImageVersionInfo version, DateTimeOffset now, int? index)
    {
        var target = index is null ? null : $"versions[{index}]";
        if (string.IsNullOrWhiteSpace(version.Image.Image))
        {
            throw new AzureException("InvalidParameter", "an image version needs the image's name", target);
        }

        if (string.IsNullOrWhiteSpace(version.Image.Version) || version.Image.IsLatest)
        {
            throw new AzureException("InvalidParameter", $"'{version.Image.Version}' is not a version of image '{version.Image.Image}': give a version such as 1.2.0 ('latest' is what scale sets follow, not a version)", target);
        }

        // Azure's naming rules.
        if ((AzureNames.Problem(NameKind.GalleryImage, version.Image.Image) ?? AzureNames.Problem(NameKind.GalleryImageVersion, version.Image.Version)) is { } problem)
        {
            throw new AzureException("InvalidParameter", problem, target);
        }

        var wait = version.PublishedAt - now;
        return wait > IsoDuration.Maximum
            ? throw new AzureException("InvalidParameter", $"version {version.Image.Version} of image '{version.Image.Image}' would be published at {version.PublishedAt:O}, {IsoDuration.Format(wait)} from now: longer than the maximum replication time {IsoDuration.MaximumText}", target)
            : wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private static bool IsSame(ImageReference a, ImageReference b) =>
        string.Equals(a.Image, b.Image, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Version, b.Version, StringComparison.Ordinal);

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
