using VmssGrains.Abstractions.Views;
using VmssGrains.Domain;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Grains.Tests;

/// <summary>Manual and Automatic modes, scale out and in, and validation that changes nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UpgradeModeGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Manual_UpdateLeavesEveryInstanceStale_UntilUpdateInstancesOnChosenIds()
    {
        const string name = "manual";
        await fixture.CreateAsync(name, Fleets.ScaleSet(6, mode: "Manual"));

        var update = await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        Assert.Equal("Succeeded", update.Status);
        var snapshot = await fixture.ScaleSet(name).GetSnapshotAsync();
        Assert.Equal(2, snapshot.ModelVersion);
        Assert.Empty(snapshot.Runs);
        Assert.All(snapshot.Instances, i => Assert.Equal(1, i.ModelVersion));

        var start = fixture.Now;
        var operation = await fixture.ScaleSet(name).UpdateInstancesAsync(["0", "1"]);
        await fixture.SettleAsync();

        var states = await fixture.StatesAsync(name);
        Assert.Equal([2, 2, 1, 1, 1, 1], states.Select(s => s.ModelVersion).ToArray());
        Assert.Equal(["1.1.0", "1.1.0", "1.0.0", "1.0.0", "1.0.0", "1.0.0"], states.Select(s => s.Image.Version).ToArray());

        // update-instances does not wait for health: it ends after the extensions (370 s).
        var done = await fixture.ScaleSet(name).GetOperationAsync(operation.Name);
        Assert.Equal(("Succeeded", start + TimeSpan.FromSeconds(370)), (done.Status, done.EndTime!.Value));
        Assert.Null((await fixture.ScaleSet(name).GetSnapshotAsync()).LatestRollingRun is -1 ? null : "a rolling run");
    }

    [Fact]
    public async Task Automatic_UpgradesEveryStaleInstanceAtOnce_WithAFullOutage()
    {
        const string name = "automatic";
        const string lb = "automatic-lb";
        await fixture.Grains.GetGrain<Abstractions.Grains.ILoadBalancerGrain>(lb).ConfigureAsync(new LoadBalancerConfig { RequestsPerSecond = 8000, CapacityPerInstance = 1000 });
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, mode: "Automatic", loadBalancer: lb));
        var start = fixture.Now;
        var before = (await fixture.Grains.GetGrain<Abstractions.Grains.ILoadBalancerGrain>(lb).GetStatusAsync()).Traffic;

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        var end = await fixture.SettleAsync();

        var snapshot = await fixture.ScaleSet(name).GetSnapshotAsync();
        var run = Assert.Single(snapshot.Runs).Run;
        Assert.Equal((RunKind.Automatic, RunStatusCode.Completed), (run.Kind, run.Code));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{i}").ToArray(), Assert.Single(run.Batches).InstanceIds.ToArray());

        // No health gate: the run ends after drain, reimage, boot and the extension; the probes finish 10 s later.
        Assert.Equal(start + TimeSpan.FromSeconds(370), run.EndTime);
        Assert.Equal(start + TimeSpan.FromSeconds(380), end);
        Assert.Equal(-1, snapshot.LatestRollingRun);
        var traffic = (await fixture.Grains.GetGrain<Abstractions.Grains.ILoadBalancerGrain>(lb).GetStatusAsync()).Traffic;
        Assert.Equal(0, traffic.MinInServicePercent);
        Assert.Equal(8000 * 380, traffic.Dropped - before.Dropped);
    }

    [Fact]
    public async Task Rolling_DipsCapacityByOneBatch_AndDropsNothingWithHeadroom()
    {
        const string name = "rolling-dip";
        const string lb = "rolling-dip-lb";
        await fixture.Grains.GetGrain<Abstractions.Grains.ILoadBalancerGrain>(lb).ConfigureAsync(new LoadBalancerConfig { RequestsPerSecond = 8000, CapacityPerInstance = 1000 });
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, loadBalancer: lb));

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var traffic = (await fixture.Grains.GetGrain<Abstractions.Grains.ILoadBalancerGrain>(lb).GetStatusAsync()).Traffic;
        Assert.Equal(80, traffic.MinInServicePercent);
        Assert.Equal(0, traffic.Dropped);
    }

    [Fact]
    public async Task Scale_OutAddsInstancesOnTheLatestModel_InSparesProtectedInstances()
    {
        const string name = "scaling";
        await fixture.CreateAsync(name, Fleets.ScaleSet(4, mode: "Manual"));
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));

        await Assert.ThrowsAsync<AzureException>(() => fixture.ScaleSet(name).SetProtectionPolicyAsync(["9"], true, false));
        var grow = await fixture.ScaleSet(name).ScaleAsync(6);
        await fixture.SettleAsync();

        Assert.Equal("Succeeded", (await fixture.ScaleSet(name).GetOperationAsync(grow.Name)).Status);
        var grown = await fixture.ScaleSet(name).ListInstancesAsync();
        Assert.Equal(["0", "1", "2", "3", "4", "5"], grown.Select(i => i.InstanceId).ToArray());
        Assert.Equal([1, 1, 1, 1, 2, 2], grown.Select(i => i.ModelVersion).ToArray());
        Assert.All(grown, i => Assert.Equal(HealthState.Healthy, i.Health));

        await fixture.ScaleSet(name).SetProtectionPolicyAsync(["5"], true, false);
        await fixture.ScaleSet(name).ScaleAsync(3);
        await fixture.SettleAsync();

        Assert.Equal(["0", "1", "5"], (await fixture.ScaleSet(name).ListInstancesAsync()).Select(i => i.InstanceId).ToArray());
        Assert.Null(await fixture.Instance(name, "4").GetStateAsync());
    }

    [Fact]
    public async Task CreateRolling_WithoutHealthSource_IsRejectedAndCreatesNothing()
    {
        const string name = "no-health";
        var json = Fleets.ScaleSet(3).Replace("\"healthProbe\"", "\"notAProbe\"", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<AzureException>(() => fixture.CreateAsync(name, json));

        Assert.Equal(("BadRequest", "properties.upgradePolicy.mode"), (error.Code, error.Target));
        Assert.Contains("health probe or health extension was not provided", error.Message, StringComparison.Ordinal);
        Assert.False(await fixture.ScaleSet(name).ExistsAsync());
        Assert.Null(await fixture.Instance(name, "0").GetStateAsync());
    }

    [Fact]
    public async Task Update_OutOfRangePolicy_IsRejectedAndChangesNothing()
    {
        const string name = "bad-update";
        await fixture.CreateAsync(name, Fleets.ScaleSet(3));
        var before = await fixture.ScaleSet(name).GetAsync();

        var error = await Assert.ThrowsAsync<AzureException>(() => fixture.ScaleSet(name).UpdateAsync(
            """{ "properties": { "upgradePolicy": { "rollingUpgradePolicy": { "maxBatchInstancePercent": 150 } } } }"""));

        Assert.Equal(("InvalidParameter", "properties.upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent"), (error.Code, error.Target));
        Assert.Contains("5–100", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.ScaleSet(name).GetAsync());
        Assert.Equal(1, (await fixture.ScaleSet(name).GetSnapshotAsync()).ModelVersion);
    }

    [Fact]
    public async Task UpdateInstances_UnknownId_IsNotFoundAndStartsNothing()
    {
        const string name = "unknown-id";
        await fixture.CreateAsync(name, Fleets.ScaleSet(3, mode: "Manual"));

        var error = await Assert.ThrowsAsync<AzureException>(() => fixture.ScaleSet(name).UpdateInstancesAsync(["0", "17"]));

        Assert.Equal("NotFound", error.Code);
        Assert.Contains("'17'", error.Message, StringComparison.Ordinal);
        Assert.Empty((await fixture.ScaleSet(name).GetSnapshotAsync()).Runs);
    }
}
