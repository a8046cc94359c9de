using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

public class VersionOrderTests
{
    [Fact]
    public void Compare_OneTenAgainstOneNine_IsLater()
    {
        Assert.True(VersionOrder.Compare("1.10.0", "1.9.0") > 0);
    }

    [Fact]
    public void Compare_OneNineAgainstOneTen_IsEarlier()
    {
        Assert.True(VersionOrder.Compare("1.9.0", "1.10.0") < 0);
    }

    [Fact]
    public void Compare_MissingTrailingParts_CountAsZero()
    {
        Assert.Equal(0, VersionOrder.Compare("1.0", "1.0.0"));
    }

    [Fact]
    public void Sort_GalleryVersions_SortsNumerically()
    {
        string[] versions = ["1.10.0", "1.2.0", "1.9.3", "2.0.0", "1.9.10"];

        var sorted = versions.Order(Comparer<string>.Create(VersionOrder.Compare)).ToArray();

        Assert.Equal(["1.2.0", "1.9.3", "1.9.10", "1.10.0", "2.0.0"], sorted);
    }
}
