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

    [Theory]
    [InlineData("/subscriptions/s/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/g/images/web", "id", "/subscriptions/s/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/g/images/web/versions/2.0.0")]
    [InlineData("/subscriptions/s/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/g/images/web/versions/1.0.0", "id", "/subscriptions/s/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/g/images/web/versions/2.0.0")]
    [InlineData(".../galleries/g/images/web/versions/1.0.0", "id", ".../galleries/g/images/web/versions/2.0.0")]
    [InlineData("/SharedGalleries/contoso/Images/web/Versions/1.0.0", "sharedGalleryImageId", "/SharedGalleries/contoso/Images/web/versions/2.0.0")]
    [InlineData("/CommunityGalleries/contoso-1a2b/Images/web", "communityGalleryImageId", "/CommunityGalleries/contoso-1a2b/Images/web/versions/2.0.0")]
    public void ToAzureFields_GalleryImage_EchoesTheIdAsGivenAtTheVersion(string id, string property, string expected)
    {
        var fields = ImageReference.FromText(id)!.AtVersion("2.0.0").ToAzureFields();

        Assert.Equal(new Dictionary<string, string> { [property] = expected }, fields);
    }

    [Fact]
    public void ToAzureFields_ManagedImage_EchoesTheIdAsGiven()
    {
        const string id = "/subscriptions/s/resourceGroups/rg-golden/providers/Microsoft.Compute/images/golden";

        Assert.Equal(new Dictionary<string, string> { ["id"] = id }, ImageReference.FromText(id)!.ToAzureFields());
    }

    [Fact]
    public void Equality_IgnoresHowTheIdWasWritten()
    {
        var a = ImageReference.FromText("/subscriptions/s/resourceGroups/a/providers/Microsoft.Compute/galleries/g/images/web/versions/1.0.0")!;
        var b = ImageReference.FromText(".../galleries/g/images/web/versions/1.0.0")!;

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a.AtVersion("1.1.0"));
    }
}
