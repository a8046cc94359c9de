using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>simulate --scenario examples/*.json --output json</c> on the embedded silo (virtual clock): exact report
/// values, checked by hand against each scenario before they were pinned.
/// </summary>
public sealed class SimulateTests(SimulationReports reports) : IClassFixture<SimulationReports>
{
    /// <summary>
    /// automatic-vs-rolling: drain PT10S + reimage PT3M + boot PT1M + extension PT2M = PT6M10S of work per
    /// instance, then two probes 5 s apart before it is healthy: PT6M20S until back in service. Both updates at PT1M.
    /// Rolling, 10 instances at 20 %: batches of 2, each PT6M20S, back to back (no pause): PT1M, PT7M20S, ... PT32M40S.
    /// Automatic: every instance at once and no health gate, so its one batch ends with the work at PT7M10S.
    /// </summary>
    [Fact]
    public async Task Simulate_AutomaticVsRolling_ReportsExactTimelineAndLoad()
    {
        var (_, report) = await reports.GetAsync("automatic-vs-rolling");
        Assert.Equal(11, report.Whole("seed"));
        Assert.Equal("PT32M40S", report.Str("simulatedDuration"));

        var automatic = report.Named("scaleSets", "automatic");
        Assert.Equal(2, automatic.Whole("modelVersion"));
        Assert.Equal("Automatic", automatic.Str("upgradeMode"));
        Assert.Null(automatic["latest"]);
        var automaticRun = Assert.Single(automatic.Objects("runs"));
        Assert.Equal("Automatic", automaticRun.Str("kind"));
        Assert.Equal("User", automaticRun.Str("startedBy"));
        AssertStatus(automaticRun["runningStatus"], "Completed", "PT1M", "PT7M10S");
        Assert.Equal((10, 0, 0, 0), automaticRun["progress"].Progress());
        Assert.Null(automaticRun["error"]);
        var everyInstance = Assert.Single(automaticRun.Objects("batches"));
        AssertBatch(everyInstance, 1, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], "PT1M", "PT7M10S");
        AssertInstances(automatic, 10, latest: 10, image: "1.1.0", healthy: 10);

        var rolling = report.Named("scaleSets", "rolling");
        Assert.Equal(2, rolling.Whole("modelVersion"));
        var latest = rolling["latest"]!["properties"];
        AssertStatus(latest!["runningStatus"], "Completed", "2026-01-01T00:01:00.0000000+00:00", endTime: null);
        Assert.Equal((10, 0, 0, 0), latest["progress"].Progress());
        Assert.Null(latest["error"]);
        Assert.Equal(20, latest["policy"].Whole("maxBatchInstancePercent"));
        var rollingRun = Assert.Single(rolling.Objects("runs"));
        Assert.Equal("RollingUpgrade", rollingRun.Str("kind"));
        AssertStatus(rollingRun["runningStatus"], "Completed", "PT1M", "PT32M40S");
        var batches = rollingRun.Objects("batches");
        Assert.Equal(5, batches.Count);
        AssertBatch(batches[0], 1, ["0", "1"], "PT1M", "PT7M20S");
        AssertBatch(batches[1], 2, ["2", "3"], "PT7M20S", "PT13M40S");
        AssertBatch(batches[2], 3, ["4", "5"], "PT13M40S", "PT20M");
        AssertBatch(batches[3], 4, ["6", "7"], "PT20M", "PT26M20S");
        AssertBatch(batches[4], 5, ["8", "9"], "PT26M20S", "PT32M40S");
        AssertInstances(rolling, 10, latest: 10, image: "1.1.0", healthy: 10);

        // 8,000 requests/s at 1,000 per instance over PT32M40S = 1,960 s: 15,680,000 offered per load balancer.
        // Automatic: no instance in service for PT6M20S = 380 s: 8,000 x 380 = 3,040,000 dropped.
        // Rolling: 8 of 10 in service at worst, exactly the 8,000 offered: nothing dropped.
        var load = report["load"]!;
        Assert.Equal(3_040_000, load.Whole("requestsDropped"));
        Assert.Equal((0.0, 0L), (load.Number("minInServicePercent"), load.Whole("minInService")));
        var automaticLb = load.Named("loadBalancers", "automatic-lb");
        Assert.Equal((0.0, 0L), (automaticLb.Number("minInServicePercent"), automaticLb.Whole("minInService")));
        Assert.Equal(15_680_000, automaticLb.Whole("requestsOffered"));
        Assert.Equal(12_640_000, automaticLb.Whole("requestsServed"));
        Assert.Equal(3_040_000, automaticLb.Whole("requestsDropped"));
        var rollingLb = load.Named("loadBalancers", "rolling-lb");
        Assert.Equal((80.0, 8L), (rollingLb.Number("minInServicePercent"), rollingLb.Whole("minInService")));
        Assert.Equal(15_680_000, rollingLb.Whole("requestsOffered"));
        Assert.Equal(0, rollingLb.Whole("requestsDropped"));
        Assert.Equal(100, rollingLb.Number("availabilityPercent"));
    }

    /// <summary>
    /// manual-update-instances: the PT1M update changes the model (version 2) and touches nothing; update-instances
    /// on 0 and 1 at PT10M takes PT6M10S of work (PT16M10S), and both are healthy after two probes (PT16M20S).
    /// </summary>
    [Fact]
    public async Task Simulate_ManualUpdateInstances_UpgradesOnlyTheNamedInstances()
    {
        var (_, report) = await reports.GetAsync("manual-update-instances");
        Assert.Equal(3, report.Whole("seed"));
        Assert.Equal("PT16M20S", report.Str("simulatedDuration"));
        var manual = report.Named("scaleSets", "manual");
        Assert.Equal(2, manual.Whole("modelVersion"));
        Assert.Equal("Manual", manual.Str("upgradeMode"));
        Assert.Null(manual["latest"]);
        var run = Assert.Single(manual.Objects("runs"));
        Assert.Equal("ManualUpgrade", run.Str("kind"));
        AssertStatus(run["runningStatus"], "Completed", "PT10M", "PT16M10S");
        Assert.Equal((2, 0, 0, 0), run["progress"].Progress());
        AssertBatch(Assert.Single(run.Objects("batches")), 1, ["0", "1"], "PT10M", "PT16M10S");

        var instances = manual.Objects("instances");
        Assert.Equal(["0", "1", "2", "3", "4", "5"], instances.Select(i => i.Str("instanceId")));
        Assert.Equal([true, true, false, false, false, false], instances.Select(i => i.Bool("latestModelApplied")));
        Assert.Equal(["1.1.0", "1.1.0", "1.0.0", "1.0.0", "1.0.0", "1.0.0"], instances.Select(i => i.Str("imageVersion")));
        Assert.Equal([2L, 2, 1, 1, 1, 1], instances.Select(i => i.Whole("osDiskGeneration")));
        Assert.All(instances, i => Assert.Equal("Healthy", i.Str("health")));

        // 4,000 requests/s, 4 of 6 in service at worst at 1,000 each: a dip to 66.667 %, nothing dropped.
        var lb = report["load"].Named("loadBalancers", "manual-lb");
        Assert.Equal((66.667, 4L), (lb.Number("minInServicePercent"), lb.Whole("minInService")));
        Assert.Equal(0, lb.Whole("requestsDropped"));
        Assert.Equal(3_920_000, lb.Whole("requestsOffered"));
        Assert.Equal(["Succeeded", "Succeeded"], report.Objects("actions").Select(a => a.Str("status")));
    }

    /// <summary>
    /// seed-6vm-rolling: 34 % of 6 is 2 per batch, three batches, PT2M between batches; the durations carry the
    /// scenario's jitter (drawn from seed 7), so each batch's end is pinned as the seeded run gives it.
    /// </summary>
    [Fact]
    public async Task Simulate_Seed6VmRolling_CompletesInThreeBatchesWithPauses()
    {
        var (_, report) = await reports.GetAsync("seed-6vm-rolling");
        Assert.Equal(7, report.Whole("seed"));
        Assert.Equal("PT24M21S", report.Str("simulatedDuration"));
        var api = report.Named("scaleSets", "api");
        var latest = api["latest"]!["properties"];
        AssertStatus(latest!["runningStatus"], "Completed", "2026-01-01T00:01:00.0000000+00:00", endTime: null);
        Assert.Equal((6, 0, 0, 0), latest["progress"].Progress());
        Assert.Equal("PT2M", latest["policy"].Str("pauseTimeBetweenBatches"));
        var run = Assert.Single(api.Objects("runs"));
        AssertStatus(run["runningStatus"], "Completed", "PT1M", "PT24M21S");
        var batches = run.Objects("batches");
        Assert.Equal(3, batches.Count);
        AssertBatch(batches[0], 1, ["0", "1"], "PT1M", "PT7M34S");
        AssertBatch(batches[1], 2, ["2", "3"], "PT9M34S", "PT15M55S");
        AssertBatch(batches[2], 3, ["4", "5"], "PT17M55S", "PT24M21S");
        AssertInstances(api, 6, latest: 6, image: "2024.07.0", healthy: 6);
        Assert.All(api.Objects("instances"), i => Assert.Equal("install-python-api", Assert.Single(i.Objects("extensions")).Str("name")));

        // 3,000 requests/s, 4 of 6 in service at worst at 800 each = 3,200: nothing dropped.
        var lb = report["load"].Named("loadBalancers", "api-lb");
        Assert.Equal((66.667, 4L), (lb.Number("minInServicePercent"), lb.Whole("minInService")));
        Assert.Equal((66.667, 4L), (report["load"].Number("minInServicePercent"), report["load"].Whole("minInService")));
        Assert.Equal(0, lb.Whole("requestsDropped"));
        Assert.Equal(4_383_000, lb.Whole("requestsOffered"));
    }

    /// <summary>
    /// bad-image-1000: the first batch is 20 % of 1,000 (cross-zone, so one batch over every zone); the image
    /// leaves 59 of the 200 unhealthy (29.5 % > 20 %), so the run faults after that batch and 800 stay on 1.0.0.
    /// </summary>
    [Fact]
    public async Task Simulate_BadImage1000_FaultsAfterTheFirstBatch()
    {
        var (_, report) = await reports.GetAsync("bad-image-1000");
        Assert.Equal(42, report.Whole("seed"));
        Assert.Equal("PT17M14S", report.Str("simulatedDuration"));
        var fleet = report.Named("scaleSets", "fleet");
        var latest = fleet["latest"]!["properties"];
        AssertStatus(latest!["runningStatus"], "Faulted", "2026-01-01T00:05:00.0000000+00:00", endTime: null);
        Assert.Equal((141, 59, 0, 800), latest["progress"].Progress());
        Assert.Equal("MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade", latest["error"].Str("code"));
        var run = Assert.Single(fleet.Objects("runs"));
        AssertStatus(run["runningStatus"], "Faulted", "PT5M", "PT17M14S");
        var batch = Assert.Single(run.Objects("batches"));
        AssertBatch(batch, 1, [.. Enumerable.Range(0, 200).Select(i => $"{i}")], "PT5M", "PT17M14S");
        Assert.Null(batch["zone"]);

        var instances = fleet.Objects("instances");
        Assert.Equal(1000, instances.Count);
        Assert.Equal(200, instances.Count(i => i.Bool("latestModelApplied") && i.Str("imageVersion") == "1.1.0"));
        Assert.Equal(800, instances.Count(i => !i.Bool("latestModelApplied") && i.Str("imageVersion") == "1.0.0"));
        Assert.Equal(941, instances.Count(i => i.Str("health") == "Healthy"));
        var failed = FailedSet(report);
        Assert.Equal(59, failed.Count);
        Assert.Equal(
            ["1", "4", "5", "8", "12", "13", "14", "15", "16", "17", "20", "28", "34", "37", "39", "43", "44", "46", "50", "53", "56", "67", "75", "76", "79", "82", "83", "85", "91", "97", "98", "99", "106", "107", "109", "111", "112", "114", "117", "118", "124", "128", "130", "131", "137", "139", "141", "144", "149", "151", "156", "161", "166", "168", "172", "174", "178", "182", "199"],
            failed);
        Assert.Equal(failed.Select(id => $"fleet/virtualMachines/{id}"), latest["error"].Objects("details").Select(d => d.Str("target")));
        Assert.All(latest["error"].Objects("details"), d => Assert.Equal("RollingUpgradeInstanceUnhealthyError", d.Str("code")));

        // 600,000 requests/s against 800 in service at 1,000 each: the 20 % dip drops nothing.
        var lb = report["load"].Named("loadBalancers", "fleet-lb");
        Assert.Equal((80.0, 800L), (lb.Number("minInServicePercent"), lb.Whole("minInService")));
        Assert.Equal(0, lb.Whole("requestsDropped"));
    }

    /// <summary>
    /// automatic-os-upgrade: 2024.08 published at PT10M replicates 10 minutes, so the platform starts at PT20M:
    /// zone 1 (0,2,4,6,8) then zone 2 (1,3,5,7,9), 20 % of 10 = 2 per batch, PT6M20S each, back to back: PT58M.
    /// 2024.09 published at PT3H starts at PT3H10M; instance 0 of the first batch never becomes healthy: 10 s
    /// drain + 3 min reimage + 1 min boot + 2 min extension + 5 min health wait, then the previous disk back
    /// (3 min + 1 min + 2 min + 10 s of probes): the batch and the run end at PT3H27M20S, faulted (1 of 2 = 50 %).
    /// </summary>
    [Fact]
    public async Task Simulate_AutomaticOSUpgrade_PlatformRunsZoneByZoneThenRollsBackAndFaults()
    {
        var (_, report) = await reports.GetAsync("automatic-os-upgrade");
        Assert.Equal("PT3H27M20S", report.Str("simulatedDuration"));
        var fleet = report.Named("scaleSets", "fleet");
        var runs = fleet.Objects("runs");
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(("OSUpgrade", "Platform"), (r.Str("kind")!, r.Str("startedBy")!)));

        AssertStatus(runs[0]["runningStatus"], "Completed", "PT20M", "PT58M");
        var batches = runs[0].Objects("batches");
        Assert.Equal(["1", "1", "1", "2", "2", "2"], batches.Select(b => b.Str("zone")!));
        AssertBatch(batches[0], 1, ["0", "2"], "PT20M", "PT26M20S");
        AssertBatch(batches[5], 6, ["9"], "PT51M40S", "PT58M");

        AssertStatus(runs[1]["runningStatus"], "Faulted", "PT3H10M", "PT3H27M20S");
        Assert.Equal((1, 1, 0, 8), runs[1]["progress"].Progress());
        Assert.Equal("MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade", runs[1]["error"].Str("code"));
        Assert.Equal(1, runs[1]["rollbackInfo"].Whole("successfullyRolledbackInstanceCount"));
        AssertBatch(Assert.Single(runs[1].Objects("batches")), 1, ["0", "2"], "PT3H10M", "PT3H27M20S");

        // Newest first, as Azure lists them.
        var history = fleet.Objects("osUpgradeHistory");
        Assert.Equal(["2024.09", "2024.08"], history.Select(h => h["properties"]!["targetImageReference"].Str("exactVersion")!));
        Assert.Equal(["Platform", "Platform"], history.Select(h => h["properties"].Str("startedBy")!));
        Assert.Equal(1, history[0]["properties"]!["rollbackInfo"].Whole("successfullyRolledbackInstanceCount"));

        var instances = fleet.Objects("instances");
        Assert.Equal(["2024.08", "2024.08", "2024.09", "2024.08", "2024.08", "2024.08", "2024.08", "2024.08", "2024.08", "2024.08"], instances.Select(i => i.Str("imageVersion")!));
        Assert.All(instances, i => Assert.Equal("Healthy", i.Str("health")));
        Assert.Equal(0, report["load"].Whole("requestsDropped"));
    }

    [Fact]
    public async Task Simulate_SameScenarioAndSeedTwice_PrintsByteIdenticalJson()
    {
        var (first, _) = await reports.GetAsync("seed-6vm-rolling");
        var second = await Cli.OkAsync("simulate", "--scenario", Repo.Example("seed-6vm-rolling"), "--output", "json");
        Assert.Equal(first.Out, second.Out);
    }

    /// <summary>
    /// On a scaled clock the embedded silo plays the scenario in wall time (PT24M21S at 1,000 simulated seconds
    /// per second is about 1.5 s) and the driver waits until the run has ended, not only until the last action.
    /// Times depend on the wall clock, so only the outcome is pinned (and the warning that they come out late).
    /// </summary>
    [Fact]
    public async Task Simulate_Seed6VmRollingOnScaledClock_WaitsUntilTheRunHasEnded()
    {
        var result = await Cli.RunAsync("simulate", "--scenario", Repo.Example("seed-6vm-rolling"), "--output", "json", "--clock", "scaled:1000");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("warning: --clock: scaled:1000 is faster than scaled:100", Assert.Single(result.ErrLines), StringComparison.Ordinal);
        var report = Json.ParseObject(result);
        var api = report.Named("scaleSets", "api");
        var run = Assert.Single(api.Objects("runs"));
        Assert.Equal("Completed", run["runningStatus"].Str("code"));
        Assert.Equal((6, 0, 0, 0), run["progress"].Progress());
        Assert.Equal(3, run.Objects("batches").Count);
        AssertInstances(api, 6, latest: 6, image: "2024.07.0", healthy: 6);
    }

    [Fact]
    public async Task Simulate_BadImage1000WithAnotherSeed_FailsOtherInstances()
    {
        var (_, seed42) = await reports.GetAsync("bad-image-1000");
        var (_, seed43) = await reports.GetAsync("bad-image-1000", "--seed", "43");
        Assert.Equal(43, seed43.Whole("seed"));
        var latest = seed43.Named("scaleSets", "fleet")["latest"]!["properties"];
        Assert.Equal("Faulted", latest!["runningStatus"].Str("code"));
        Assert.NotEqual(FailedSet(seed42), FailedSet(seed43));
        Assert.Equal(FailedSet(seed43).Count, latest["progress"].Whole("failedInstanceCount"));
    }

    [Fact]
    public async Task Simulate_WithoutScenario_RunsTheSixVmDemo()
    {
        var result = await Cli.OkAsync("simulate");
        Assert.Equal("", result.Err);
        Assert.Contains("Scale set api (Rolling, model version 2): 6 instances, 6 on the latest model, 6 healthy", result.Out, StringComparison.Ordinal);
        Assert.Contains("Completed", result.Out, StringComparison.Ordinal);
        Assert.Contains("Load: min in service 66.667 % of target (4 instances) · availability 100 % · served 4,383,000 · dropped 0", result.Out, StringComparison.Ordinal);
    }

    private static List<string> FailedSet(JsonObject report) =>
        [.. report.Named("scaleSets", "fleet").Objects("instances").Where(i => i.Str("health") != "Healthy").Select(i => i.Str("instanceId")!)];

    private static void AssertStatus(JsonNode? status, string code, string startTime, string? endTime)
    {
        Assert.Equal(code, status.Str("code"));
        Assert.Equal(startTime, status.Str("startTime"));
        Assert.Equal("Start", status.Str("lastAction"));
        Assert.Equal(startTime, status.Str("lastActionTime"));
        if (endTime is not null)
        {
            Assert.Equal(endTime, status.Str("endTime"));
        }
    }

    private static void AssertBatch(JsonObject batch, int index, string[] instanceIds, string startTime, string endTime)
    {
        Assert.Equal(index, batch.Whole("index"));
        Assert.Equal(instanceIds, batch.Strings("instanceIds"));
        Assert.Equal(startTime, batch.Str("startTime"));
        Assert.Equal(endTime, batch.Str("endTime"));
    }

    private static void AssertInstances(JsonObject scaleSet, int count, int latest, string image, int healthy)
    {
        var instances = scaleSet.Objects("instances");
        Assert.Equal(count, instances.Count);
        Assert.Equal(latest, instances.Count(i => i.Bool("latestModelApplied")));
        Assert.Equal(count, instances.Count(i => i.Str("imageVersion") == image));
        Assert.Equal(healthy, instances.Count(i => i.Str("health") == "Healthy"));
        Assert.All(instances, i => Assert.Equal(2, i.Whole("osDiskGeneration")));
    }
}
