using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
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
/// nobody registered is 1.0.0. On a durable store the gallery is written after each change and read back when the
/// grain is activated again on another silo, with a wake-up for each publication still replicating.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class ImageGalleryGrain : Grain, IImageGalleryGrain
{
    private readonly SimulatedTime time;
    private readonly SimulationMonitor? monitor;
    private readonly IPersistentState<ImageGalleryGrainState> stored;
    private readonly bool durable;
    private ImageGallery gallery = new();

    /// <summary>Creates the grain.</summary>
    public ImageGalleryGrain(
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
        [PersistentState("gallery", StorageNames.Grains)] IPersistentState<ImageGalleryGrainState> stored,
        IServiceProvider services)
    {
        time = new SimulatedTime(this, clock, OnPublishedAsync);
        monitor = services.GetService<SimulationMonitor>();
        this.stored = stored;
        durable = services.GetService<GrainStore>()?.Durable ?? false;
    }

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (durable && stored.State.Gallery is { } kept)
        {
            // Active again after its silo died: the catalog, subscribers and followers come back, and each publication
            // still replicating is published at its own simulated time (at once when that has passed).
            gallery = ImageGallery.Restore(kept);
            foreach (var (token, publishedAt) in gallery.Replicating)
            {
                monitor?.PlatformWorkScheduled();
                time.WakeAfter(publishedAt > time.Now ? publishedAt - time.Now : TimeSpan.Zero, token);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task AddVersionsAsync(ImmutableArray<ImageVersionInfo> versions)
    {
        // Every version is checked before anything changes: a bad one changes nothing.
        var added = gallery.Add(versions, time.Now);

        // Followers hear of each version once it is published, at the end of that instant. Until then the
        // publication is work the platform has scheduled: a scenario does not end before it.
        foreach (var (token, wait) in added.Publications)
        {
            monitor?.PlatformWorkScheduled();
            time.WakeAfter(wait, token);
        }

        for (var i = 0; i < added.Superseded; i++)
        {
            monitor?.PlatformWorkDone();
        }

        await SaveAsync();

        // Every scale set knows the catalog before the caller hears the versions were added (a scale set resolves
        // images from its own copy). Scale sets take this call interleaved, so calling them forms no deadlock.
        await Task.WhenAll(gallery.Subscribers.Select(s => GrainFactory.GetGrain<IScaleSetGrain>(s).OnImageCatalogChangedAsync(gallery.Catalog)));
    }

    /// <inheritdoc/>
    public Task<ImageVersionInfo> ResolveAsync(ImageReference image) => Task.FromResult(gallery.Resolve(image, time.Now));

    /// <inheritdoc/>
    public async Task<ImageCatalog> SubscribeAsync(string scaleSet, bool subscribe)
    {
        var catalog = gallery.Subscribe(scaleSet, subscribe);
        await SaveAsync();
        return catalog;
    }

    /// <inheritdoc/>
    public Task FollowAsync(string image, string scaleSet, bool follow)
    {
        gallery.Follow(image, scaleSet, follow);
        return SaveAsync();
    }

    /// <inheritdoc/>
    public Task<int> PendingPublicationsAsync() => Task.FromResult(gallery.PendingPublications);

    /// <inheritdoc/>
    public Task<int> PendingPublicationsAsync(ImmutableArray<ImageReference> versions) => Task.FromResult(gallery.PendingPublicationsOf(versions));

    /// <inheritdoc/>
    public Task<ImmutableArray<ImageVersionInfo>> ListAsync() => Task.FromResult(gallery.List());

    private async Task OnPublishedAsync(long token)
    {
        if (gallery.Publish(token) is not var (version, followers))
        {
            return;
        }

        try
        {
            await SaveAsync();
            foreach (var scaleSet in followers)
            {
                await GrainFactory.GetGrain<IScaleSetGrain>(scaleSet).OnImageVersionPublishedAsync(version);
            }
        }
        finally
        {
            monitor?.PlatformWorkDone();
        }
    }

    /// <summary>Writes the gallery on a durable store; nothing on the memory store.</summary>
    private Task SaveAsync()
    {
        if (!durable)
        {
            return Task.CompletedTask;
        }

        stored.State.Gallery = gallery.Snapshot();
        return stored.WriteStateAsync();
    }
}
