using System.Collections.Immutable;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// Everything an <see cref="ImageGallery"/> knows, as values: what its grain writes to a durable store, so that the
/// catalog, its subscribers and followers, and the publications still replicating outlive the gallery's silo.
/// </summary>
/// <param name="Catalog">Every version known, published or replicating.</param>
/// <param name="Subscribers">The scale sets that keep a copy of the catalog.</param>
/// <param name="Followers">The scale sets following each image's publications, by image name.</param>
/// <param name="Publications">The publications still replicating, by wake-up token.</param>
/// <param name="NextPublication">The last publication token given.</param>
[GenerateSerializer, Immutable, Alias("vmss.ImageGallerySnapshot")]
public sealed record ImageGallerySnapshot(
    [property: Id(0)] ImageCatalog Catalog,
    [property: Id(1)] ImmutableArray<string> Subscribers,
    [property: Id(2)] ImmutableDictionary<string, ImmutableArray<string>> Followers,
    [property: Id(3)] ImmutableDictionary<long, ImageVersionInfo> Publications,
    [property: Id(4)] long NextPublication);
