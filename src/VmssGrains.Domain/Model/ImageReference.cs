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
[GenerateSerializer, Immutable, Alias("vmss.ImageReference")]
public sealed record ImageReference(
    [property: Id(0)] ImageSource Source,
    [property: Id(1)] string Image,
    [property: Id(2)] string Version,
    [property: Id(3)] string? Gallery = null)
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
            return new ImageReference(ImageSource.Gallery, segments[galleries + 3], version, segments[galleries + 1]);
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
            return new ImageReference(ImageSource.Managed, segments[images + 1], "1");
        }

        return null;
    }

    /// <summary>A marketplace image.</summary>
    public static ImageReference Platform(string publisher, string offer, string sku, string version) =>
        new(ImageSource.Platform, $"{publisher}:{offer}:{sku}", version);

    /// <summary>Azure's <c>imageReference</c> fields for this reference (for history and instance views).</summary>
    public IReadOnlyDictionary<string, string> ToAzureFields()
    {
        if (Source == ImageSource.Platform)
        {
            var parts = Image.Split(':');
            return new Dictionary<string, string> { ["publisher"] = parts[0], ["offer"] = parts[1], ["sku"] = parts[2], ["version"] = Version };
        }

        var id = Source == ImageSource.Gallery
            ? $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/galleries/{Gallery ?? "gallery"}/images/{Image}/versions/{Version}"
            : $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/images/{Image}";
        return new Dictionary<string, string> { ["id"] = id };
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Image}:{Version}";
}
