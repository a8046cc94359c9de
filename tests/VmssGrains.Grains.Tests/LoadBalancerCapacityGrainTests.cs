using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.Time;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// Capacity relative to the target capacity (docs/behaviour.md#target-capacity): the scale sets behind a load balancer tell it their
/// <c>sku.capacity</c>, and surge, scale-out and scale-in add or remove backends without counting as capacity loss.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LoadBalancerCapacityGrainTests(ClusterFixture fixture)
{
    // A new instance: provisioning 4 min, the extension 2 min, probes 10 s. Deleting an old one: drain 10 s, delete 1 min.
    private static readonly TimingProfile Timing = Fleets.Fixed with
    {
        Provision = Distribution.Fixed(TimeSpan.FromMinutes(4)),
        Delete = Distribution.Fixed(TimeSpan.FromMinutes(1)),
    };

    [Fact]
    public async Task MaxSurge_TenInstances_StaysAtHundredPercentAndTenInService()
    {
        const string name = "capacity-surge";
        var lb = await LoadBalancerAsync("capacity-surge-lb");
        var policy = Fleets.Policy();
        policy["maxSurge"] = true;
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, policy: policy, loadBalancer: "capacity-surge-lb"), timing: Timing);

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetSnapshotAsync()).Runs[^1].Run;
        Assert.Equal((RunStatusCode.Completed, (10, 0, 0, 0)), (run.Code, run.Progress));

        // Up to 12 backends registered (10 old + 2 new per batch), never fewer than 10 in service: relative to the
        // registered backends this used to read 83.333 %.
        var status = await lb.GetStatusAsync();
        Assert.Equal((100.0, 10), (status.Traffic.MinInServicePercent, status.Traffic.MinInService));
        Assert.Equal((10, 10, 10), (status.Traffic.TargetCapacity, status.Backends, status.InService));
        Assert.Equal(0, status.Traffic.Dropped);
    }

    [Fact]
    public async Task Rolling_ScaleOutDuringTheFirstBatch_DoesNotLowerTheFigure()
    {
        const string name = "capacity-scale-out";
        var lb = await LoadBalancerAsync("capacity-scale-out-lb");
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, loadBalancer: "capacity-scale-out-lb"), timing: Timing);
        var start = fixture.Now;

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.Clock.RunUntilAsync(start + TimeSpan.FromSeconds(100));
        var during = await lb.GetStatusAsync();
        await fixture.ScaleSet(name).ScaleAsync(12);
        var scaled = await lb.GetStatusAsync();
        await fixture.SettleAsync();

        // Batch 1 has 2 of 10 out of service; the 2 new instances register at once but serve only after 6 min 10 s, and
        // the scale set asks 12 of the load balancer only once their provisioning has ended.
        Assert.Equal((10, 8, 80.0), (during.Traffic.TargetCapacity, during.InService, during.Traffic.InServicePercent));
        Assert.Equal((10, 12, 8, 80.0), (scaled.Traffic.TargetCapacity, scaled.Backends, scaled.InService, scaled.Traffic.InServicePercent));
        var status = await lb.GetStatusAsync();
        Assert.Equal((80.0, 8), (status.Traffic.MinInServicePercent, status.Traffic.MinInService));
        Assert.Equal((12, 12, 12, 100.0), (status.Traffic.TargetCapacity, status.Backends, status.InService, status.Traffic.InServicePercent));
    }

    [Fact]
    public async Task Targets_CreateScaleUpdateAndDelete_AreTheSumOfSkuCapacityBehindTheLoadBalancer()
    {
        const string lbName = "capacity-targets-lb";
        var lb = await LoadBalancerAsync(lbName);
        async Task<int> TargetAsync() => (await lb.GetStatusAsync()).Traffic.TargetCapacity;

        await fixture.CreateAsync("capacity-a", Fleets.ScaleSet(4, mode: "Manual", loadBalancer: lbName), timing: Timing);
        Assert.Equal(4, await TargetAsync());
        await fixture.CreateAsync("capacity-b", Fleets.ScaleSet(3, mode: "Manual", loadBalancer: lbName), timing: Timing);
        Assert.Equal(7, await TargetAsync());

        await fixture.ScaleSet("capacity-a").ScaleAsync(6);
        Assert.Equal(7, await TargetAsync());
        await fixture.SettleAsync();
        Assert.Equal(9, await TargetAsync());
        await fixture.ScaleSet("capacity-b").UpdateAsync("""{ "sku": { "capacity": 1 } }""");
        Assert.Equal(7, await TargetAsync());
        await fixture.SettleAsync();
        await fixture.ScaleSet("capacity-a").DeleteAsync();
        Assert.Equal(1, await TargetAsync());

        // Scale-out, scale-in and deletion took no capacity away (never below the target), though the count fell to 1.
        var status = await lb.GetStatusAsync();
        Assert.Equal((1, 1, 100.0), (status.Backends, status.InService, status.Traffic.MinInServicePercent));
        Assert.Equal(1, status.Traffic.MinInService);
    }

    [Fact]
    public async Task SetTargetCapacity_Negative_IsRefused()
    {
        var lb = fixture.Grains.GetGrain<ILoadBalancerGrain>("capacity-negative-lb");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => lb.SetTargetCapacityAsync("x", -1));
        Assert.Equal(0, (await lb.GetStatusAsync()).Traffic.TargetCapacity);
    }

    private async Task<ILoadBalancerGrain> LoadBalancerAsync(string name)
    {
        var lb = fixture.Grains.GetGrain<ILoadBalancerGrain>(name);
        await lb.ConfigureAsync(new LoadBalancerConfig { RequestsPerSecond = 8000, CapacityPerInstance = 1000 });
        return lb;
    }
}
