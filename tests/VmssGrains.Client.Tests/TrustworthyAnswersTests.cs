using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Situations operators hit, played as small scenarios on the embedded silo (virtual clock), with Azure's outcome
/// as the exact expectation. Step times are fixed (see <see cref="ScenarioFiles"/>): an upgrade with a new image is
/// drain PT10S + reimage PT3M + boot PT1M + extension PT2M = PT6M10S of work, then two probes 5 s apart.
/// </summary>
public sealed class TrustworthyAnswersTests
{
    private static JsonObject UnhealthyFault(string at, params string[] ids) => new() { ["kind"] = "unhealthy", ["scaleSet"] = "web", ["at"] = at, ["instanceIds"] = Ids(ids) };

    private static JsonObject ExtensionFailure(params string[] ids) => new() { ["kind"] = "extensionFailure", ["scaleSet"] = "web", ["extension"] = "app", ["instanceIds"] = Ids(ids) };

    private static JsonArray Ids(params string[] ids) => new([.. ids.Select(id => (JsonNode)id)]);

    /// <summary>
    /// Every instance is already on the latest image and 3 of 4 are unhealthy (75 % &gt; 20 %): Azure faults an
    /// explicitly started OS or extension upgrade before any batch, it does not complete it empty.
    /// </summary>
    [Theory]
    [InlineData("startOSUpgrade", "OSUpgrade")]
    [InlineData("startExtensionUpgrade", "ExtensionUpgrade")]
    public async Task ExplicitUpgrade_NothingInScopeAndMostInstancesUnhealthy_FaultsBeforeAnyBatch(string action, string kind)
    {
        var scenario = ScenarioFiles.Template("Rolling", imageVersion: "latest", versions: ["1.0.0"])
            .Fault(UnhealthyFault("PT0S", "0", "1", "2"))
            .Action("PT1M", action);

        var report = await ScenarioFiles.SimulateAsync(scenario);

        var web = report.Named("scaleSets", "web");
        var latest = web["latest"]!["properties"];
        Assert.Equal("Faulted", latest!["runningStatus"].Str("code"));
        Assert.Equal((0, 0, 0, 0), latest["progress"].Progress());
        Assert.Equal("MaxUnhealthyInstancePercentExceededBeforeRollingUpgrade", latest["error"].Str("code"));
        Assert.Contains("75% of instances are in an unhealthy state, more than the threshold of 20%", latest["error"].Str("message"), StringComparison.Ordinal);
        Assert.Equal(
            [("RollingUpgradeInstanceUnhealthyError", "web/virtualMachines/0"), ("RollingUpgradeInstanceUnhealthyError", "web/virtualMachines/1"), ("RollingUpgradeInstanceUnhealthyError", "web/virtualMachines/2")],
            latest["error"].Objects("details").Select(d => (d.Str("code"), d.Str("target"))));
        var run = Assert.Single(web.Objects("runs"));
        Assert.Equal(kind, run.Str("kind"));
        Assert.Empty(run.Objects("batches"));
        var played = report.Objects("actions").Single(a => a.Str("action") == action);
        Assert.Equal("Failed", played.Str("status"));
        Assert.Equal("MaxUnhealthyInstancePercentExceededBeforeRollingUpgrade", played["error"].Str("code"));
        Assert.Equal("PT1M", report.Str("simulatedDuration"));
    }

