using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Promotion gates (<c>after</c>): an action waits for the operation an earlier action started on another scale set and
/// is played at the instant it ended, only if it succeeded with at most the allowed share of that scale set's instances
/// failed. Played on both engines (<see cref="ScenarioFiles.SimulateAsync"/>). Step times are fixed (see
/// <see cref="ScenarioFiles"/>): a one-instance rolling upgrade is drain PT10S + reimage PT3M + boot PT1M + extension
/// PT2M + two probes 5 s apart = PT6M20S; an instance the image leaves unhealthy fails after the PT5M health wait.
/// </summary>
public sealed class PromotionGateTests
{
    private static List<(string At, string Action, string ScaleSet, string Status, string? Code)> Actions(JsonObject report) =>
        [.. report.Objects("actions").Select(a => (a.Str("at")!, a.Str("action")!, a.Str("scaleSet")!, a.Str("status")!, a["error"].Str("code")))];

    private static List<(string Status, string Start, string? End)> Runs(JsonObject report, string scaleSet) =>
        [.. report.Named("scaleSets", scaleSet).Objects("runs").Select(r => (r["runningStatus"].Str("code")!, r["runningStatus"].Str("startTime")!, r["runningStatus"].Str("endTime")))];

    [Fact]
    public async Task Chain_EveryGatePasses_EachStageStartsAtTheInstantTheOneBeforeEnded()
    {
        var report = await ScenarioFiles.SimulateAsync(GatedScenarios.Chain());

        Assert.Equal(
            [
                ("PT1M", "update", "staging", "Succeeded", null),
                ("PT7M20S", "update", "canary", "Succeeded", null),
                ("PT13M40S", "update", "production", "Succeeded", null),
            ],
            Actions(report));
        Assert.Equal([("Completed", "PT1M", "PT7M20S")], Runs(report, "staging"));
        Assert.Equal([("Completed", "PT7M20S", "PT13M40S")], Runs(report, "canary"));
        Assert.Equal([("Completed", "PT13M40S", "PT20M")], Runs(report, "production"));
        Assert.Equal(1, report.Named("scaleSets", "production")["instancesSummary"]!["latestModelAppliedCount"]!.GetValue<int>());
        Assert.Equal("PT20M", report.Str("simulatedDuration"));
    }

    /// <summary>
    /// A traffic gate beside promotion gates: the driver then moves time a whole minute at a time, and a gate that
    /// holds changes nothing: every stage starts and ends at the same instants as without it.
    /// </summary>
    [Fact]
    public async Task Chain_WithATrafficGateThatHolds_EveryStageAtTheSameInstants()
    {
        var plain = await ScenarioFiles.SimulateAsync(GatedScenarios.Chain());
        var scenario = GatedScenarios.Chain();
        scenario["trafficGates"] = new JsonArray(new JsonObject { ["scaleSet"] = "production", ["loadBalancer"] = "lb", ["window"] = "PT5M", ["minAvailabilityPercent"] = 100 });

        var gated = await ScenarioFiles.SimulateAsync(scenario);

        Assert.Equal(Actions(plain), Actions(gated));
        Assert.Equal([("Completed", "PT13M40S", "PT20M")], Runs(gated, "production"));
        Assert.Equal(plain.Str("simulatedDuration"), gated.Str("simulatedDuration"));
    }

    /// <summary>
    /// A traffic gate on the last stage of a chain: 3,000 requests/s on three instances of 1,000 drop a third while
    /// an instance is out, so at the first whole minute of production's run (PT14M) the last 5 minutes, which saw
    /// canary's upgrade, are below 99 % and the gate cancels the run the promotion gate had just started.
    /// </summary>
    [Fact]
    public async Task Chain_TrafficGateOnTheLastStage_CancelsTheRunItsPromotionStarted()
    {
        var scenario = GatedScenarios.Chain();
        scenario["loadBalancers"]![0]!["load"]!["requestsPerSecond"] = 3000;
        scenario["trafficGates"] = new JsonArray(new JsonObject { ["scaleSet"] = "production", ["loadBalancer"] = "lb", ["window"] = "PT5M", ["minAvailabilityPercent"] = 99 });

        var report = await ScenarioFiles.SimulateAsync(scenario);

        Assert.Equal(
            [
                ("PT1M", "update", "staging", "Succeeded", null),
                ("PT7M20S", "update", "canary", "Succeeded", null),
                ("PT13M40S", "update", "production", "Canceled", null),
                ("PT14M", "gate:traffic", "production", "Succeeded", null),
            ],
            Actions(report));
        Assert.Equal("Cancelled", Runs(report, "production").Single().Status);
    }

