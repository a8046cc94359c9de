using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Grains.Tests;

/// <summary>Rolling upgrades on the 2-silo cluster, with exact simulated times (fixed timing: 380 s per instance).</summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingUpgradeGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan U = Fleets.Upgrade;

    [Fact]
    public async Task Update_TenInstancesAtTwentyPercent_CompletesInFiveBatchesOfTwo()
    {
        const string name = "rolling-ten";
        await fixture.CreateAsync(name, Fleets.ScaleSet(10));
        var start = fixture.Now;
        var operation = await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        Assert.Equal("InProgress", operation.Status);

        var end = await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal(RunStatusCode.Completed, run.Code);
        Assert.Equal((10, 0, 0, 0), run.Progress);
        Assert.Null(run.Error);
        Assert.Equal(
            [["0", "1"], ["2", "3"], ["4", "5"], ["6", "7"], ["8", "9"]],
            run.Batches.Select(b => b.InstanceIds.ToArray()).ToArray());
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => (start + (i * U), start + ((i + 1) * U))).ToArray(),
            run.Batches.Select(b => (b.StartTime, b.EndTime!.Value)).ToArray());
        Assert.Equal(start + (5 * U), end);
        var done = await fixture.ScaleSet(name).GetOperationAsync(operation.Name);
        Assert.Equal(("Succeeded", start + (5 * U)), (done.Status, done.EndTime!.Value));
        var states = await fixture.StatesAsync(name);
        Assert.All(states, s => Assert.Equal((2, "1.1.0", 1), (s.ModelVersion, s.Image.Version, s.OperationSerial)));
    }

    [Fact]
    public async Task Update_ThreeOfTenUnhealthyAtTwentyPercent_FaultsBeforeFirstBatchWithCountersZero()
    {
        const string name = "rolling-precheck";
        await fixture.CreateAsync(name, Fleets.ScaleSet(10));
        await fixture.ScaleSet(name).SetUnhealthyAsync(["2", "5", "7"], true);
        var start = fixture.Now;

        var operation = await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal(RunStatusCode.Faulted, run.Code);
        Assert.Equal((0, 0, 0, 0), run.Progress);
        Assert.Empty(run.Batches);
        Assert.Equal(start, run.EndTime);
        Assert.Equal(RollingUpgradeErrors.BeforeRollingUpgrade, run.Error!.Code);
        Assert.Contains("30% of instances are in an unhealthy state, more than the threshold of 20%", run.Error.Message, StringComparison.Ordinal);
        Assert.Equal(
            [("RollingUpgradeInstanceUnhealthyError", "rolling-precheck/virtualMachines/2"), ("RollingUpgradeInstanceUnhealthyError", "rolling-precheck/virtualMachines/5"), ("RollingUpgradeInstanceUnhealthyError", "rolling-precheck/virtualMachines/7")],
            run.Error.Details.Select(d => (d.Code, d.Target)).ToArray());
        var done = await fixture.ScaleSet(name).GetOperationAsync(operation.Name);
        Assert.Equal(("Failed", RollingUpgradeErrors.BeforeRollingUpgrade), (done.Status, done.ErrorCode));
        Assert.All(await fixture.StatesAsync(name), s => Assert.Equal((1, "1.0.0", 0), (s.ModelVersion, s.Image.Version, s.OperationSerial)));
    }

    [Fact]
    public async Task Update_TwoOfTenUnhealthyAtTwentyPercent_StartsBecauseExactlyAtTheLimitIsAllowed()
    {
        const string name = "rolling-at-limit";
        await fixture.CreateAsync(name, Fleets.ScaleSet(10));
        await fixture.ScaleSet(name).SetUnhealthyAsync(["2", "5"], true);

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal(RunStatusCode.Completed, run.Code);
        Assert.Equal((10, 0, 0, 0), run.Progress);

        // Batches shrink so that the unhealthy instances outside a batch plus the batch stay within 2,
        // never below one; a reimage heals an instance made unhealthy by the fault.
        Assert.Equal(
            [["0"], ["1"], ["2"], ["3"], ["4", "5"], ["6", "7"], ["8", "9"]],
            run.Batches.Select(b => b.InstanceIds.ToArray()).ToArray());
    }

    [Fact]
    public async Task Update_ZeroToleranceAndOneFailedExtension_FaultsAfterFirstBatchAndLeavesTheRestStale()
    {
        const string name = "rolling-zero";
        var faults = new FaultRules { ExtensionFailures = [new ExtensionFault("app", 0, ["1"])] };
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, policy: Fleets.Policy(upgradedUnhealthy: 0)), faults: faults);
        var start = fixture.Now;

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal(RunStatusCode.Faulted, run.Code);
        Assert.Equal(RollingUpgradeErrors.UpgradedExceeded, run.Error!.Code);
        Assert.Equal((1, 1, 0, 8), run.Progress);
        Assert.Single(run.Batches);

        // The failed extension ends the upgrade when the extension fails: 370 s, before any probe.
        Assert.Equal(start + U, run.Batches[0].EndTime);
        Assert.Equal([("VMExtensionProvisioningError", "rolling-zero/virtualMachines/1")], run.Error.Details.Select(d => (d.Code, d.Target!)).ToArray());
        var states = await fixture.StatesAsync(name);
        Assert.Equal([2, 2, 1, 1, 1, 1, 1, 1, 1, 1], states.Select(s => s.ModelVersion).ToArray());
        Assert.Equal("Failed", states[1].ProvisioningState);
    }

    [Fact]
    public async Task Update_FailuresBelowTheLimit_ContinueWithInProgressWithFailedError()
    {
        const string name = "rolling-some-failed";
        var faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("1.1.0", 0, ["4"])] };
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, policy: Fleets.Policy(upgradedUnhealthy: 50)), faults: faults);

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal(RunStatusCode.Completed, run.Code);
        Assert.Equal((9, 1, 0, 0), run.Progress);
        Assert.Equal(RollingUpgradeErrors.InProgressWithFailed, run.Error!.Code);
        Assert.Equal(["rolling-some-failed/virtualMachines/4"], run.Error.Details.Select(d => d.Target!).ToArray());
    }

    [Fact]
    public async Task Update_WithPause_WaitsBetweenBatchesButNotAfterTheLast()
    {
        const string name = "rolling-pause";
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, policy: Fleets.Policy(pause: "PT5M")));
        var start = fixture.Now;
        var pause = TimeSpan.FromMinutes(5);

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        var end = await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal(Enumerable.Range(0, 5).Select(i => start + (i * (U + pause))).ToArray(), run.Batches.Select(b => b.StartTime).ToArray());
        Assert.Equal(start + (5 * U) + (4 * pause), end);
        Assert.Equal(end, run.EndTime);
    }

    [Fact]
    public async Task Update_ThreeZones_UpgradesOneZoneAtATimeInAscendingOrder()
    {
        const string name = "rolling-zones";
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, zones: ["3", "1", "2"]));

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        // Placement spreads 0..9 over zones 1, 2, 3 in turn: zone 1 = 0,3,6,9; zone 2 = 1,4,7; zone 3 = 2,5,8.
        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal(
            [("1", new[] { "0", "3" }), ("1", ["6", "9"]), ("2", ["1", "4"]), ("2", ["7"]), ("3", ["2", "5"]), ("3", ["8"])],
            run.Batches.Select(b => (b.Zone!, b.InstanceIds.ToArray())).ToArray());
    }

    [Fact]
    public async Task Update_CrossZone_BatchesIgnoreZones()
    {
        const string name = "rolling-cross-zone";
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, zones: ["1", "2", "3"], policy: Fleets.Policy(crossZone: true)));

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal([["0", "1"], ["2", "3"], ["4", "5"], ["6", "7"], ["8", "9"]], run.Batches.Select(b => b.InstanceIds.ToArray()).ToArray());
        Assert.All(run.Batches, b => Assert.Null(b.Zone));
    }

    [Fact]
    public async Task CancelWhilePausing_ThenEmptyUpdate_StartsANewRunOverTheStaleInstancesOnly()
    {
        const string name = "rolling-cancel";
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, policy: Fleets.Policy(pause: "PT10M")));
        var start = fixture.Now;
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.Clock.RunUntilAsync(start + U + TimeSpan.FromMinutes(1));

        await fixture.ScaleSet(name).CancelRollingUpgradeAsync();

        var cancelled = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal((RunStatusCode.Cancelled, "Cancel", start + U + TimeSpan.FromMinutes(1)), (cancelled.Code, cancelled.LastAction, cancelled.LastActionTime));
        Assert.Equal((2, 0, 0, 8), cancelled.Progress);

        var restart = fixture.Now;
        await fixture.ScaleSet(name).UpdateAsync("{}");
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.NotEqual(cancelled.RunId, run.RunId);
        Assert.Equal((RunStatusCode.Completed, restart), (run.Code, run.StartTime));
        Assert.Equal((8, 0, 0, 0), run.Progress);
        Assert.Equal([["2", "3"], ["4", "5"], ["6", "7"], ["8", "9"]], run.Batches.Select(b => b.InstanceIds.ToArray()).ToArray());
        var snapshot = await fixture.ScaleSet(name).GetSnapshotAsync();
        Assert.Equal(2, snapshot.ModelVersion);
        Assert.All(await fixture.StatesAsync(name), s => Assert.Equal(1, s.OperationSerial));
    }

    [Fact]
    public async Task CancelDuringABatch_TheBatchFinishesThenTheRunIsCancelled()
    {
        const string name = "rolling-cancel-batch";
        await fixture.CreateAsync(name, Fleets.ScaleSet(10));
        var start = fixture.Now;
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.Clock.RunUntilAsync(start + TimeSpan.FromMinutes(2));

        await fixture.ScaleSet(name).CancelRollingUpgradeAsync();
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal((RunStatusCode.Cancelled, "Cancel", start + U), (run.Code, run.LastAction, run.EndTime!.Value));
        Assert.Equal((2, 0, 0, 8), run.Progress);
        await Assert.ThrowsAsync<Domain.AzureException>(() => fixture.ScaleSet(name).CancelRollingUpgradeAsync());
    }

    [Fact]
    public async Task Update_ProtectedInstance_StaysStaleAndIsNotCounted()
    {
        const string name = "rolling-protected";
        await fixture.CreateAsync(name, Fleets.ScaleSet(10));
        await fixture.ScaleSet(name).SetProtectionPolicyAsync(["3"], true, true);

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal((RunStatusCode.Completed, (9, 0, 0, 0)), (run.Code, run.Progress));
        Assert.DoesNotContain("3", run.Batches.SelectMany(b => b.InstanceIds));
        var instance = (await fixture.Instance(name, "3").GetStateAsync())!;
        Assert.Equal((1, "1.0.0"), (instance.ModelVersion, instance.Image.Version));
    }

    [Fact]
    public async Task Update_PrioritizeUnhealthy_UpgradesUnhealthyInstancesFirst()
    {
        const string name = "rolling-prioritize";
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, policy: Fleets.Policy(unhealthy: 50, prioritizeUnhealthy: true)));
        await fixture.ScaleSet(name).SetUnhealthyAsync(["7", "8"], true);

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal(["7", "8"], run.Batches[0].InstanceIds.ToArray());
        Assert.Equal(RunStatusCode.Completed, run.Code);
    }
}
