using System.Collections.Immutable;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// The versions of gallery images, as the gallery holds them and as a scale set knows those it uses: the one rule
/// that turns an image reference into a concrete version (docs/behaviour.md#images). Immutable; keys compare
/// case-insensitively, as Azure's image names do.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.ImageCatalog")]
public sealed record ImageCatalog
{
    /// <summary>No image.</summary>
    public static readonly ImageCatalog Empty = new();

    /// <summary>The versions of each image, oldest first (<see cref="VersionOrder"/>).</summary>
    [Id(0)]
    public ImmutableDictionary<string, ImmutableArray<ImageVersionInfo>> Images { get; init; } =
        ImmutableDictionary.Create<string, ImmutableArray<ImageVersionInfo>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The catalog with <paramref name="version"/> added, replacing an earlier version of the same number.</summary>
    public ImageCatalog With(ImageVersionInfo version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var list = Images.TryGetValue(version.Image.Image, out var existing) ? existing : [];
        var versions = list.RemoveAll(v => v.Image.Version == version.Image.Version).Add(version)
            .Sort((a, b) => VersionOrder.Compare(a.Image.Version, b.Image.Version));
        return this with { Images = Images.SetItem(version.Image.Image, versions) };
    }

    /// <summary>The catalog with every one of <paramref name="versions"/> added.</summary>
    public ImageCatalog With(IEnumerable<ImageVersionInfo> versions) => versions.Aggregate(this, (catalog, v) => catalog.With(v));

    /// <summary>
    /// Null when <paramref name="image"/> exists (at its pinned version); otherwise Azure's <c>GalleryImageNotFound</c> or
    /// <c>GalleryImageVersionNotFound</c> (<see cref="ReferenceRules.Image"/>), naming <paramref name="target"/>.
    /// </summary>
    public ValidationError? Problem(ImageReference image, string? target, string where) =>
        ReferenceRules.Image(image, target, Images.TryGetValue(image.Image, out var versions) ? versions.Select(v => v.Image.Version).ToList() : null, where);

    /// <summary>
    /// The concrete version <paramref name="image"/> stands for at <paramref name="now"/> (simulated): a pinned version
    /// as published; <c>latest</c> as the newest version published by then. The result carries the caller's reference
    /// (source, gallery) at that version. An image the catalog does not hold (a marketplace image) stands for itself,
    /// <c>latest</c> for 1.0.0. Call <see cref="Problem"/> first: a missing gallery version resolves as if unknown.
    /// </summary>
    public ImageVersionInfo Resolve(ImageReference image, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(image);
        Images.TryGetValue(image.Image, out var versions);
        var found = versions.IsDefault
            ? null
            : image.IsLatest
                ? versions.LastOrDefault(v => v.PublishedAt <= now)
                : versions.FirstOrDefault(v => v.Image.Version == image.Version);
        return found is null
            ? new ImageVersionInfo { Image = image.IsLatest ? image.AtVersion("1.0.0") : image }
            : found with { Image = image.AtVersion(found.Image.Version) };
    }
}
