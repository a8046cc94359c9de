using System.Collections.Immutable;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.Tests;

/// <summary>The gallery checks every version before it changes anything, and counts the publications a driver asks about.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ImageGalleryGrainTests(ClusterFixture fixture)
{
    private IImageGalleryGrain Gallery => fixture.Grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery);

    [Fact]
    public async Task AddVersions_OnePublicationBeyondTheMaximum_AddsNoneOfThem()
    {
        var before = await ListAsync();
        var tooFar = fixture.Now + TimeSpan.FromDays(3650) + TimeSpan.FromSeconds(1);

        var error = await Assert.ThrowsAsync<AzureException>(() => Gallery.AddVersionsAsync([Version("gallery-half", "1.0.0", fixture.Now), Version("gallery-half", "2.0.0", tooFar)]));

        Assert.Equal(("InvalidParameter", "versions[1]"), (error.Code, error.Target));
        Assert.Equal($"version 2.0.0 of image 'gallery-half' would be published at {tooFar:O}, P3650DT1S from now: longer than the maximum replication time P3650D", error.Message);
        Assert.Equal(before, await ListAsync());
        Assert.Equal(0, await Gallery.PendingPublicationsAsync());
    }

    [Fact]
    public async Task AddVersions_LatestAsAVersion_IsInvalidAndAddsNothing()
    {
        var before = await ListAsync();

        var error = await Assert.ThrowsAsync<AzureException>(() => Gallery.AddVersionsAsync([Version("gallery-latest", "latest", fixture.Now)]));

        Assert.Equal(("InvalidParameter", null), (error.Code, error.Target));
        Assert.Equal("'latest' is not a version of image 'gallery-latest': give a version such as 1.2.0 ('latest' is what scale sets follow, not a version)", error.Message);
        Assert.Equal(before, await ListAsync());
    }

    [Fact]
    public async Task PendingPublications_OfNamedVersions_CountsOnlyThose_AndARepublicationReplacesTheEarlierOne()
    {
        var a = new ImageReference(ImageSource.Gallery, "pending-a", "1.0.0");
        var b = new ImageReference(ImageSource.Gallery, "pending-b", "1.0.0");
        var start = fixture.Now;
        await Gallery.AddVersionsAsync([Version(a, start + TimeSpan.FromDays(30)), Version(b, start + TimeSpan.FromMinutes(10))]);

        Assert.Equal((1, 1, 2, 0), (await Count(a), await Count(b), await Gallery.PendingPublicationsAsync([a, b]), await Count(b with { Version = "2.0.0" })));
        Assert.Equal(1, await Gallery.PendingPublicationsAsync([new ImageReference(ImageSource.Gallery, "PENDING-A", "1.0.0")]));

        await Gallery.AddVersionsAsync([Version(a, start + TimeSpan.FromMinutes(20))]);
        Assert.Equal(2, await Gallery.PendingPublicationsAsync());
        await fixture.Clock.RunUntilAsync(start + TimeSpan.FromMinutes(10));
        Assert.Equal((1, 0), (await Count(a), await Count(b)));

        var end = await fixture.SettleAsync();

        Assert.Equal(start + TimeSpan.FromMinutes(20), end);
        Assert.Equal((0, 0), (await Count(a), await Count(b)));
        Assert.Equal(start + TimeSpan.FromMinutes(20), Assert.Single(await Gallery.ListAsync(), v => v.Image.Image == "pending-a").PublishedAt);
    }

    /// <summary>Every version as comparable values (a version's baked-in list compares by reference).</summary>
    private async Task<List<(string, string, DateTimeOffset, string)>> ListAsync() =>
        [.. (await Gallery.ListAsync()).Select(v => (v.Image.Image, v.Image.Version, v.PublishedAt, string.Join(',', v.BakedInExtensions)))];

    private Task<int> Count(ImageReference version) => Gallery.PendingPublicationsAsync(ImmutableArray.Create(version));

    private static ImageVersionInfo Version(string image, string version, DateTimeOffset publishedAt) =>
        Version(new ImageReference(ImageSource.Gallery, image, version), publishedAt);

    private static ImageVersionInfo Version(ImageReference image, DateTimeOffset publishedAt) => new() { Image = image, PublishedAt = publishedAt };
}