    /// <summary>
    /// Automatic repairs without <c>gracePeriod</c> wait Azure's default PT10M; an instance with only
    /// <c>protectFromScaleIn</c> is not repaired (either protection policy spares it); an instance whose extension failed
    /// (provisioning state Failed) is left alone; every repair is in the report. The reimage that failed on its
    /// extension fails with the instance's error.
    /// </summary>
    [Fact]
    public async Task AutomaticRepairs_DefaultGraceProtectionAndProvisioningFailures_RepairOnlyTheUnhealthyUnprotectedInstance()
    {
        var scenario = ScenarioFiles.Template("Manual");
        scenario.Properties()["automaticRepairsPolicy"] = new JsonObject { ["enabled"] = true };
        scenario
            .Fault(UnhealthyFault("PT1M", "1", "2"))
            .Fault(ExtensionFailure("3"))
            .Action("PT0S", "setProtectionPolicy", new JsonObject { ["instanceIds"] = Ids("2"), ["protectFromScaleIn"] = true, ["protectFromScaleSetActions"] = false })
            .Action("PT1M", "reimage", new JsonObject { ["instanceIds"] = Ids("3") });

        var report = await ScenarioFiles.SimulateAsync(scenario);

        var web = report.Named("scaleSets", "web");

        // Instance 1 became unhealthy at PT1M: repaired at PT1M + PT10M by a new instance 4 (provision PT2M,
        // extension PT2M, two probes) that is healthy at PT15M10S.
        var repair = Assert.Single(web.Objects("repairs"));
        Assert.Equal(
            """{"instanceId":"1","repairAction":"Replace","replacementInstanceId":"4","startTime":"PT11M","endTime":"PT15M10S","status":"Succeeded","error":null}""",
            repair.ToJsonString());
        Assert.Equal("PT15M10S", report.Str("simulatedDuration"));

        var instances = web.Objects("instances");
        Assert.Equal(["0", "2", "3", "4"], instances.Select(i => i.Str("instanceId")));
        var protectedFromScaleIn = instances.Single(i => i.Str("instanceId") == "2");
        Assert.Equal("Unhealthy", protectedFromScaleIn.Str("health"));
        Assert.True(protectedFromScaleIn.Bool("protected"));
        Assert.Equal("""{"protectFromScaleIn":true,"protectFromScaleSetActions":false}""", protectedFromScaleIn["protectionPolicy"]!.ToJsonString());
        var failed = instances.Single(i => i.Str("instanceId") == "3");
        Assert.Equal("Failed", failed.Str("provisioningState"));
        Assert.Equal("Unhealthy", failed.Str("health"));
        Assert.False(failed.Bool("protected"));

        // The reimage failed on instance 3's extension at PT1M + PT6M10S: it fails with that error.
        var run = Assert.Single(web.Objects("runs"));
        Assert.Equal("Reimage", run.Str("kind"));
        Assert.Equal("Failed", run["runningStatus"].Str("code"));
        Assert.Equal("PT7M10S", run["runningStatus"].Str("endTime"));
        Assert.Equal((0, 1, 0, 0), run["progress"].Progress());
        Assert.Equal("VMExtensionProvisioningError", run["error"].Str("code"));
        Assert.Equal(["web/virtualMachines/3"], run["error"].Objects("details").Select(d => d.Str("target")));
        Assert.Equal(
            [("setProtectionPolicy", "Succeeded", null), ("reimage", "Failed", "VMExtensionProvisioningError")],
            report.Objects("actions").Where(a => !a.Str("action")!.StartsWith("fault", StringComparison.Ordinal)).Select(a => (a.Str("action"), a.Str("status"), a["error"].Str("code"))));
    }

    /// <summary>Automatic mode: an extension that fails on one instance fails the model update with that instance's error.</summary>
    [Fact]
    public async Task AutomaticMode_ExtensionFailsOnOneInstance_TheUpdateFailsWithTheExtensionError()
    {
        var scenario = ScenarioFiles.Template("Automatic")
            .Fault(ExtensionFailure("1"))
            .Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0"));

        var report = await ScenarioFiles.SimulateAsync(scenario);

        var web = report.Named("scaleSets", "web");
        Assert.Null(web["latest"]);
        var run = Assert.Single(web.Objects("runs"));
        Assert.Equal("Automatic", run.Str("kind"));
        Assert.Equal("Failed", run["runningStatus"].Str("code"));
        Assert.Equal("PT7M10S", run["runningStatus"].Str("endTime"));
        Assert.Equal((3, 1, 0, 0), run["progress"].Progress());
        Assert.Equal("VMExtensionProvisioningError", run["error"].Str("code"));
        Assert.Equal("VM has reported a failure when processing extension 'app'. Error message: \"Enable failed: the script exited with code 1\".", run["error"].Str("message"));
        var action = Assert.Single(report.Objects("actions"));
        Assert.Equal("Failed", action.Str("status"));
        Assert.Equal("VMExtensionProvisioningError", action["error"].Str("code"));
    }

