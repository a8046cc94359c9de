using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

public class ImageReferenceTests
{
    private const string Gallery = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/galleries/gallery1/images/web";

    [Fact]
    public void FromText_GalleryVersionId_ReadsGalleryImageAndVersion()
    {
        var image = ImageReference.FromText($"{Gallery}/versions/1.2.3");

        Assert.Equal(new ImageReference(ImageSource.Gallery, "web", "1.2.3", "gallery1"), image);
    }

    [Fact]
    public void FromText_GalleryVersionIdInResourceGroupNamedLikeGalleries_ReadsGalleryImageAndVersion()
    {
        var image = ImageReference.FromText("/subscriptions/s/resourceGroups/rg-galleries/providers/Microsoft.Compute/galleries/g/images/ubuntu/versions/1.2.0");

        Assert.Equal(new ImageReference(ImageSource.Gallery, "ubuntu", "1.2.0", "g"), image);
    }

    [Fact]
    public void FromText_GalleryImageId_FollowsLatest()
    {
        var image = ImageReference.FromText(Gallery);

        Assert.Equal(new ImageReference(ImageSource.Gallery, "web", "latest", "gallery1"), image);
        Assert.True(image!.IsLatest);
    }

    [Fact]
    public void FromText_PublisherOfferSkuVersion_ReadsPlatformImage()
    {
        var image = ImageReference.FromText("Canonical/offer/sku/1.2.3");

        Assert.Equal(new ImageReference(ImageSource.Platform, "Canonical:offer:sku", "1.2.3"), image);
    }

    [Fact]
    public void FromText_Urn_ReadsPlatformImage()
    {
        var image = ImageReference.FromText("a:b:c:latest");

        Assert.Equal(new ImageReference(ImageSource.Platform, "a:b:c", "latest"), image);
        Assert.True(image!.IsLatest);
    }

    [Fact]
    public void FromText_ManagedImageId_ReadsSingleVersionImage()
    {
        var image = ImageReference.FromText("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/golden");

        Assert.Equal(new ImageReference(ImageSource.Managed, "golden", "1"), image);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ubuntu")]
    [InlineData("a:b:c")]
    [InlineData("a::c:d")]
    public void FromText_Unrecognised_ReturnsNull(string text)
    {
        Assert.Null(ImageReference.FromText(text));
    }

    [Fact]
    public void FromText_CommunityGalleryVersionId_ReadsGalleryImageAndVersion()
    {
        var image = ImageReference.FromText("/CommunityGalleries/contoso-1a2b/Images/web/Versions/1.2.3");

        Assert.Equal(ImageSource.Gallery, image?.Source);
        Assert.Equal(("web", "1.2.3"), (image!.Image, image.Version));
    }

    [Fact]
    public void AtVersion_PinsLatestToConcreteVersion()
    {
        var image = ImageReference.FromText(Gallery)!.AtVersion("1.10.0");

        Assert.Equal("web:1.10.0", image.ToString());
        Assert.False(image.IsLatest);
    }

    [Fact]
    public void ToAzureFields_PlatformImage_SplitsPublisherOfferSku()
    {
        var fields = ImageReference.Platform("Canonical", "ubuntu", "server", "1.0.0").ToAzureFields();

        Assert.Equal(
            new Dictionary<string, string> { ["publisher"] = "Canonical", ["offer"] = "ubuntu", ["sku"] = "server", ["version"] = "1.0.0" },
            fields);
    }
}
