using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Planning;
using VmssGrains.Domain.Rolling;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

public class BatchPlanListerTests
{
    private const int Target = 2;

    /// <summary>Instances "0".."n-1" on model version 1, in <paramref name="zones"/> round robin (regional when none).</summary>
    private static List<InstanceSummary> Make(int n, string[]? zones = null, int[]? unhealthy = null) =>
        [.. Enumerable.Range(0, n).Select(i => Instance(Id(i), zones?[i % zones.Length], unhealthy?.Contains(i) == true ? HealthState.Unhealthy : HealthState.Healthy) with { ModelVersion = 1 })];

    /// <summary>The listing of the run a model update to version 2 starts, as the scale set starts it.</summary>
    private static BatchPlanListing List(List<InstanceSummary> fleet, RollingUpgradePolicy policy, RunKind kind = RunKind.RollingUpgrade, bool gated = true)
    {
        var template = new RunState { RunId = "run-1", Kind = kind, Policy = policy, Gated = gated, TargetModelVersion = Target, ScaleSet = "web" };
        var run = RollingUpgradeMachine.Start(template, VmssGrains.Domain.Fleet.RunScope.Stale(fleet, Target), T0).State;
        return BatchPlanLister.Of(run, ById(fleet));
    }

    private static string[][] Batches(BatchPlanListing listing) => [.. listing.Batches.Select(b => b.InstanceIds.ToArray())];

    [Fact]
    public void Of_SevenInstancesAtTwentyPercent_RoundsDownToBatchesOfOne()
    {
        var listing = List(Make(7), RollingUpgradePolicy.Default);

        Assert.Equal(1, listing.BatchSize);
        Assert.Equal("maxBatchInstancePercent 20 % of 7 instances = 1.4, rounded down: 1", listing.BatchSizeRule);
        Assert.Equal([["0"], ["1"], ["2"], ["3"], ["4"], ["5"], ["6"]], Batches(listing));
        Assert.Equal(["regional scale set: instances in id order", "1: the batch size"], listing.Batches[0].Reasons.ToArray());
        Assert.Empty(listing.ZoneOrder.ToArray());
        Assert.Empty(listing.Skipped.ToArray());
        Assert.Equal(BatchPlanLister.Assumptions.ToArray(), listing.Notes.ToArray());
    }

    [Fact]
    public void Of_ThreeInstancesAtTwentyPercent_RaisesZeroToOne()
    {
        var listing = List(Make(3), RollingUpgradePolicy.Default);

        Assert.Equal("maxBatchInstancePercent 20 % of 3 instances = 0.6, rounded down to 0, at least 1: 1", listing.BatchSizeRule);
        Assert.Equal([["0"], ["1"], ["2"]], Batches(listing));
    }

    [Fact]
    public void Of_TenInstancesInThreeZones_TakesOneZoneAtATimeLowestFirst()
    {
        var policy = RollingUpgradePolicy.Default with { MaxUnhealthyInstancePercent = 50, PauseTimeBetweenBatches = TimeSpan.FromMinutes(2) };

        var listing = List(Make(10, ["2", "1", "3"]), policy);

        // Zone 1 holds 1, 4, 7; zone 2 holds 0, 3, 6, 9; zone 3 holds 2, 5, 8.
        Assert.Equal("maxBatchInstancePercent 20 % of 10 instances = 2: 2", listing.BatchSizeRule);
        Assert.Equal(["1", "2", "3"], listing.ZoneOrder.ToArray());
        Assert.Equal([["1", "4"], ["7"], ["0", "3"], ["6", "9"], ["2", "5"], ["8"]], Batches(listing));
        Assert.Equal(["1", "1", "2", "2", "3", "3"], listing.Batches.Select(b => b.Zone ?? "none").ToArray());
        Assert.Equal(["zone 1: zones go one at a time, lowest first (3 instance(s) left in zone 1)", "2: the batch size"], listing.Batches[0].Reasons.ToArray());
        Assert.Equal(["zone 1: zones go one at a time, lowest first (1 instance(s) left in zone 1)", "1: all that is left in zone 1 (the batch size is 2)"], listing.Batches[1].Reasons.ToArray());
        Assert.Equal([.. BatchPlanLister.Assumptions, "pauseTimeBetweenBatches PT2M: a pause after every batch but the last."], listing.Notes.ToArray());
    }

    [Fact]
    public void Of_CrossZone_TakesInstancesOfEveryZoneInIdOrder()
    {
        var policy = RollingUpgradePolicy.Default with { MaxUnhealthyInstancePercent = 50, EnableCrossZoneUpgrade = true };

        var listing = List(Make(10, ["2", "1", "3"]), policy);

        Assert.Equal([["0", "1"], ["2", "3"], ["4", "5"], ["6", "7"], ["8", "9"]], Batches(listing));
        Assert.All(listing.Batches, b => Assert.Null(b.Zone));
        Assert.Equal(["2", "1", "3"], listing.ZoneOrder.ToArray());
        Assert.Equal(["enableCrossZoneUpgrade: instances from every zone, in id order", "2: the batch size"], listing.Batches[0].Reasons.ToArray());
    }

