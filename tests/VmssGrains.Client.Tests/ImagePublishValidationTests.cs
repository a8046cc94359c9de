namespace VmssGrains.Client.Tests;

/// <summary><c>image publish</c> with a bad value changes nothing: <c>image list</c> prints exactly what it printed before.</summary>
[Collection(VerbClusterCollection.Name)]
public sealed class ImagePublishValidationTests(VerbClusterFixture cluster)
{
    [Fact]
    public async Task ImagePublish_ReplicationTimeBeyondTheMaximum_IsUsageErrorAndListsNothingNew()
    {
        await cluster.OkAsync("image", "publish", "--image", "half-applied", "--version", "1.0.0");
        var (text, json) = (await cluster.OkAsync("image", "list"), await cluster.OkAsync("image", "list", "-o", "json"));

        var result = await cluster.RunAsync("image", "publish", "--image", "half-applied", "--version", "2.0.0", "--replication-time", "P99999D");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --replication-time: 'P99999D' is longer than the maximum P3650D", result.ErrorLine);
        Assert.Equal("", result.Out);
        Assert.Equal(text.Out, (await cluster.OkAsync("image", "list")).Out);
        Assert.Equal(json.Out, (await cluster.OkAsync("image", "list", "-o", "json")).Out);
    }

    [Fact]
    public async Task ImagePublish_LatestAsTheVersion_IsRejectedAndListsNothingNew()
    {
        await cluster.OkAsync("image", "publish", "--image", "not-latest", "--version", "1.0.0");
        var json = await cluster.OkAsync("image", "list", "-o", "json");

        var result = await cluster.RunAsync("image", "publish", "--image", "not-latest", "--version", "latest");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --version: 'latest' is not a valid gallery image version (character 1 is 'l'): use Major.Minor.Patch (or Major.Minor), whole numbers such as 1.2.0", result.ErrorLine);
        Assert.Equal(json.Out, (await cluster.OkAsync("image", "list", "-o", "json")).Out);
    }
}
