namespace VmssGrains.Client.Tests;

/// <summary>A waiting verb run as the built <c>vmss</c> with standard error piped: no progress, not a byte on standard error.</summary>
[Collection(VerbClusterCollection.Name)]
public sealed class ProgressVerbTests(VerbClusterFixture cluster)
{
    [Fact]
    public async Task Update_WaitingWithStandardErrorPiped_WritesNothingToIt()
    {
        await cluster.OkAsync("create", "-n", "piped-update", "--image", "web:1.0.0", "--instance-count", "4", "--upgrade-policy-mode", "Rolling", "--lb", "piped-update-lb");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await ChildProcess.RunAsync(
            Repo.ClientDll,
            ["update", "-n", "piped-update", "--set", Verbs.SetImage("web", "1.1.0"), "-o", "json", "--cluster", cluster.Gateways, "--cluster-id", cluster.ClusterId],
            timeout.Token);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Err);
        Assert.Equal("piped-update", Json.ParseObject(result).Str("name"));
        var latest = (await cluster.LatestAsync("piped-update"))["properties"];
        Assert.Equal("Completed", latest!["runningStatus"].Str("code"));
        Assert.Equal((4, 0, 0, 0), latest["progress"].Progress());
    }
}
