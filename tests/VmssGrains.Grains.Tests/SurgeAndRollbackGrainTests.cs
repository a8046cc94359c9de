using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.Time;

namespace VmssGrains.Grains.Tests;

/// <summary>maxSurge and rollbackFailedInstancesOnPolicyBreach.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SurgeAndRollbackGrainTests(ClusterFixture fixture)
{
    // A new instance: provisioning 4 min, the extension 2 min, probes 10 s. Deleting an old one: drain 10 s, delete 1 min.
    private static readonly TimingProfile Timing = Fleets.Fixed with
    {
        Provision = Distribution.Fixed(TimeSpan.FromMinutes(4)),
        Delete = Distribution.Fixed(TimeSpan.FromMinutes(1)),
    };

    private static readonly TimeSpan Surge = TimeSpan.FromSeconds(240 + 120 + 10 + 10 + 60);

    [Fact]
    public async Task MaxSurge_ReplacesEachBatchWithNewInstances_AndNeverDropsBelowCapacity()
    {
        const string name = "surge";
        await fixture.CreateAsync(name, Fleets.ScaleSet(4, policy: SurgePolicy()), timing: Timing);
        var start = fixture.Now;

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        var end = await fixture.SettleAsync();

        var snapshot = await fixture.ScaleSet(name).GetSnapshotAsync();
        var run = snapshot.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Completed, (4, 0, 0, 0)), (run.Code, run.Progress));
        Assert.Equal([["0", "1"], ["2", "3"]], run.Batches.Select(b => b.InstanceIds.ToArray()).ToArray());
        Assert.Equal(start + (2 * Surge), end);
        Assert.Equal(["4", "5", "6", "7"], snapshot.Instances.Select(i => i.InstanceId).ToArray());
        Assert.All(snapshot.Instances, i => Assert.Equal((2, "1.1.0", HealthState.Healthy), (i.ModelVersion, i.Image.Version, i.Health)));
        Assert.True(snapshot.Timeline.Where(p => p.Time >= start).All(p => p.InService >= 4), "in service dropped below the capacity");
    }

    [Fact]
    public async Task MaxSurge_AllocationFailure_FallsBackToInPlace()
    {
        const string name = "surge-allocation";
        await fixture.CreateAsync(name, Fleets.ScaleSet(4, policy: SurgePolicy()), timing: Timing, faults: new FaultRules { AllocationFailureProbability = 1 });

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var snapshot = await fixture.ScaleSet(name).GetSnapshotAsync();
        Assert.Equal((RunStatusCode.Completed, (4, 0, 0, 0)), (snapshot.Runs[^1].Run.Code, snapshot.Runs[^1].Run.Progress));
        Assert.Equal(["0", "1", "2", "3"], snapshot.Instances.Select(i => i.InstanceId).ToArray());
        Assert.All(snapshot.Instances, i => Assert.Equal((2, "1.1.0"), (i.ModelVersion, i.Image.Version)));
    }

    [Fact]
    public async Task MaxSurge_NewInstanceNeverHealthy_IsDeletedAndTheRunCancelled()
    {
        const string name = "surge-unhealthy";
        var faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("1.1.0", 0, ["4"])] };
        await fixture.CreateAsync(name, Fleets.ScaleSet(4, policy: SurgePolicy()), timing: Timing, faults: faults);

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var snapshot = await fixture.ScaleSet(name).GetSnapshotAsync();
        var run = snapshot.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Cancelled, "MaxSurgeInstanceUnhealthy"), (run.Code, run.Error!.Code));
        Assert.Equal((1, 0, 0, 3), run.Progress);
        Assert.Equal(["0", "2", "3", "5"], snapshot.Instances.Select(i => i.InstanceId).ToArray());
        Assert.Equal([1, 1, 1, 2], snapshot.Instances.Select(i => i.ModelVersion).ToArray());
        Assert.Null(await fixture.Instance(name, "4").GetStateAsync());
    }

    [Fact]
    public async Task PolicyBreach_WithRollback_ReturnsTheFailedInstancesToThePreviousModel()
    {
        const string name = "rollback-on-breach";
        var faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("1.1.0", 0, ["1"])] };
        var policy = Fleets.Policy(upgradedUnhealthy: 0);
        policy["rollbackFailedInstancesOnPolicyBreach"] = true;
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, policy: policy), faults: faults);

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal((RunStatusCode.Faulted, RollingUpgradeErrors.UpgradedExceeded), (run.Code, run.Error!.Code));
        Assert.Equal((1, 0), (run.RolledBackSucceeded, run.RolledBackFailed));
        var states = await fixture.StatesAsync(name);
        Assert.Equal((2, "1.1.0"), (states[0].ModelVersion, states[0].Image.Version));
        Assert.Equal((1, "1.0.0", HealthState.Healthy), (states[1].ModelVersion, states[1].Image.Version, states[1].Health));
    }

    [Fact]
    public async Task PolicyBreach_WithoutRollback_LeavesTheFailedInstancesOnTheNewModel()
    {
        const string name = "no-rollback-on-breach";
        var faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("1.1.0", 0, ["1"])] };
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, policy: Fleets.Policy(upgradedUnhealthy: 0)), faults: faults);

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal((RunStatusCode.Faulted, 0), (run.Code, run.RolledBackSucceeded));
        var one = (await fixture.Instance(name, "1").GetStateAsync())!;
        Assert.Equal((2, "1.1.0", HealthState.Unhealthy), (one.ModelVersion, one.Image.Version, one.Health));
    }

    private static System.Text.Json.Nodes.JsonObject SurgePolicy()
    {
        var policy = Fleets.Policy(batch: 50, unhealthy: 50);
        policy["maxSurge"] = true;
        return policy;
    }
}