    /// <summary>update-instances (<c>manualupgrade</c>) fails with the instance's error too; the model update before it succeeded.</summary>
    [Fact]
    public async Task UpdateInstances_ExtensionFails_TheOperationFailsWithTheExtensionError()
    {
        var scenario = ScenarioFiles.Template("Manual")
            .Fault(ExtensionFailure("1"))
            .Action("PT30S", "update", ScenarioFiles.ImagePatch("1.1.0"))
            .Action("PT1M", "updateInstances", new JsonObject { ["instanceIds"] = Ids("0", "1") });

        var report = await ScenarioFiles.SimulateAsync(scenario);

        Assert.Equal(
            [("update", "Succeeded", null), ("updateInstances", "Failed", "VMExtensionProvisioningError")],
            report.Objects("actions").Select(a => (a.Str("action"), a.Str("status"), a["error"].Str("code"))));
        var run = Assert.Single(report.Named("scaleSets", "web").Objects("runs"));
        Assert.Equal(("ManualUpgrade", "Failed"), (run.Str("kind"), run["runningStatus"].Str("code")));
        Assert.Equal((1, 1, 0, 0), run["progress"].Progress());
    }

    /// <summary>An update whose rolling run faults is a failed action with the run's error; one whose run is cancelled is Canceled.</summary>
    [Fact]
    public async Task RollingUpdate_RunFaultsOrIsCancelled_TheActionCarriesTheOperationsOutcome()
    {
        var faulting = ScenarioFiles.Template("Rolling")
            .Fault(new JsonObject { ["kind"] = "unhealthyAfterUpgrade", ["scaleSet"] = "web", ["imageVersion"] = "1.1.0", ["instanceIds"] = Ids("0") })
            .Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0"));
        var cancelled = ScenarioFiles.Template("Rolling")
            .Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0"))
            .Action("PT2M", "cancel");

        var faulted = await ScenarioFiles.SimulateAsync(faulting);
        var cancel = await ScenarioFiles.SimulateAsync(cancelled);

        // Batch 1 is instance 0 alone (20 % of 4 rounds down to the minimum of one); it is not healthy within the
        // PT5M health wait after PT7M10S of work, so the post-batch check faults at PT12M10S.
        var update = Assert.Single(faulted.Objects("actions"));
        Assert.Equal("Failed", update.Str("status"));
        Assert.Equal("MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade", update["error"].Str("code"));
        Assert.Equal("PT12M10S", faulted.Str("simulatedDuration"));

        Assert.Equal(
            [("update", "Canceled", null), ("cancel", "Succeeded", null)],
            cancel.Objects("actions").Select(a => (a.Str("action"), a.Str("status"), a["error"].Str("code"))));
        Assert.Equal("Cancelled", cancel.Named("scaleSets", "web")["latest"]!["properties"]!["runningStatus"].Str("code"));
    }

