using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

public class UpgradePlannerTests
{
    private static readonly RollingUpgradePolicy HalfAndHalf = new() { MaxBatchInstancePercent = 50, MaxUnhealthyInstancePercent = 50 };

    private static ImmutableArray<ImmutableArray<string>> Plan(List<InstanceSummary> fleet, RollingUpgradePolicy policy, bool gated = true) =>
        UpgradePlanner.Plan(fleet, [.. fleet.Select(i => i.InstanceId)], policy, gated);

    private static string[][] Batches(params int[][] batches) => [.. batches.Select(b => b.Select(Id).ToArray())];

    private static string[][] AsArrays(ImmutableArray<ImmutableArray<string>> plan) => [.. plan.Select(b => b.ToArray())];

    [Fact]
    public void Plan_TenInstancesAtTwentyPercent_ProducesFiveBatchesOfTwo()
    {
        var plan = Plan(Regional(10), RollingUpgradePolicy.Default);

        Assert.Equal(Batches([0, 1], [2, 3], [4, 5], [6, 7], [8, 9]), AsArrays(plan));
    }

    [Fact]
    public void Plan_ThreeInstancesAtTwentyPercent_ProducesBatchesOfOne()
    {
        var plan = Plan(Regional(3), RollingUpgradePolicy.Default);

        Assert.Equal(Batches([0], [1], [2]), AsArrays(plan));
    }

    [Fact]
    public void NextBatch_NineteenInstancesAtTwentyPercent_TakesFloorOfThree()
    {
        var fleet = Regional(19);
        var policy = RollingUpgradePolicy.Default with { MaxUnhealthyInstancePercent = 100 };

        var batch = UpgradePlanner.NextBatch(fleet, fleet, policy, gated: true);

        Assert.Equal(Ids(0, 1, 2), batch);
    }

    [Fact]
    public void Plan_IdsTwoAndTen_OrdersNumerically()
    {
        var fleet = Regional(12);
        fleet.Reverse();

        var plan = Plan(fleet, HalfAndHalf);

        Assert.Equal(Batches([0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]), AsArrays(plan));
    }

    [Fact]
    public void Plan_ScopeIsSubset_BatchSizeStillCountsWholeScaleSet()
    {
        var fleet = Regional(10);

        var plan = UpgradePlanner.Plan(fleet, Ids(1, 3, 5), RollingUpgradePolicy.Default);

        Assert.Equal(Batches([1, 3], [5]), AsArrays(plan));
    }

    [Fact]
    public void Plan_TwoZones_NoBatchMixesZones()
    {
        List<InstanceSummary> fleet = [.. Enumerable.Range(0, 8).Select(i => Instance(Id(i), i < 3 ? "1" : "2"))];

        var plan = Plan(fleet, HalfAndHalf);

        Assert.Equal(Batches([0, 1, 2], [3, 4, 5, 6], [7]), AsArrays(plan));
    }

    [Fact]
    public void Plan_ZonesTwoAndTen_UpgradesZoneTwoFirst()
    {
        List<InstanceSummary> fleet = [Instance("0", "10"), Instance("1", "10"), Instance("2", "2"), Instance("3", "2")];

        var plan = Plan(fleet, HalfAndHalf);

        Assert.Equal(Batches([2, 3], [0, 1]), AsArrays(plan));
    }

    [Fact]
    public void Plan_CrossZoneUpgradeEnabled_MixesZonesInIdOrder()
    {
        List<InstanceSummary> fleet = [.. Enumerable.Range(0, 8).Select(i => Instance(Id(i), i < 3 ? "1" : "2"))];

        var plan = Plan(fleet, HalfAndHalf with { EnableCrossZoneUpgrade = true });

        Assert.Equal(Batches([0, 1, 2, 3], [4, 5, 6, 7]), AsArrays(plan));
    }

    [Fact]
    public void Plan_PrioritizeUnhealthyInstances_PutsUnhealthyFirst()
    {
        var plan = Plan(Regional(10, 7, 9), RollingUpgradePolicy.Default with { PrioritizeUnhealthyInstances = true });

        Assert.Equal(Batches([7, 9], [0, 1], [2, 3], [4, 5], [6, 8]), AsArrays(plan));
    }

    [Fact]
    public void NextBatch_TwoUnhealthyOutsideBatch_ShrinksBatchToStayWithinLimit()
    {
        // N = 20: batch 4, unhealthy limit 4; 2 unhealthy outside + 2 in the batch = 4.
        var fleet = Regional(20, 18, 19);

        var batch = UpgradePlanner.NextBatch(fleet, fleet, RollingUpgradePolicy.Default, gated: true);

        Assert.Equal(Ids(0, 1), batch);
    }

    [Fact]
    public void NextBatch_UnhealthyInsideBatch_AreNotCountedTwice()
    {
        // N = 20: limit 4; the 2 unhealthy instances are in the batch of 4, none outside.
        var fleet = Regional(20, 0, 1);

        var batch = UpgradePlanner.NextBatch(fleet, fleet, RollingUpgradePolicy.Default, gated: true);

        Assert.Equal(Ids(0, 1, 2, 3), batch);
    }

    [Fact]
    public void NextBatch_UnhealthyOutsideAlreadyAtLimit_NeverShrinksBelowOne()
    {
        var fleet = Regional(10, 7, 8, 9);

        var batch = UpgradePlanner.NextBatch(fleet, fleet, RollingUpgradePolicy.Default, gated: true);

        Assert.Equal(Ids(0), batch);
    }

    [Fact]
    public void Plan_Ungated_OneBatchOfEverything()
    {
        var plan = Plan(Regional(10, 3, 4, 5), RollingUpgradePolicy.Default, gated: false);

        Assert.Equal(Batches([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), AsArrays(plan));
    }

    [Fact]
    public void NextBatch_NothingPending_ReturnsEmpty()
    {
        var batch = UpgradePlanner.NextBatch([], Regional(10), RollingUpgradePolicy.Default, gated: true);

        Assert.Empty(batch);
    }
}
