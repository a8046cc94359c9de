using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Naming;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// The image gallery's rules, shared by both engines (docs/behaviour.md#images): the catalog of versions, the scale
/// sets that keep a copy of it (subscribers), those that follow an image's publications (automatic OS image upgrades),
/// and the publications still replicating. Times are simulated. Not thread-safe: its carrier serialises calls, asks
/// for a wake-up per publication (<see cref="GalleryAddition"/>) and tells subscribers and followers.
/// </summary>
public sealed class ImageGallery
{
    private readonly SortedSet<string> subscribers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> followers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, ImageVersionInfo> publications = [];
    private long nextPublication;

    /// <summary>Every version known, published or replicating.</summary>
    public ImageCatalog Catalog { get; private set; } = ImageCatalog.Empty;

    /// <summary>The scale sets that keep a copy of the catalog, in name order.</summary>
    public IReadOnlyCollection<string> Subscribers => subscribers;

    /// <summary>The publications still replicating: each one's wake-up token and the simulated time it is published at.</summary>
    public IEnumerable<(long Token, DateTimeOffset PublishedAt)> Replicating => publications.Select(p => (p.Key, p.Value.PublishedAt));

    /// <summary>How many versions are waiting for their replication to end.</summary>
    public int PendingPublications => publications.Count;

    /// <summary>
    /// Adds versions, each published at its <see cref="ImageVersionInfo.PublishedAt"/> (at once when that is past). A
    /// version added again replaces the earlier one and its pending publication. Every version is checked first: an
    /// empty image name, an empty or <c>latest</c> version, a name breaking Azure's rules, or a publication more than
    /// <see cref="IsoDuration.Maximum"/> away is Azure's <c>InvalidParameter</c> (target <c>versions[i]</c> when several
    /// are given), and nothing changes.
    /// </summary>
    /// <returns>The publications the carrier wakes up for, and how many pending ones were superseded.</returns>
    public GalleryAddition Add(IReadOnlyList<ImageVersionInfo> versions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var waits = new TimeSpan[versions.Count];
        for (var i = 0; i < versions.Count; i++)
        {
            waits[i] = Check(versions[i], now, versions.Count == 1 ? null : i);
        }

        var superseded = 0;
        var scheduled = new List<(long Token, TimeSpan Wait)>(versions.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i];
            Catalog = Catalog.With(version);

            // A version published again replaces its earlier publication, which followers never hear of.
            foreach (var (old, _) in publications.Where(p => IsSame(p.Value.Image, version.Image)).ToList())
            {
                publications.Remove(old);
                superseded++;
            }

            var token = ++nextPublication;
            publications[token] = version;
            scheduled.Add((token, waits[i]));
        }

        return new GalleryAddition(scheduled, superseded);
    }

    /// <summary>
    /// The concrete version an image reference means at <paramref name="now"/>; an unknown gallery image or version is
    /// Azure's <c>GalleryImageNotFound</c> / <c>GalleryImageVersionNotFound</c>.
    /// </summary>
    public ImageVersionInfo Resolve(ImageReference image, DateTimeOffset now) =>
        Catalog.Problem(image, null, "the gallery") is { } missing ? throw AzureException.From([missing]) : Catalog.Resolve(image, now);

    /// <summary>Adds (<paramref name="subscribe"/>) or removes a subscriber; returns the catalog.</summary>
    public ImageCatalog Subscribe(string scaleSet, bool subscribe)
    {
        _ = subscribe ? subscribers.Add(scaleSet) : subscribers.Remove(scaleSet);
        return Catalog;
    }

    /// <summary>A scale set follows (<paramref name="follow"/>) an image's publications, or stops.</summary>
    public void Follow(string image, string scaleSet, bool follow)
    {
        if (follow)
        {
            (followers.TryGetValue(image, out var set) ? set : followers[image] = new SortedSet<string>(StringComparer.Ordinal)).Add(scaleSet);
        }
        else if (followers.TryGetValue(image, out var set))
        {
            set.Remove(scaleSet);
        }
    }

    /// <summary>How many of <paramref name="versions"/> (image and exact version) are waiting for their replication to end.</summary>
    public int PendingPublicationsOf(IReadOnlyCollection<ImageReference> versions) =>
        publications.Values.Count(p => versions.Any(v => IsSame(v, p.Image)));

    /// <summary>Every known version of every image.</summary>
    public ImmutableArray<ImageVersionInfo> List() => [.. Catalog.Images.Values.SelectMany(v => v)];

    /// <summary>
    /// The publication of <paramref name="token"/> is due: the version and the scale sets following its image, in name
    /// order; null when it was superseded.
    /// </summary>
    public (ImageVersionInfo Version, IReadOnlyList<string> Followers)? Publish(long token) =>
        publications.Remove(token, out var version)
            ? (version, followers.TryGetValue(version.Image.Image, out var set) ? [.. set] : [])
            : null;

    /// <summary>Everything the gallery knows, as values (what a durable store keeps).</summary>
    public ImageGallerySnapshot Snapshot() => new(
        Catalog,
        [.. subscribers],
        followers.ToImmutableDictionary(f => f.Key, f => f.Value.ToImmutableArray(), StringComparer.OrdinalIgnoreCase),
        publications.ToImmutableDictionary(),
        nextPublication);

    /// <summary>The gallery <paramref name="snapshot"/> describes; its carrier arms a wake-up for each of <see cref="Replicating"/>.</summary>
    public static ImageGallery Restore(ImageGallerySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var gallery = new ImageGallery { Catalog = snapshot.Catalog, nextPublication = snapshot.NextPublication };
        gallery.subscribers.UnionWith(snapshot.Subscribers);
        foreach (var (image, scaleSets) in snapshot.Followers)
        {
            gallery.followers[image] = new SortedSet<string>(scaleSets, StringComparer.Ordinal);
        }

        foreach (var (token, version) in snapshot.Publications)
        {
            gallery.publications[token] = version;
        }

        return gallery;
    }

    /// <summary>Checks a version to add and returns how long until it is published (zero when already).</summary>
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
}
