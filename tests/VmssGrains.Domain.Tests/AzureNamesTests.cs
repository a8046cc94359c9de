using VmssGrains.Domain.Naming;

namespace VmssGrains.Domain.Tests;

/// <summary>Azure's naming rules, one kind of name at a time: a control character, a space, too long, and a good name.</summary>
public class AzureNamesTests
{
    [Theory]
    [InlineData(NameKind.ScaleSet, "web\u001b[31m", "'web\\u001B[31m' is not a valid scale set name (character 4 is a control character (U+001B)): use 1–64 letters, digits, '-', '_' or '.'")]
    [InlineData(NameKind.LoadBalancer, "lb\u0007", "'lb\\u0007' is not a valid load balancer name (character 3 is a control character (U+0007)): use 1–80 letters, digits, '-', '_' or '.', starting with a letter or digit and ending with a letter, digit or '_'")]
    [InlineData(NameKind.LoadBalancerChild, "pro\nbe", "'pro\\u000Abe' is not a valid probe or backend pool name (character 4 is a control character (U+000A)): use 1–80 letters, digits, '-', '_' or '.', starting with a letter or digit and ending with a letter, digit or '_'")]
    [InlineData(NameKind.GalleryImage, "\tweb", "'\\u0009web' is not a valid gallery image name (character 1 is a control character (U+0009)): use 1–80 letters, digits, '-', '_' or '.', starting and ending with a letter or digit")]
    [InlineData(NameKind.GalleryImageVersion, "1.0\u0000.0", "'1.0\\u0000.0' is not a valid gallery image version (character 4 is a control character (U+0000)): use Major.Minor.Patch (or Major.Minor), whole numbers such as 1.2.0")]
    [InlineData(NameKind.Extension, "app\u007f", "'app\\u007F' is not a valid extension name (character 4 is a control character (U+007F)): use 1–80 letters, digits, '-', '_' or '.', starting with a letter or digit and ending with a letter, digit or '_'")]
    [InlineData(NameKind.InstanceId, "1\u001b", "'1\\u001B' is not a valid instance id (character 2 is a control character (U+001B)): use a whole number such as 0 or 17")]
    public void ControlCharacter_IsRefusedAndEscapedInTheMessage(NameKind kind, string name, string expected)
    {
        Assert.Equal(expected, AzureNames.Problem(kind, name));
        Assert.DoesNotContain(AzureNames.Problem(kind, name)!, char.IsControl);
    }

    [Theory]
    [InlineData(NameKind.ScaleSet, "my web", "character 3 is ' '")]
    [InlineData(NameKind.LoadBalancer, "web lb", "character 4 is ' '")]
    [InlineData(NameKind.LoadBalancerChild, "http probe", "character 5 is ' '")]
    [InlineData(NameKind.GalleryImage, "ubuntu api", "character 7 is ' '")]
    [InlineData(NameKind.GalleryImageVersion, "1.0 .0", "character 4 is ' '")]
    [InlineData(NameKind.Extension, "custom script", "character 7 is ' '")]
    [InlineData(NameKind.InstanceId, "1 2", "character 2 is ' '")]
    public void Space_IsRefused(NameKind kind, string name, string reason) =>
        Assert.Equal($"'{name}' is not a valid {AzureNames.Describe(kind)} ({reason}): {AzureNames.Rule(kind)}", AzureNames.Problem(kind, name));

    [Theory]
    [InlineData(NameKind.ScaleSet, 64)]
    [InlineData(NameKind.LoadBalancer, 80)]
    [InlineData(NameKind.LoadBalancerChild, 80)]
    [InlineData(NameKind.GalleryImage, 80)]
    [InlineData(NameKind.Extension, 80)]
    public void TooLong_IsRefused_TheLongestAllowedIsTaken(NameKind kind, int longest)
    {
        Assert.True(AzureNames.IsValid(kind, new string('a', longest)));
        Assert.Equal(
            $"'{new string('a', longest + 1)}' is not a valid {AzureNames.Describe(kind)} ({longest + 1} characters long): {AzureNames.Rule(kind)}",
            AzureNames.Problem(kind, new string('a', longest + 1)));
    }

    [Theory]
    [InlineData("1.0.2147483648", "2147483648 is larger than 2147483647")]
    [InlineData("1.0.0.0", "4 part(s)")]
    [InlineData("1", "1 part(s)")]
    [InlineData("latest", "character 1 is 'l'")]
    [InlineData("1..0", "a part is empty")]
    [InlineData("v1.0.0", "character 1 is 'v'")]
    public void GalleryImageVersion_TooLongOrMalformed_IsRefused(string version, string reason) =>
        Assert.Equal($"'{version}' is not a valid gallery image version ({reason}): {AzureNames.Rule(NameKind.GalleryImageVersion)}", AzureNames.Problem(NameKind.GalleryImageVersion, version));

    [Theory]
    [InlineData("12345678901", "not a whole number without leading zeros")]
    [InlineData("007", "not a whole number without leading zeros")]
    [InlineData("-1", "character 1 is '-'")]
    public void InstanceId_TooLongOrMalformed_IsRefused(string id, string reason) =>
        Assert.Equal($"'{id}' is not a valid instance id ({reason}): {AzureNames.Rule(NameKind.InstanceId)}", AzureNames.Problem(NameKind.InstanceId, id));

    [Theory]
    [InlineData(NameKind.LoadBalancer, "-lb", "it starts with '-'")]
    [InlineData(NameKind.LoadBalancer, "lb.", "it ends with '.'")]
    [InlineData(NameKind.GalleryImage, "web_", "it ends with '_'")]
    [InlineData(NameKind.Extension, ".app", "it starts with '.'")]
    [InlineData(NameKind.ScaleSet, "", "it is empty")]
    public void FirstAndLastCharacter_FollowTheRule(NameKind kind, string name, string reason) =>
        Assert.Equal($"'{name}' is not a valid {AzureNames.Describe(kind)} ({reason}): {AzureNames.Rule(kind)}", AzureNames.Problem(kind, name));

    [Theory]
    [InlineData(NameKind.ScaleSet, "web-1.prod_a")]
    [InlineData(NameKind.ScaleSet, "-odd-but-azure-style-")]
    [InlineData(NameKind.LoadBalancer, "web-lb_")]
    [InlineData(NameKind.LoadBalancerChild, "http")]
    [InlineData(NameKind.GalleryImage, "ubuntu-api.v2")]
    [InlineData(NameKind.GalleryImageVersion, "1.2.0")]
    [InlineData(NameKind.GalleryImageVersion, "2024.07")]
    [InlineData(NameKind.GalleryImageVersion, "2147483647.0.0")]
    [InlineData(NameKind.Extension, "Microsoft.Azure.Monitor.AzureMonitorLinuxAgent")]
    [InlineData(NameKind.InstanceId, "0")]
    [InlineData(NameKind.InstanceId, "17")]
    public void GoodNames_AreTaken(NameKind kind, string name) => Assert.Null(AzureNames.Problem(kind, name));

    [Fact]
    public void Require_BadName_IsInvalidParameterWithTheRule_GoodNamePasses()
    {
        var e = Assert.Throws<AzureException>(() => AzureNames.Require(NameKind.LoadBalancer, "web lb"));

        Assert.Equal(("InvalidParameter", "name", AzureNames.Problem(NameKind.LoadBalancer, "web lb")), (e.Code, e.Target, e.Message));
        AzureNames.Require(NameKind.LoadBalancer, "web-lb");
    }
}
