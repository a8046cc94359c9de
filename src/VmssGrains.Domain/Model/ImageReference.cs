namespace VmssGrains.Domain.Model;

/// <summary>Where an image comes from.</summary>
public enum ImageSource
{
    /// <summary>An Azure Compute Gallery image (<c>.../galleries/g/images/i[/versions/v]</c>).</summary>
    Gallery,

    /// <summary>A marketplace image: publisher, offer, sku, version.</summary>
    Platform,

    /// <summary>Any other image id (a managed image): a single version.</summary>
    Managed,
}

/// <summary>
/// <c>storageProfile.imageReference</c> reduced to what the simulation needs: which image and which
/// version. <see cref="Version"/> may be <c>latest</c>; the scale set resolves it against the gallery.
/// </summary>
/// <param name="Source">Gallery, platform or managed image.</param>
/// <param name="Image">The image's name (gallery and managed) or <c>publisher:offer:sku</c> (platform).</param>
/// <param name="Version">A concrete version or <c>latest</c>.</param>
/// <param name="Gallery">The gallery's name, for gallery images.</param>
/// <param name="IdPrefix">
/// The image's resource id exactly as the scale set's resource gives it, without a <c>/versions/{v}</c> tail
/// (gallery) or whole (managed image): what Azure-shaped outputs echo. It is presentation only and takes no
/// part in equality: two references to the same image and version are equal however their ids were written.
/// </param>
[GenerateSerializer, Immutable, Alias("vmss.ImageReference")]
public sealed record ImageReference(
    [property: Id(0)] ImageSource Source,
    [property: Id(1)] string Image,
    [property: Id(2)] string Version,
    [property: Id(3)] string? Gallery = null,
    [property: Id(4)] string? IdPrefix = null)
{
    /// <summary>The version that means "the newest published one".</summary>
    public const string Latest = "latest";

    /// <summary>True when the reference follows new versions.</summary>
    public bool IsLatest => string.Equals(Version, Latest, StringComparison.OrdinalIgnoreCase);

    /// <summary>The segment before a gallery's name; a resource group named "rg-galleries" is not one.</summary>
    private static bool IsGalleriesSegment(string segment) =>
        segment.Equals("galleries", StringComparison.OrdinalIgnoreCase)
        || segment.Equals("sharedGalleries", StringComparison.OrdinalIgnoreCase)
        || segment.Equals("communityGalleries", StringComparison.OrdinalIgnoreCase);

    /// <summary>The same image at a concrete version.</summary>
    public ImageReference AtVersion(string version) => this with { Version = version };

    /// <summary>Parses an image id: gallery version id, gallery image id (= latest), a managed image id, or
    /// <c>publisher/offer/sku/version</c> or the CLI's URN <c>publisher:offer:sku:version</c>.</summary>
    public static ImageReference? FromText(string text)
    {
        var trimmed = text.Trim().TrimEnd('/');
        var segments = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // galleries, sharedGalleries and communityGalleries ids: .../{gallery}/images/{image}[/versions/{version}]
        var galleries = Array.FindIndex(segments, IsGalleriesSegment);
        if (galleries >= 0 && segments.Length > galleries + 3 && segments[galleries + 2].Equals("images", StringComparison.OrdinalIgnoreCase))
        {
            var version = segments.Length > galleries + 5 && segments[galleries + 4].Equals("versions", StringComparison.OrdinalIgnoreCase)
                ? segments[galleries + 5]
                : Latest;
            return new ImageReference(ImageSource.Gallery, segments[galleries + 3], version, segments[galleries + 1], PrefixThrough(trimmed, galleries + 3));
        }

        if (galleries < 0 && !trimmed.StartsWith('/') && segments.Length == 4)
        {
            return Platform(segments[0], segments[1], segments[2], segments[3]);
        }

        var urn = trimmed.Split(':');
        if (urn.Length == 4 && urn.All(p => p.Length > 0))
        {
            return Platform(urn[0], urn[1], urn[2], urn[3]);
        }

        var images = Array.FindLastIndex(segments, s => s.Equals("images", StringComparison.OrdinalIgnoreCase));
        if (images >= 0 && images + 1 < segments.Length)
        {
            return new ImageReference(ImageSource.Managed, segments[images + 1], "1", IdPrefix: trimmed);
        }

        return null;
    }

    /// <summary>A marketplace image.</summary>
    public static ImageReference Platform(string publisher, string offer, string sku, string version) =>
        new(ImageSource.Platform, $"{publisher}:{offer}:{sku}", version);

    /// <summary>
    /// Azure's <c>imageReference</c> fields for this reference (for history and instance views): publisher, offer,
    /// sku and version of a platform image; otherwise the id the scale set's resource gave (with this version for a
    /// gallery image), under the property it came from (<c>id</c>, <c>sharedGalleryImageId</c> or
    /// <c>communityGalleryImageId</c>). An image created without an id (console flags) gets one in the simulated
    /// resource group.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToAzureFields()
    {
        if (Source == ImageSource.Platform)
        {
            var parts = Image.Split(':');
            return new Dictionary<string, string> { ["publisher"] = parts[0], ["offer"] = parts[1], ["sku"] = parts[2], ["version"] = Version };
        }

        if (Source == ImageSource.Managed)
        {
            return new Dictionary<string, string> { ["id"] = IdPrefix ?? $"{ResourceGroupId}/providers/Microsoft.Compute/images/{Image}" };
        }

        var prefix = IdPrefix ?? $"{ResourceGroupId}/providers/Microsoft.Compute/galleries/{Gallery ?? "gallery"}/images/{Image}";
        var property = prefix.Contains("/sharedGalleries/", StringComparison.OrdinalIgnoreCase) ? "sharedGalleryImageId"
            : prefix.Contains("/communityGalleries/", StringComparison.OrdinalIgnoreCase) ? "communityGalleryImageId"
            : "id";
        return new Dictionary<string, string> { [property] = $"{prefix}/versions/{Version}" };
    }

    /// <inheritdoc/>
    public bool Equals(ImageReference? other) =>
        other is not null && Source == other.Source && Image == other.Image && Version == other.Version && Gallery == other.Gallery;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Source, Image, Version, Gallery);

    private static string ResourceGroupId => $"/subscriptions/{ResourceDocument.Subscription}/resourceGroups/{ResourceDocument.ResourceGroup}";

    /// <summary>The id text up to and including its segment number <paramref name="lastSegment"/> (0-based, empty segments skipped).</summary>
    private static string PrefixThrough(string id, int lastSegment)
    {
        var seen = -1;
        for (var i = 0; i < id.Length; i++)
        {
            if (id[i] != '/' && (i == 0 || id[i - 1] == '/'))
            {
                seen++;
            }

            if (seen == lastSegment && (i + 1 == id.Length || id[i + 1] == '/'))
            {
                return id[..(i + 1)];
            }
        }

        return id;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Image}:{Version}";
}