    /// <summary>
    /// The report's Azure bodies carry date-times on the simulated calendar that starts at the scenario's
    /// <c>startTime</c>, echo the scale set's own location and image id, and the official Azure SDK reads them.
    /// </summary>
    [Fact]
    public async Task OSUpgrade_ScenarioStartTime_AzureBodiesAreDateTimesTheAzureSdkReads()
    {
        var scenario = ScenarioFiles.Template("Rolling", capacity: 2, imageVersion: "latest", versions: ["1.0.0"])
            .Action("PT1M", "publishImageVersion", new JsonObject { ["image"] = "web", ["version"] = "1.1.0" })
            .Action("PT2M", "startOSUpgrade");
        scenario["startTime"] = "2026-03-01T12:00:00Z";

        var report = await ScenarioFiles.SimulateAsync(scenario);

        Assert.Equal("2026-03-01T12:00:00.0000000+00:00", report.Str("startTime"));

        // Two batches of one: PT2M → PT8M20S → PT14M40S (PT6M10S of work and two probes each).
        Assert.Equal("PT14M40S", report.Str("simulatedDuration"));
        var web = report.Named("scaleSets", "web");
        var latest = web["latest"]!;
        Assert.Equal("westeurope", latest.Str("location"));
        Assert.Equal("2026-03-01T12:02:00.0000000+00:00", latest["properties"]!["runningStatus"].Str("startTime"));
        var entry = Assert.Single(web.Objects("osUpgradeHistory"));
        Assert.Equal("westeurope", entry.Str("location"));
        Assert.Equal("2026-03-01T12:14:40.0000000+00:00", entry["properties"]!["runningStatus"].Str("endTime"));
        Assert.Equal($"{ScenarioFiles.ImageId}/versions/1.1.0", entry["properties"]!["targetImageReference"].Str("id"));
        Assert.Equal("PT2M", Assert.Single(web.Objects("runs"))["runningStatus"].Str("startTime"));

        var status = AzureSdk.RollingUpgrade(latest);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 2, 0, TimeSpan.Zero), status.RunningStatus.StartOn);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 2, 0, TimeSpan.Zero), status.RunningStatus.LastActionOn);
        Assert.Equal("Completed", status.RunningStatus.Code?.ToString());
        Assert.Equal(2, status.Progress.SuccessfulInstanceCount);
        Assert.Equal("westeurope", status.Location.Name);

        var history = AzureSdk.HistoryEntry(entry);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 2, 0, TimeSpan.Zero), history.Properties.RunningStatus.StartOn);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 14, 40, TimeSpan.Zero), history.Properties.RunningStatus.EndOn);
        Assert.Equal($"{ScenarioFiles.ImageId}/versions/1.1.0", history.Properties.TargetImageReference.Id.ToString());
        Assert.Equal("User", history.Properties.StartedBy?.ToString());
        Assert.Equal("westeurope", history.Location?.Name);
    }

    /// <summary>Without <c>startTime</c> the calendar starts at 2026-01-01T00:00:00Z.</summary>
    [Fact]
    public async Task Report_NoStartTime_CalendarStartsOnNewYear2026()
    {
        var report = await ScenarioFiles.SimulateAsync(ScenarioFiles.Template("Manual"));

        Assert.Equal("2026-01-01T00:00:00.0000000+00:00", report.Str("startTime"));
        Assert.Equal("PT0S", report.Str("simulatedDuration"));
    }

    /// <summary>Lifting the protection of an instance that stayed unhealthy makes it due for repair: at once when its grace period is over.</summary>
    [Theory]
    [InlineData("PT5M", "PT11M", "PT15M10S")]
    [InlineData("PT20M", "PT20M", "PT24M10S")]
    public async Task AutomaticRepairs_ProtectionLifted_TheInstanceIsRepaired(string lifted, string start, string end)
    {
        var scenario = ScenarioFiles.Template("Manual");
        scenario.Properties()["automaticRepairsPolicy"] = new JsonObject { ["enabled"] = true };
        scenario
            .Fault(UnhealthyFault("PT1M", "1"))
            .Action("PT30S", "setProtectionPolicy", new JsonObject { ["instanceIds"] = Ids("1"), ["protectFromScaleIn"] = true, ["protectFromScaleSetActions"] = false })
            .Action(lifted, "setProtectionPolicy", new JsonObject { ["instanceIds"] = Ids("1"), ["protectFromScaleIn"] = false, ["protectFromScaleSetActions"] = false });

        var report = await ScenarioFiles.SimulateAsync(scenario);

        var repair = Assert.Single(report.Named("scaleSets", "web").Objects("repairs"));
        Assert.Equal(("1", "Replace", "4", start, end, "Succeeded"), (repair.Str("instanceId"), repair.Str("repairAction"), repair.Str("replacementInstanceId"), repair.Str("startTime"), repair.Str("endTime"), repair.Str("status")));
    }

    /// <summary>
    /// A scale-out whose new instances fail to provision: the scale operation fails with their error, and once their
    /// provisioning ended the load balancer's target is the new capacity, so the shortfall shows (4 of 8 = 50 %).
    /// </summary>
    [Fact]
    public async Task ScaleOut_NewInstancesFailToProvision_TheOperationFailsAndCapacityShowsTheShortfall()
    {
        var scenario = ScenarioFiles.Template("Manual")
            .Fault(ExtensionFailure("4", "5", "6", "7"))
            .Action("PT1M", "scale", new JsonObject { ["capacity"] = 8 });

        var report = await ScenarioFiles.SimulateAsync(scenario);

        var scale = Assert.Single(report.Objects("actions"));
        Assert.Equal(("Failed", "VMExtensionProvisioningError"), (scale.Str("status"), scale["error"].Str("code")));
        var lb = report["load"].Named("loadBalancers", "lb");
        Assert.Equal((50.0, 4L), (lb.Number("minInServicePercent"), lb.Whole("minInService")));
        Assert.Equal(["Failed", "Failed", "Failed", "Failed"], report.Named("scaleSets", "web").Objects("instances").Skip(4).Select(i => i.Str("provisioningState")));
    }

    /// <summary><c>--fail-on failed-instances</c> gates on instances a scale-out left Failed too, not only on runs.</summary>
    [Fact]
    public async Task FailOnFailedInstances_AScaleOutLeftFailedInstances_ExitsThree()
    {
        var scenario = ScenarioFiles.Template("Manual")
            .Fault(ExtensionFailure("4", "5"))
            .Action("PT1M", "scale", new JsonObject { ["capacity"] = 6 });
        var path = Path.Combine(Path.GetTempPath(), $"vmss-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());
        try
        {
            var result = await Cli.RunAsync("simulate", "--scenario", path, "--output", "json", "--fail-on", "failed-instances");

            Assert.Equal(3, result.ExitCode);
            Assert.Equal("error: --fail-on failed-instances: scale set 'web': instance(s) 4, 5 ended with provisioning state Failed\n", result.Err);
            Assert.Equal("PT1M", JsonNode.Parse(result.Out)!["actions"]![0].Str("at"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The summary for people lists repairs and the calendar's start too.</summary>
    [Fact]
    public async Task Summary_ARepairAndAStartTime_AreShown()
    {
        var scenario = ScenarioFiles.Template("Manual").Fault(UnhealthyFault("PT1M", "1"));
        scenario.Properties()["automaticRepairsPolicy"] = new JsonObject { ["enabled"] = true };
        scenario["startTime"] = "2026-06-01T08:00:00Z";

        var text = await ScenarioFiles.SimulateTextAsync(scenario);

        Assert.Contains("Simulated PT15M10S from 2026-06-01T08:00:00.0000000+00:00 in ", text, StringComparison.Ordinal);
        Assert.Contains("  Repair (Replace by instance 4) of instance 1 at PT11M: Succeeded at PT15M10S\n", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// On a scaled clock the scenario ends when its work did, not when a wall-time poll noticed (a 250 ms poll is 25
    /// simulated seconds at ×100): the end is the run's end, to the clock's own lateness between the two readings.
    /// </summary>
    [Fact]
    public async Task ScaledClock_TheRunEndsTheScenario_AtTheRunsEnd()
    {
        var scenario = ScenarioFiles.Template("Rolling", capacity: 1).Action("PT10S", "update", ScenarioFiles.ImagePatch("1.1.0"));

        var report = await ScenarioFiles.SimulateAsync(scenario, "--clock", "scaled:100");

        var end = IsoDuration.Parse(report.Str("simulatedDuration")!);
        var runEnd = IsoDuration.Parse(Assert.Single(report.Named("scaleSets", "web").Objects("runs"))["runningStatus"].Str("endTime")!);
        Assert.InRange(end - runEnd, TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }
}
