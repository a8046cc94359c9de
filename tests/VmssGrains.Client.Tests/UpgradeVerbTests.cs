namespace VmssGrains.Client.Tests;

/// <summary>rolling-upgrade start|cancel|get-latest, update-instances, reimage, reimage-all, get-os-upgrade-history.</summary>
[Collection(VerbClusterCollection.Name)]
public sealed class UpgradeVerbTests(VerbClusterFixture cluster)
{
    [Fact]
    public async Task RollingUpgradeStart_NewImageVersionPublished_UpgradesAndRecordsTheOsUpgradeHistory()
    {
        await cluster.OkAsync("image", "publish", "--image", "history", "--version", "1.0.0");
        await cluster.OkAsync("create", "-n", "history", "--image", "history", "--instance-count", "2", "--upgrade-policy-mode", "Rolling", "--lb", "history-lb");
        var before = Json.ParseObject(await cluster.OkAsync("get-os-upgrade-history", "-n", "history", "-o", "json"));
        Assert.Empty(before.Objects("value"));
        await cluster.OkAsync("image", "publish", "--image", "history", "--version", "1.1.0");

        var started = await cluster.OkAsync("rolling-upgrade", "start", "-n", "history", "-o", "json");
        var operation = Json.ParseObject(started);
        Assert.Equal("OSRollingUpgrade", operation.Str("operation"));
        Assert.Equal("Succeeded", operation.Str("status"));
        Assert.Null(operation["error"]);

        var latest = await cluster.LatestAsync("history");
        Assert.Equal("Microsoft.Compute/virtualMachineScaleSets/rollingUpgrades", latest.Str("type"));
        var properties = latest["properties"];
        Assert.Equal("Completed", properties!["runningStatus"].Str("code"));
        Assert.Equal("Start", properties["runningStatus"].Str("lastAction"));
        Assert.Equal((2, 0, 0, 0), properties["progress"].Progress());
        Assert.Null(properties["error"]);
        Assert.Equal(20, properties["policy"].Whole("maxBatchInstancePercent"));

        var history = Json.ParseObject(await cluster.OkAsync("get-os-upgrade-history", "-n", "history", "-o", "json"));
        var entry = Assert.Single(history.Objects("value"))["properties"];
        Assert.Equal("Completed", entry!["runningStatus"].Str("code"));
        Assert.Equal("User", entry.Str("startedBy"));
        Assert.Equal(Verbs.ImageId("history", "1.1.0"), entry["targetImageReference"].Str("id"));
        Assert.Equal((2, 0, 0, 0), entry["progress"].Progress());
        Assert.Equal(0, entry["rollbackInfo"].Whole("successfullyRolledbackInstanceCount"));
        Assert.All(await cluster.InstancesAsync("history"), i => Assert.Equal(Verbs.ImageId("history", "1.1.0"), i["properties"]!["storageProfile"]!["imageReference"].Str("id")));

        var table = await cluster.OkAsync("get-os-upgrade-history", "-n", "history");
        Assert.Contains("history:1.1.0", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollingUpgradeCancel_DuringTheFirstBatch_FinishesThatBatchAndStops()
    {
        await cluster.OkAsync("create", "-n", "cancel", "--image", "web:1.0.0", "--instance-count", "5", "--upgrade-policy-mode", "Rolling", "--lb", "cancel-lb");

        // Hold simulated time so the run is still in its first batch when the cancel arrives.
        cluster.Clock.FreeRunning = false;
        try
        {
            var started = await cluster.OkAsync("update", "-n", "cancel", "--no-wait", "--set", Verbs.SetImage("web", "1.1.0"));
            Assert.Contains("Updating", started.Out, StringComparison.Ordinal);
            // The first batch is chosen at the end of the instant the update arrived in, just after it returns.
            var running = (await Verbs.EventuallyAsync(
                () => cluster.LatestAsync("cancel"),
                l => l["properties"]!["progress"].Progress() != (0, 0, 0, 5),
                "the first batch to start"))["properties"];
            Assert.Equal("RollingForward", running!["runningStatus"].Str("code"));
            Assert.Equal((0, 0, 1, 4), running["progress"].Progress());

            var cancelled = await cluster.OkAsync("rolling-upgrade", "cancel", "-n", "cancel");
            Assert.Equal("", cancelled.Err);
        }
        finally
        {
            cluster.Clock.FreeRunning = true;
        }

        var latest = await Verbs.EventuallyAsync(
            () => cluster.LatestAsync("cancel"),
            l => l["properties"]!["runningStatus"].Str("code") != "RollingForward",
            "the cancelled run to end");
        var properties = latest["properties"];
        Assert.Equal("Cancelled", properties!["runningStatus"].Str("code"));
        Assert.Equal("Cancel", properties["runningStatus"].Str("lastAction"));
        Assert.Equal((1, 0, 0, 4), properties["progress"].Progress());
        Assert.Equal(["1", "2", "3", "4"], (await cluster.InstancesAsync("cancel", "--latest-model-applied", "false")).Ids());

        var again = await cluster.RunAsync("rolling-upgrade", "cancel", "-n", "cancel");
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("error: (OperationNotAllowed) There is no rolling upgrade in progress on scale set 'cancel' to cancel.", again.ErrorLine);
    }

    [Fact]
    public async Task RollingUpgradeGetLatest_NoRollingUpgradeYet_IsNotFound()
    {
        await cluster.OkAsync("create", "-n", "no-latest", "--image", "web:1.0.0", "--instance-count", "1");
        var result = await cluster.RunAsync("rolling-upgrade", "get-latest", "-n", "no-latest");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: (NotFound) scale set 'no-latest' has had no rolling upgrade: its rollingUpgrades/latest does not exist", result.ErrorLine);
    }

    [Fact]
    public async Task UpdateInstances_ManualMode_BringsOnlyTheNamedInstancesToTheLatestModel()
    {
        await cluster.OkAsync("create", "-n", "manual", "--image", "web:1.0.0", "--instance-count", "4");
        await cluster.OkAsync("update", "-n", "manual", "--set", Verbs.SetImage("web", "1.1.0"));
        Assert.Equal(["0", "1", "2", "3"], (await cluster.InstancesAsync("manual", "--latest-model-applied", "false")).Ids());

        var updated = await cluster.OkAsync("update-instances", "-n", "manual", "--instance-ids", "1", "3");
        Assert.StartsWith("UpdateInstances Succeeded (", updated.Out, StringComparison.Ordinal);

        var instances = await cluster.InstancesAsync("manual");
        Assert.Equal([false, true, false, true], instances.Select(i => i.LatestModelApplied()));
        Assert.Equal(["0", "2"], (await cluster.InstancesAsync("manual", "--latest-model-applied", "false")).Ids());
        Assert.Equal(["1", "3"], (await cluster.InstancesAsync("manual", "--latest-model-applied", "true")).Ids());
        var table = await cluster.OkAsync("list-instances", "-n", "manual", "--latest-model-applied", "false");
        Assert.Contains("web:1.0.0", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("web:1.1.0", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateInstances_UnknownInstanceId_IsNotFound()
    {
        await cluster.OkAsync("create", "-n", "manual-unknown", "--image", "web:1.0.0", "--instance-count", "2");
        var result = await cluster.RunAsync("update-instances", "-n", "manual-unknown", "--instance-ids", "0", "77");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: (NotFound) instanceIds: instance '77' does not exist in scale set 'manual-unknown' (instances: 0, 1)", result.ErrorLine);
        Assert.All(await cluster.InstancesAsync("manual-unknown"), i => Assert.True(i.LatestModelApplied()));
    }

    [Fact]
    public async Task Reimage_NamedInstance_ReplacesItsOsDiskOnly()
    {
        await cluster.OkAsync("create", "-n", "reimage", "--image", "web:1.0.0", "--instance-count", "2", "--extensions", "app");
        var before = await cluster.InstanceViewAsync("reimage", "0");
        var disks = before.Objects("disks");
        Assert.Equal(["reimage_0_OsDisk_1", "reimage_0_disk2_lun0"], disks.Select(d => d.Str("name")));
        Assert.Equal([true, false], disks.Select(d => d.Bool("osDisk")));
        Assert.Equal([1L, 1], disks.Select(d => d.Whole("generation")));
        Assert.Equal(["/opt/extensions/app/installed"], disks[0].Strings("files"));
        Assert.Equal(["/data/extensions/app/state"], disks[1].Strings("files"));
        Assert.Equal("ProvisioningState/succeeded", Assert.Single(before.Objects("extensions"))["statuses"]![0].Str("code"));

        var reimaged = await cluster.OkAsync("reimage", "-n", "reimage", "--instance-ids", "0");
        Assert.StartsWith("Reimage Succeeded (", reimaged.Out, StringComparison.Ordinal);

        var after = (await cluster.InstanceViewAsync("reimage", "0")).Objects("disks");
        Assert.Equal(["reimage_0_OsDisk_2", "reimage_0_disk2_lun0"], after.Select(d => d.Str("name")));
        Assert.Equal([2L, 1], after.Select(d => d.Whole("generation")));
        Assert.Equal("web:1.0.0", after[0].Str("createdFromImage"));
        Assert.Equal([1L, 1], (await cluster.InstanceViewAsync("reimage", "1")).Objects("disks").Select(d => d.Whole("generation")));
    }

    [Fact]
    public async Task ReimageAll_WithoutIds_ReplacesEveryOsAndDataDisk()
    {
        await cluster.OkAsync("create", "-n", "reimage-all", "--image", "web:1.0.0", "--instance-count", "2", "--extensions", "app");
        var result = await cluster.OkAsync("reimage-all", "-n", "reimage-all", "-o", "json");
        var operation = Json.ParseObject(result);
        Assert.Equal("ReimageAll", operation.Str("operation"));
        Assert.Equal("Succeeded", operation.Str("status"));
        foreach (var id in new[] { "0", "1" })
        {
            var disks = (await cluster.InstanceViewAsync("reimage-all", id)).Objects("disks");
            Assert.Equal([2L, 2], disks.Select(d => d.Whole("generation")));
        }
    }

    /// <summary>
    /// Every instance is already on the latest image and 3 of 4 are unhealthy: the OS upgrade faults before any batch
    /// (75 % &gt; 20 %), and the waiting console says so and fails, instead of printing Succeeded.
    /// </summary>
    [Fact]
    public async Task RollingUpgradeStart_NothingInScopeAndMostInstancesUnhealthy_FailsWithThePreBatchError()
    {
        await cluster.OkAsync("image", "publish", "--image", "gate", "--version", "1.0.0");
        await cluster.OkAsync("create", "-n", "gate", "--image", "gate", "--instance-count", "4", "--upgrade-policy-mode", "Rolling", "--lb", "gate-lb");
        await cluster.OkAsync("fault", "unhealthy", "-n", "gate", "--instance-ids", "0", "1", "2");

        var started = await cluster.RunAsync("rolling-upgrade", "start", "-n", "gate");

        Assert.Equal(1, started.ExitCode);
        Assert.StartsWith("error: operation OSRollingUpgrade Failed: (MaxUnhealthyInstancePercentExceededBeforeRollingUpgrade) Rolling Upgrade failed due to exceeding the MaxUnhealthyInstancePercent value", started.Err, StringComparison.Ordinal);
        Assert.Contains("OSRollingUpgrade Failed", started.Out, StringComparison.Ordinal);
        var latest = (await cluster.LatestAsync("gate"))["properties"];
        Assert.Equal("Faulted", latest!["runningStatus"].Str("code"));
        Assert.Equal((0, 0, 0, 0), latest["progress"].Progress());
        Assert.Equal(3, latest["error"].Objects("details").Count);
    }

    /// <summary>An Automatic update that fails on an instance leaves the scale set Failed, as Azure shows it, until a later one succeeds.</summary>
    [Fact]
    public async Task AutomaticUpdate_ExtensionFails_TheScaleSetIsFailedUntilAnUpdateSucceeds()
    {
        const string extension = "virtualMachineProfile.extensionProfile.extensions[0]";
        await cluster.OkAsync("create", "-n", "auto-failed", "--image", "web:1.0.0", "--instance-count", "2", "--upgrade-policy-mode", "Automatic", "--extensions", "app");

        var failed = await cluster.RunAsync("update", "-n", "auto-failed", "--set", $"{extension}.simulation.failureProbability=1", "--set", $"{extension}.forceUpdateTag=2");
        var shown = Json.ParseObject(await cluster.OkAsync("show", "-n", "auto-failed", "-o", "json"));
        var view = Json.ParseObject(await cluster.OkAsync("get-instance-view", "-n", "auto-failed", "-o", "json"));
        await cluster.OkAsync("update", "-n", "auto-failed", "--set", $"{extension}.simulation.failureProbability=0", "--set", $"{extension}.forceUpdateTag=3");
        var repaired = Json.ParseObject(await cluster.OkAsync("show", "-n", "auto-failed", "-o", "json"));

        Assert.Equal(1, failed.ExitCode);
        Assert.StartsWith("error: operation Update Failed: (VMExtensionProvisioningError) ", failed.ErrorLine, StringComparison.Ordinal);
        Assert.Equal("Failed", shown["properties"].Str("provisioningState"));
        Assert.Equal("ProvisioningState/failed", view.Objects("statuses")[0].Str("code"));
        Assert.Equal("Succeeded", repaired["properties"].Str("provisioningState"));
    }
}
