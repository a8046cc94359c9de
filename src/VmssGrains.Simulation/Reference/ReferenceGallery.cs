using System.Collections.Immutable;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Simulation.Reference;

/// <summary>The image gallery on the reference engine, as <c>ImageGalleryGrain</c> is on Orleans: a shell around <see cref="ImageGallery"/>.</summary>
internal sealed class ReferenceGallery : IImageGalleryGrain
{
    private readonly ReferenceGrains grains;
    private readonly ReferenceEngine engine;
    private readonly ImageGallery gallery = new();
    private readonly ReferenceTime time;

    public ReferenceGallery(ReferenceGrains grains)
    {
        this.grains = grains;
        engine = grains.Engine;
        time = new ReferenceTime(engine, "imagegallery/", "default", OnPublished);
    }

    public Task AddVersionsAsync(ImmutableArray<ImageVersionInfo> versions) => engine.Call(() =>
    {
        var added = gallery.Add(versions, time.Now);
        foreach (var (token, wait) in added.Publications)
        {
            engine.Monitor.PlatformWorkScheduled();
            time.WakeAfter(wait, token);
        }

        for (var i = 0; i < added.Superseded; i++)
        {
            engine.Monitor.PlatformWorkDone();
        }

        foreach (var scaleSet in gallery.Subscribers)
        {
            grains.ScaleSet(scaleSet).OnImageCatalogChangedAsync(gallery.Catalog);
        }
    });

    public Task<ImageVersionInfo> ResolveAsync(ImageReference image) => engine.Call(() => gallery.Resolve(image, time.Now));

    public Task<ImageCatalog> SubscribeAsync(string scaleSet, bool subscribe) => engine.Call(() => gallery.Subscribe(scaleSet, subscribe));

    public Task FollowAsync(string image, string scaleSet, bool follow) => engine.Call(() => Follow(image, scaleSet, follow));

    public Task<int> PendingPublicationsAsync() => engine.Call(() => gallery.PendingPublications);

    public Task<int> PendingPublicationsAsync(ImmutableArray<ImageReference> versions) => engine.Call(() => gallery.PendingPublicationsOf(versions));

    public Task<ImmutableArray<ImageVersionInfo>> ListAsync() => engine.Call(gallery.List);

    internal ImageCatalog Subscribe(string scaleSet) => gallery.Subscribe(scaleSet, subscribe: true);

    internal void Follow(string image, string scaleSet, bool follow) => gallery.Follow(image, scaleSet, follow);

    private void OnPublished(long token)
    {
        if (gallery.Publish(token) is not var (version, followers))
        {
            return;
        }

        try
        {
            foreach (var scaleSet in followers)
            {
                grains.ScaleSet(scaleSet).OnImageVersionPublishedAsync(version);
            }
        }
        finally
        {
            engine.Monitor.PlatformWorkDone();
        }
    }
}