    /// <summary>A timed fault is two entries of the timeline at one JSON path (its start and its end): gates are played beside it.</summary>
    [Fact]
    public async Task Chain_WithATimedFault_FaultEntriesAndGatesBothReported()
    {
        var scenario = GatedScenarios.Chain().Fault(new JsonObject
        {
            ["kind"] = "unhealthy", ["scaleSet"] = "production", ["instanceIds"] = new JsonArray("0"), ["at"] = "PT30S", ["until"] = "PT40S",
        });

        var report = await ScenarioFiles.SimulateAsync(scenario);

        Assert.Equal(
            [
                ("PT30S", "fault:unhealthy", "production", "Succeeded", null),
                ("PT40S", "fault:unhealthy:end", "production", "Succeeded", null),
                ("PT1M", "update", "staging", "Succeeded", null),
                ("PT7M20S", "update", "canary", "Succeeded", null),
                ("PT13M40S", "update", "production", "Succeeded", null),
            ],
            Actions(report));
    }

    [Fact]
    public async Task Chain_StagingFaults_CanaryAndProductionAreSkippedAndUntouched()
    {
        var report = await ScenarioFiles.SimulateAsync(GatedScenarios.Chain().BadImageOn("staging", "0"));

        Assert.Equal(
            [
                ("PT1M", "update", "staging", "Failed", "MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade"),
                ("PT12M10S", "update", "canary", "Skipped", "GateOperationNotSucceeded"),
                ("PT12M10S", "update", "production", "Skipped", "GateOperationNotSucceeded"),
            ],
            Actions(report));
        Assert.Equal(
            "gate after 'canary': the gated update at PT12M10S ended Skipped (GateOperationNotSucceeded) at PT12M10S with 0 of 1 instances failed (0 %); not played",
            report.Objects("actions")[2]["error"].Str("message"));
        foreach (var untouched in new[] { "canary", "production" })
        {
            Assert.Empty(Runs(report, untouched));
            Assert.Equal(1, report.Named("scaleSets", untouched)["modelVersion"]!.GetValue<int>());
        }

        Assert.Equal("PT12M10S", report.Str("simulatedDuration"));
    }

    /// <summary>
    /// Staging's run completes (its policy allows any unhealthy share) with instance 0 of 4 failed: 25 %. A 5 % gate
    /// holds production back; a 25 % gate lets it through (the limit is inclusive), at the instant staging ended.
    /// </summary>
    [Fact]
    public async Task FailedShare_AboveTheLimit_ProductionSkippedAndUntouched()
    {
        var report = await ScenarioFiles.SimulateAsync(GatedScenarios.FailedShare(5));

        Assert.Equal([("PT1M", "update", "staging", "Succeeded", null), ("PT31M10S", "update", "production", "Skipped", "GateFailedInstancePercentExceeded")], Actions(report));
        Assert.Equal(
            "gate after 'staging': the update at PT1M Succeeded at PT31M10S with 1 of 4 instances failed (25 %), above maxFailedInstancePercent 5; not played",
            report.Objects("actions")[1]["error"].Str("message"));
        Assert.Equal("RollingUpgradeInProgressWithFailedUpgradedVMs", report.Named("scaleSets", "staging").Objects("runs")[0]["error"].Str("code"));
        var production = report.Named("scaleSets", "production");
        Assert.Empty(production.Objects("runs"));
        Assert.Equal(1, production["modelVersion"]!.GetValue<int>());
        Assert.All(production.Objects("instances"), i => Assert.Equal("1.0.0", i.Str("imageVersion")));
        Assert.Equal("PT31M10S", report.Str("simulatedDuration"));
    }

    [Fact]
    public async Task FailedShare_AtTheLimit_ProductionUpgradedFromTheInstantStagingEnded()
    {
        var report = await ScenarioFiles.SimulateAsync(GatedScenarios.FailedShare(25));

        Assert.Equal([("PT1M", "update", "staging", "Succeeded", null), ("PT31M10S", "update", "production", "Succeeded", null)], Actions(report));
        Assert.Equal([("Completed", "PT31M10S", "PT43M50S")], Runs(report, "production"));
        Assert.All(report.Named("scaleSets", "production").Objects("instances"), i => Assert.Equal("1.1.0", i.Str("imageVersion")));
    }

    [Fact]
    public async Task StagingFaulted_ProductionSkippedWithTheRunsError()
    {
        var scenario = GatedScenarios.Stages(("staging", 4), ("production", 2)).BadImageOn("staging", "0")
            .Update("staging", at: "PT1M").Update("production", after: GatedScenarios.After("staging", 100));

        var report = await ScenarioFiles.SimulateAsync(scenario);

        var skipped = report.Objects("actions")[1];
        Assert.Equal(("PT12M10S", "Skipped", "GateOperationNotSucceeded"), (skipped.Str("at"), skipped.Str("status"), skipped["error"].Str("code")));
        Assert.Equal(
            "gate after 'staging': the update at PT1M ended Failed (MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade) at PT12M10S with 1 of 4 instances failed (25 %); not played",
            skipped["error"].Str("message"));
        Assert.Empty(Runs(report, "production"));
    }

