namespace VmssGrains.Client.Tests;

/// <summary>
/// Exit codes against a running cluster: <c>watch --until-settled</c> gates on the run it watched (3 when it ended
/// Faulted or Cancelled, 0 when it completed), <c>--timeout</c> gives up with 1, refusals are 1, unknown scale sets
/// and instance ids are 2.
/// </summary>
[Collection(VerbClusterCollection.Name)]
public sealed class ExitCodeVerbTests(VerbClusterFixture cluster)
{
    /// <summary>
    /// 2 of 5 instances unhealthy is 40 %, over the default maxUnhealthyInstancePercent of 20: the run faults at its
    /// pre-batch check, before watch connects; watch still gates on it (the newest run of the scale set).
    /// </summary>
    [Fact]
    public async Task WatchUntilSettled_RunFaultedBeforeWatchConnected_Exits3NamingTheRun()
    {
        await cluster.OkAsync("create", "-n", "gate-faulted", "--image", "web:1.0.0", "--instance-count", "5", "--upgrade-policy-mode", "Rolling", "--lb", "gate-faulted-lb");
        await cluster.OkAsync("fault", "unhealthy", "-n", "gate-faulted", "--instance-ids", "0", "1");
        await cluster.OkAsync("update", "-n", "gate-faulted", "--no-wait", "--set", Verbs.SetImage("web", "1.1.0"));
        await Verbs.EventuallyAsync(() => cluster.LatestAsync("gate-faulted"), l => l["properties"]!["runningStatus"].Str("code") != "RollingForward", "the run to end");

        var watched = await cluster.RunAsync("watch", "-n", "gate-faulted", "--until-settled", "--interval", "0.1");

        Assert.Equal(3, watched.ExitCode);
        Assert.Equal(
            $"error: scale set 'gate-faulted': RollingUpgrade run {await RunIdAsync("gate-faulted")} ended Faulted (MaxUnhealthyInstancePercentExceededBeforeRollingUpgrade)",
            watched.ErrorLine);
        Assert.Contains("gate-faulted: RollingUpgrade Faulted", watched.Out, StringComparison.Ordinal);
    }

    /// <summary>The run is under way when watch starts (simulated time held in its first batch), then cancelled.</summary>
    [Fact]
    public async Task WatchUntilSettled_RunUnderWayThenCancelled_Exits3NamingTheRun()
    {
        await cluster.OkAsync("create", "-n", "gate-cancelled", "--image", "web:1.0.0", "--instance-count", "5", "--upgrade-policy-mode", "Rolling", "--lb", "gate-cancelled-lb");
        Task<CliResult> watch;
        cluster.Clock.FreeRunning = false;
        try
        {
            await cluster.OkAsync("update", "-n", "gate-cancelled", "--no-wait", "--set", Verbs.SetImage("web", "1.1.0"));
            await Verbs.EventuallyAsync(() => cluster.LatestAsync("gate-cancelled"), l => l["properties"]!["progress"].Progress() == (0, 0, 1, 4), "the first batch to start");
            watch = cluster.RunAsync("watch", "-n", "gate-cancelled", "--until-settled", "--interval", "0.1");
            await cluster.OkAsync("rolling-upgrade", "cancel", "-n", "gate-cancelled");
        }
        finally
        {
            cluster.Clock.FreeRunning = true;
        }

        var watched = await watch;

        Assert.Equal(3, watched.ExitCode);
        Assert.Equal($"error: scale set 'gate-cancelled': RollingUpgrade run {await RunIdAsync("gate-cancelled")} ended Cancelled (no error code)", watched.ErrorLine);
        Assert.Equal("Cancelled", (await cluster.LatestAsync("gate-cancelled"))["properties"]!["runningStatus"].Str("code"));
    }

