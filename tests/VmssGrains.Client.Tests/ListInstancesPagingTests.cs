namespace VmssGrains.Client.Tests;

/// <summary><c>list-instances --top N</c> prints one page in Azure's list shape; <c>--skip-token</c> (the token or the whole nextLink) the next.</summary>
[Collection(VerbClusterCollection.Name)]
public sealed class ListInstancesPagingTests(VerbClusterFixture cluster)
{
    private const string Instances =
        "https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/virtualMachineScaleSets/paged/virtualMachines";

    [Fact]
    public async Task ListInstances_FiveInPagesOfTwo_FollowsNextLinksToTheLastPage()
    {
        await cluster.OkAsync("create", "-n", "paged", "--image", "web:1.0.0", "--instance-count", "5");

        var first = Json.ParseObject(await cluster.OkAsync("list-instances", "-n", "paged", "--top", "2", "-o", "json"));
        Assert.Equal(["0", "1"], first.Objects("value").Ids());
        Assert.Equal($"{Instances}?api-version=2025-04-01&$top=2&$skiptoken=1", first.Str("nextLink"));

        var second = Json.ParseObject(await cluster.OkAsync("list-instances", "-n", "paged", "--skip-token", first.Str("nextLink")!, "-o", "json"));
        Assert.Equal(["2", "3"], second.Objects("value").Ids());
        Assert.Equal($"{Instances}?api-version=2025-04-01&$top=2&$skiptoken=3", second.Str("nextLink"));

        var last = Json.ParseObject(await cluster.OkAsync("list-instances", "-n", "paged", "--top", "2", "--skip-token", "3", "-o", "json"));
        Assert.Equal(["4"], last.Objects("value").Ids());
        Assert.False(last.ContainsKey("nextLink"));
        Assert.Equal("paged_4", Assert.Single(last.Objects("value")).Str("name"));

        var table = (await cluster.OkAsync("list-instances", "-n", "paged", "--top", "3")).Out;
        Assert.EndsWith("More instances: --skip-token 2", table.TrimEnd());

        // Without --top, every instance, as a plain array (read from the scale set page by page).
        Assert.Equal(["0", "1", "2", "3", "4"], (await cluster.InstancesAsync("paged")).Ids());
    }

    [Theory]
    [InlineData("--top", "0", "error: (InvalidParameter) --top: 0 is out of range: a page holds 1 to 1000 instances")]
    [InlineData("--top", "1001", "error: (InvalidParameter) --top: 1001 is out of range: a page holds 1 to 1000 instances")]
    [InlineData("--skip-token", "a b", "error: (InvalidParameter) --skip-token: 'a b' is not a skip token of this listing (the nextLink of the page before carries it)")]
    public async Task ListInstances_BadPageSizeOrToken_IsOneLineNamingTheOption(string option, string value, string error)
    {
        var result = await cluster.RunAsync("list-instances", "-n", "never-paged", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.ErrorLine);
        Assert.Equal("", result.Out);
    }
}