    [Fact]
    public void Of_PrioritizedUnhealthy_PutsTheUnhealthyInstanceInTheFirstBatch()
    {
        var policy = RollingUpgradePolicy.Default with { PrioritizeUnhealthyInstances = true };

        var listing = List(Make(10, unhealthy: [7]), policy);

        Assert.Equal([["7", "0"], ["1", "2"], ["3", "4"], ["5", "6"], ["8", "9"]], Batches(listing));
        Assert.Equal(["regional scale set: instances in id order", "2: the batch size", "prioritizeUnhealthyInstances: unhealthy 7 first"], listing.Batches[0].Reasons.ToArray());
        Assert.Equal(["regional scale set: instances in id order", "2: the batch size"], listing.Batches[1].Reasons.ToArray());
    }

    [Fact]
    public void Of_UnhealthyAtTheLimit_MakesBatchesSmallerUntilTheUnhealthyAreInOne()
    {
        // 2 unhealthy of 10 at maxUnhealthyInstancePercent 20: a batch of healthy instances would make 4 unavailable.
        var listing = List(Make(10, unhealthy: [7, 8]), RollingUpgradePolicy.Default);

        Assert.Equal([["0"], ["1"], ["2"], ["3"], ["4"], ["5"], ["6"], ["7", "8"], ["9"]], Batches(listing));
        Assert.Equal("1 instead of 2: the 2 unhealthy instance(s) outside the batch plus the batch may not exceed maxUnhealthyInstancePercent 20 % of 10 (2)", listing.Batches[0].Reasons[1]);
        Assert.Equal("1 instead of 2: the 2 unhealthy instance(s) outside the batch plus the batch may not exceed maxUnhealthyInstancePercent 20 % of 10 (2)", listing.Batches[6].Reasons[1]);
        Assert.Equal("2: the batch size", listing.Batches[7].Reasons[1]);
        Assert.Equal("1: all that is left (the batch size is 2)", listing.Batches[8].Reasons[1]);
    }

    [Fact]
    public void Of_TooManyUnhealthy_ListsNoBatchAndSaysTheRunFaultsFirst()
    {
        var listing = List(Make(10, unhealthy: [0, 1, 2]), RollingUpgradePolicy.Default);

        Assert.Empty(listing.Batches);
        Assert.Equal(
            [.. BatchPlanLister.Assumptions, "No batch starts: 3 of 10 instances are unhealthy (0, 1, 2), more than maxUnhealthyInstancePercent 20 % of 10 allows (2); the run faults before its first batch."],
            listing.Notes.ToArray());
    }

    [Fact]
    public void Of_ProtectedAndUpToDateInstances_AreSkippedWithTheirReason()
    {
        var fleet = Make(6);
        fleet[2] = fleet[2] with { ProtectFromScaleSetActions = true };
        fleet[5] = fleet[5] with { ModelVersion = Target };
        var policy = RollingUpgradePolicy.Default with { MaxBatchInstancePercent = 50, MaxUnhealthyInstancePercent = 50 };

        var listing = List(fleet, policy);

        Assert.Equal(3, listing.BatchSize);
        Assert.Equal([["0", "1", "3"], ["4"]], Batches(listing));
        Assert.Equal(
            [new SkippedInstance("2", "protectFromScaleSetActions: upgrades leave it alone"), new SkippedInstance("5", "already on the latest model (version 2)")],
            listing.Skipped.ToArray());
    }

    [Fact]
    public void Of_MaxSurge_SaysNewInstancesAreCreatedPerBatch()
    {
        var policy = RollingUpgradePolicy.Default with { MaxBatchInstancePercent = 50, MaxUnhealthyInstancePercent = 50, MaxSurge = true };

        var listing = List(Make(4), policy);

        Assert.Equal([["0", "1"], ["2", "3"]], Batches(listing));
        Assert.Equal(
            ["regional scale set: instances in id order", "2: the batch size", "maxSurge: 2 new instance(s) on the new model are created first; each old instance is deleted once its replacement is healthy, so capacity does not drop"],
            listing.Batches[0].Reasons.ToArray());
    }

    [Fact]
    public void Of_AutomaticRun_IsOneBatchOfEverythingInScope()
    {
        var listing = List(Make(4, unhealthy: [0, 1, 2]), RollingUpgradePolicy.Default, RunKind.Automatic, gated: false);

        Assert.Equal(4, listing.BatchSize);
        Assert.Equal("not batched: the Automatic run takes every instance in scope at once (4)", listing.BatchSizeRule);
        Assert.Equal([["0", "1", "2", "3"]], Batches(listing));
        Assert.Equal(["one batch of all 4 instance(s) in scope at once: the Automatic run is not batched and not health-gated"], listing.Batches[0].Reasons.ToArray());
    }

    [Fact]
    public void PlanDecisions_AreTheBatchesTheEnginesPlan()
    {
        var fleet = Make(10, ["1", "2"], unhealthy: [3]);
        var policy = RollingUpgradePolicy.Default with { PrioritizeUnhealthyInstances = true, MaxUnhealthyInstancePercent = 40 };
        var scope = fleet.Select(i => i.InstanceId).ToList();

        Assert.Equal(
            UpgradePlanner.Plan(fleet, scope, policy).Select(b => b.ToArray()),
            UpgradePlanner.PlanDecisions(fleet, scope, policy).Select(d => d.InstanceIds.ToArray()));
    }
}
