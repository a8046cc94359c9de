using VmssGrains.Domain.Azure;

namespace VmssGrains.Domain.Tests;

public class ResourcePathTests
{
    [Theory]
    [InlineData("upgradePolicy.mode", "upgradePolicy|mode")]
    [InlineData("virtualMachineProfile.extensionProfile.extensions[0].settings.port", "virtualMachineProfile|extensionProfile|extensions|[0]|settings|port")]
    [InlineData("zones[-1]", "zones|[-1]")]
    [InlineData("a[1][2].b", "a|[1]|[2]|b")]
    [InlineData("a.[0]", "a|[0]")]
    [InlineData("extensions[name=app].settings", "extensions|[name=app]|settings")]
    [InlineData("extensions[name=a.b=c]", "extensions|[name=a.b=c]")]
    [InlineData("tags.cost-center", "tags|cost-center")]
    public void Parse_AzPaths_GiveTheirSteps(string text, string steps)
    {
        var path = ResourcePath.Parse(text);

        Assert.Equal(steps, string.Join('|', path.Steps));
    }

    [Fact]
    public void Parse_IndexesAndFilters_AreReadIntoTheirParts()
    {
        var steps = ResourcePath.Parse("a[-2][name=app]").Steps;

        Assert.Equal(PathStep.Property("a"), steps[0]);
        Assert.Equal(-2, steps[1].Index);
        Assert.Null(steps[1].Name);
        Assert.Equal(("name", "app"), (steps[2].FilterKey, steps[2].FilterValue));
    }

    [Theory]
    [InlineData("", "'' is not a property path: a property name is missing at character 1")]
    [InlineData("a..b", "'a..b' is not a property path: a property name is missing at character 3")]
    [InlineData("a.", "'a.' is not a property path: a property name is missing at character 3")]
    [InlineData(".a", "'.a' is not a property path: a property name is missing at character 1")]
    [InlineData("[0]", "'[0]' is not a property path: a property name is missing at character 1")]
    [InlineData("a[0", "'a[0' is not a property path: the '[' at character 2 is not closed")]
    [InlineData("a[x]", "'a[x]' is not a property path: '[x]' is neither a list index nor [key=value]")]
    [InlineData("a[]", "'a[]' is not a property path: '[]' is neither a list index nor [key=value]")]
    [InlineData("a[0]b", "'a[0]b' is not a property path: unexpected 'b' at character 5")]
    [InlineData("a]", "'a]' is not a property path: unexpected ']' at character 2")]
    public void Parse_Malformed_SaysWhere(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => ResourcePath.Parse(text)).Message);
    }

    [Fact]
    public void PrefixAndToString_WriteIndexesWithoutADot()
    {
        var path = ResourcePath.Parse("a.[0].b[name=x]");

        Assert.Equal("a[0].b[name=x]", path.ToString());
        Assert.Equal("a[0]", path.Prefix(2));
        Assert.Equal("", path.Prefix(0));
        Assert.Equal("a[0].b[name=x].c", path.Append(PathStep.Property("c")).ToString());
    }
}