    [Fact]
    public async Task StagingCancelled_ProductionSkippedWhenTheBatchInFlightEnds()
    {
        var scenario = GatedScenarios.Stages(("staging", 4), ("production", 2)).Update("staging", at: "PT1M")
            .Action("PT2M", "cancel", new JsonObject { ["scaleSet"] = "staging" })
            .Update("production", after: GatedScenarios.After("staging", 100));

        var report = await ScenarioFiles.SimulateAsync(scenario);

        Assert.Equal(
            [
                ("PT1M", "update", "staging", "Canceled", null),
                ("PT2M", "cancel", "staging", "Succeeded", null),
                ("PT7M20S", "update", "production", "Skipped", "GateOperationNotSucceeded"),
            ],
            Actions(report));
        Assert.Equal("gate after 'staging': the update at PT1M ended Canceled at PT7M20S with 0 of 4 instances failed (0 %); not played", report.Objects("actions")[2]["error"].Str("message"));
        Assert.Empty(Runs(report, "production"));
    }

    [Fact]
    public async Task UntilBeforeStagingEnds_ProductionSkippedAsNotEnded()
    {
        var scenario = GatedScenarios.Stages(("staging", 4), ("production", 2)).Update("staging", at: "PT1M").Update("production", after: GatedScenarios.After("staging"));
        scenario["until"] = "PT5M";

        var report = await ScenarioFiles.SimulateAsync(scenario);

        Assert.Equal([("PT1M", "update", "staging", "InProgress", null), ("PT5M", "update", "production", "Skipped", "GateOperationNotEnded")], Actions(report));
        Assert.Equal("gate after 'staging': the update at PT1M was still InProgress when the scenario ended at PT5M; not played", report.Objects("actions")[1]["error"].Str("message"));
    }

    /// <summary>
    /// Staging ends at PT7M20S, the instant a timed action protects production's instance 0 from scale-set actions: the
    /// timed action comes first, so the gated update's run leaves instance 0 out.
    /// </summary>
    [Fact]
    public async Task SameInstant_TimedActionsComeBeforeTheGatedOne()
    {
        var scenario = GatedScenarios.Stages(("staging", 1), ("production", 2)).Update("staging", at: "PT1M")
            .Action("PT7M20S", "setProtectionPolicy", new JsonObject
            {
                ["scaleSet"] = "production", ["instanceIds"] = new JsonArray("0"), ["protectFromScaleIn"] = true, ["protectFromScaleSetActions"] = true,
            })
            .Update("production", after: GatedScenarios.After("staging"));

        var report = await ScenarioFiles.SimulateAsync(scenario);

        Assert.Equal(
            [
                ("PT1M", "update", "staging", "Succeeded", null),
                ("PT7M20S", "setProtectionPolicy", "production", "Succeeded", null),
                ("PT7M20S", "update", "production", "Succeeded", null),
            ],
            Actions(report));
        Assert.Equal(
            [("0", "1.0.0"), ("1", "1.1.0")],
            report.Named("scaleSets", "production").Objects("instances").Select(i => (i.Str("instanceId"), i.Str("imageVersion"))));
        Assert.Equal([("Completed", "PT7M20S", "PT13M40S")], Runs(report, "production"));
    }

    /// <summary>On a scaled clock the gated action acts at the instant staging's operation ended, not when the driver's poll noticed it.</summary>
    [Fact]
    public async Task ScaledClock_GatedActionActsAtTheInstantStagingEnded()
    {
        var scenario = GatedScenarios.Stages(("staging", 1), ("production", 1)).Update("staging", at: "PT1M").Update("production", after: GatedScenarios.After("staging"));

        var report = await ScenarioFiles.SimulateAsync(scenario, "--clock", "scaled:100");

        var stagingEnd = Assert.Single(Runs(report, "staging")).End;
        Assert.NotNull(stagingEnd);
        var production = report.Objects("actions")[1];
        Assert.Equal(("Succeeded", stagingEnd), (production.Str("status"), production.Str("at")));
        Assert.Equal(stagingEnd, Assert.Single(Runs(report, "production")).Start);
    }

    /// <summary>The summary for people prints the skipped action with its gate's reason (wrapped at the console's 200 columns).</summary>
    [Fact]
    public async Task Summary_SkippedAction_PrintsTheGatesReason()
    {
        var text = await ScenarioFiles.SimulateTextAsync(GatedScenarios.FailedShare(5));

        Assert.Contains(
            "Action update on production skipped at PT31M10S: gate after 'staging': the update at PT1M Succeeded at PT31M10S with 1 of 4 instances failed (25 %), above maxFailedInstancePercent 5; not played",
            System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "),
            StringComparison.Ordinal);
    }
}