    [Fact]
    public async Task WatchUntilSettled_RunCompleted_Exits0WithNothingOnStandardError()
    {
        await cluster.OkAsync("create", "-n", "gate-completed", "--image", "web:1.0.0", "--instance-count", "2", "--upgrade-policy-mode", "Rolling", "--lb", "gate-completed-lb");
        await cluster.OkAsync("update", "-n", "gate-completed", "--no-wait", "--set", Verbs.SetImage("web", "1.1.0"));

        var watched = await cluster.RunAsync("watch", "-n", "gate-completed", "--until-settled", "--interval", "0.1");

        Assert.Equal(0, watched.ExitCode);
        Assert.Equal("", watched.Err);
        Assert.Equal("Completed", (await cluster.LatestAsync("gate-completed"))["properties"]!["runningStatus"].Str("code"));
        Assert.Contains("gate-completed: RollingUpgrade Completed", watched.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchUntilSettled_NoRunEver_Exits0()
    {
        await cluster.OkAsync("create", "-n", "gate-no-run", "--image", "web:1.0.0", "--instance-count", "1");
        var watched = await cluster.RunAsync("watch", "-n", "gate-no-run", "--until-settled", "--interval", "0.1");
        Assert.Equal(0, watched.ExitCode);
        Assert.Equal("", watched.Err);
    }

    /// <summary>Simulated time held: the run cannot end, watch gives up after its timeout; an update meanwhile is a Conflict (1).</summary>
    [Fact]
    public async Task WatchUntilSettled_TimeoutElapses_Exits1AndAnUpdateDuringTheRunIsAConflict()
    {
        await cluster.OkAsync("create", "-n", "gate-timeout", "--image", "web:1.0.0", "--instance-count", "2", "--upgrade-policy-mode", "Rolling", "--lb", "gate-timeout-lb");
        cluster.Clock.FreeRunning = false;
        try
        {
            await cluster.OkAsync("update", "-n", "gate-timeout", "--no-wait", "--set", Verbs.SetImage("web", "1.1.0"));

            var watched = await cluster.RunAsync("watch", "-n", "gate-timeout", "--until-settled", "--timeout", "PT0.5S", "--interval", "0.1");
            Assert.Equal(1, watched.ExitCode);
            Assert.Equal("error: scale set 'gate-timeout' did not settle within --timeout PT0.5S (0.5 s of wall time)", watched.ErrorLine);

            var conflict = await cluster.RunAsync("update", "-n", "gate-timeout", "--set", "tags.team=web");
            Assert.Equal(1, conflict.ExitCode);
            Assert.StartsWith("error: (Conflict) Operation 'Update' is not allowed on scale set 'gate-timeout' while its RollingUpgrade run (", conflict.ErrorLine, StringComparison.Ordinal);
        }
        finally
        {
            cluster.Clock.FreeRunning = true;
        }

        Assert.Equal(0, (await cluster.RunAsync("watch", "-n", "gate-timeout", "--until-settled", "--timeout", "60", "--interval", "0.1")).ExitCode);
    }

    [Fact]
    public async Task RollingUpgradeCancel_NothingRunning_IsARuntimeRefusal()
    {
        await cluster.OkAsync("create", "-n", "refuse-cancel", "--image", "web:1.0.0", "--instance-count", "1", "--upgrade-policy-mode", "Rolling", "--lb", "refuse-cancel-lb");
        var result = await cluster.RunAsync("rolling-upgrade", "cancel", "-n", "refuse-cancel");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: (OperationNotAllowed) There is no rolling upgrade in progress on scale set 'refuse-cancel' to cancel.", result.ErrorLine);
    }

    [Fact]
    public async Task RollingUpgradeCancel_UnknownScaleSet_IsAUsageError()
    {
        var result = await cluster.RunAsync("rolling-upgrade", "cancel", "-n", "no-such-scale-set");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: (NotFound) The Resource 'Microsoft.Compute/virtualMachineScaleSets/no-such-scale-set' under resource group 'vmss-sim' was not found.", result.ErrorLine);
    }

    [Fact]
    public async Task Reimage_UnknownInstanceId_IsAUsageError()
    {
        await cluster.OkAsync("create", "-n", "unknown-id", "--image", "web:1.0.0", "--instance-count", "2");
        var result = await cluster.RunAsync("reimage", "-n", "unknown-id", "--instance-ids", "9");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: (NotFound) instanceIds: instance '9' does not exist in scale set 'unknown-id' (instances: 0, 1)", result.ErrorLine);
    }

    /// <summary>The run's id, from the activity log (the rolling upgrade status does not carry it).</summary>
    private async Task<string> RunIdAsync(string scaleSet)
    {
        var records = Json.ParseArray(await cluster.OkAsync("activity-log", "-n", scaleSet, "-o", "json"));
        return Assert.Single(records.Select(r => r.Str("runId")).OfType<string>().Distinct());
    }
}
