using System.Globalization;

namespace VmssGrains.Client.Tests;

/// <summary>The console's <c>--output json</c> of Azure bodies, read by the official Azure SDK as a real client would.</summary>
[Collection(VerbClusterCollection.Name)]
public sealed class AzureSdkConsoleTests(VerbClusterFixture cluster)
{
    [Fact]
    public async Task GetLatestHistoryAndInstanceView_AfterAnOSUpgrade_TheAzureSdkReadsThem()
    {
        await cluster.OkAsync("image", "publish", "--image", "sdk", "--version", "1.0.0");
        await cluster.OkAsync("create", "-n", "sdk", "--image", "sdk", "--instance-count", "2", "--upgrade-policy-mode", "Rolling", "--lb", "sdk-lb", "--extensions", "app");
        await cluster.OkAsync("image", "publish", "--image", "sdk", "--version", "1.1.0");
        await cluster.OkAsync("rolling-upgrade", "start", "-n", "sdk");

        var latestJson = await cluster.LatestAsync("sdk");
        var latest = AzureSdk.RollingUpgrade(latestJson);
        Assert.Equal("Completed", latest.RunningStatus.Code?.ToString());
        Assert.Equal(Time(latestJson["properties"]!["runningStatus"].Str("startTime")), latest.RunningStatus.StartOn);
        Assert.Equal(2, latest.Progress.SuccessfulInstanceCount);
        Assert.Equal(0, latest.Progress.FailedInstanceCount);
        Assert.Equal("eastus", latest.Location.Name);

        var history = Json.ParseObject(await cluster.OkAsync("get-os-upgrade-history", "-n", "sdk", "-o", "json"));
        var entryJson = Assert.Single(history.Objects("value"));
        var entry = AzureSdk.HistoryEntry(entryJson);
        Assert.Equal(latest.RunningStatus.StartOn, entry.Properties.RunningStatus.StartOn);
        Assert.Equal(Time(entryJson["properties"]!["runningStatus"].Str("endTime")), entry.Properties.RunningStatus.EndOn);
        Assert.True(entry.Properties.RunningStatus.EndOn > entry.Properties.RunningStatus.StartOn);
        Assert.Equal(Verbs.ImageId("sdk", "1.1.0"), entry.Properties.TargetImageReference.Id.ToString());
        Assert.Equal(2, entry.Properties.Progress.SuccessfulInstanceCount);

        var viewJson = Json.ParseObject(await cluster.OkAsync("get-instance-view", "-n", "sdk", "--instance-id", "1", "-o", "json"));
        var view = AzureSdk.InstanceView(viewJson);
        Assert.Equal(["ProvisioningState/succeeded", "PowerState/running"], view.Statuses.Select(s => s.Code));
        Assert.Equal("HealthState/healthy", view.VmHealthStatus.Code);
        Assert.Equal(["app"], view.Extensions.Select(e => e.Name));
        Assert.Equal(2, view.Disks.Count);
    }

    private static DateTimeOffset Time(string? text) => DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
