using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Domain.Tests;

/// <summary>A gallery restored from its snapshot (what a durable store keeps) is the gallery it was taken of.</summary>
public sealed class ImageGallerySnapshotTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Restore_OfSnapshot_KeepsCatalogSubscribersFollowersAndReplicatingPublications()
    {
        var gallery = new ImageGallery();
        gallery.Add([Version("1.0.0", Now), Version("1.1.0", Now.AddMinutes(30))], Now);
        gallery.Subscribe("web", subscribe: true);
        gallery.Subscribe("api", subscribe: true);
        gallery.Follow("app", "web", follow: true);
        var published = gallery.Publish(1);

        var restored = ImageGallery.Restore(gallery.Snapshot());

        Assert.Equal(gallery.List().Select(v => $"{v.Image.Image}:{v.Image.Version}@{v.PublishedAt:O}"), restored.List().Select(v => $"{v.Image.Image}:{v.Image.Version}@{v.PublishedAt:O}"));
        Assert.Equal(["api", "web"], restored.Subscribers);
        Assert.Equal([(2L, Now.AddMinutes(30))], restored.Replicating);
        Assert.Equal("1.0.0", published!.Value.Version.Image.Version);

        // The publication still replicating is published by the restored gallery, to the scale sets following its image;
        // the next one added takes the next token.
        var (version, followers) = restored.Publish(2)!.Value;
        Assert.Equal(("app", "1.1.0"), (version.Image.Image, version.Image.Version));
        Assert.Equal(["web"], followers);
        var added = restored.Add([Version("1.2.0", Now.AddHours(1))], Now);
        Assert.Equal([3L], added.Publications.Select(p => p.Token));
    }

    private static ImageVersionInfo Version(string version, DateTimeOffset publishedAt) =>
        new() { Image = new ImageReference(ImageSource.Gallery, "app", version), PublishedAt = publishedAt };
}
