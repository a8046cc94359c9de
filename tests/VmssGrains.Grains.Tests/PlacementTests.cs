using System.Globalization;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Simulation.Driving;
using Xunit.Abstractions;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// A fleet spreads over the silos of a cluster: where the activations of its instances, scale sets and load balancers
/// are, as the silos' catalogs list them (<c>IManagementGrain.GetDetailedGrainStatistics</c>).
/// </summary>
[Collection(PlacementCollection.Name)]
public sealed class PlacementTests(ThreeSiloClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ThreeSiloClusterFixture>
{
    private const int Sets = 20;
    private const int InstancesPerSet = 30;

    [Fact]
    public async Task Fleet_TwentySetsOfThirtyEachBehindItsOwnLoadBalancer_SpreadsOverThreeSilos()
    {
        for (var i = 0; i < Sets; i++)
        {
            await fixture.Grains.GetGrain<ILoadBalancerGrain>($"placement-lb-{i}").ConfigureAsync(new LoadBalancerConfig { RequestsPerSecond = 3000, CapacityPerInstance = 800 });
            await fixture.Grains.GetGrain<IScaleSetGrain>($"placement-{i}").CreateOrUpdateAsync(
                Fleets.ScaleSet(InstancesPerSet, loadBalancer: $"placement-lb-{i}"),
                new SimulationSettings { Seed = 1, Timing = Fleets.Fixed });
        }

        await fixture.SettleAsync();
        var sample = fixture.Grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance("placement-0", "0"));

        // Created, and not built yet: an instance is activated by its first call (docs/machines.md#deferred-creation).
        var created = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.Empty(PerSilo(created, sample));
        var pool = await fixture.Grains.GetGrain<ILoadBalancerGrain>("placement-lb-0").GetStatusAsync();
        Assert.Equal((InstancesPerSet, InstancesPerSet, InstancesPerSet), (pool.Backends, pool.InPool, pool.InService));

        // Each instance's first call (here a read) activates and builds it where hash placement puts it.
        for (var i = 0; i < Sets; i++)
        {
            var views = await Task.WhenAll(Enumerable.Range(0, InstancesPerSet).Select(n =>
                fixture.Grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance($"placement-{i}", n.ToString(CultureInfo.InvariantCulture))).GetStateAsync()));
            Assert.All(views, v => Assert.Equal(("Succeeded", true), (v!.ProvisioningState, v.InService)));
        }

        var activations = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var instances = PerSilo(activations, sample);
        var scaleSets = PerSilo(activations, fixture.Grains.GetGrain<IScaleSetGrain>("placement-0"));
        var loadBalancers = PerSilo(activations, fixture.Grains.GetGrain<ILoadBalancerGrain>("placement-lb-0"));
        output.WriteLine($"instances per silo: {Describe(instances)}; scale sets: {Describe(scaleSets)}; load balancers: {Describe(loadBalancers)}");

        // Every instance is active on some silo, and each of the 3 silos holds 25-42 % of them (150-252 of 600). Instances
        // are placed by a hash of their key: 184, 200 and 216 whichever ports the silos have.
        Assert.Equal(Sets * InstancesPerSet, instances.Values.Sum());
        Assert.True(instances.Count == ThreeSiloClusterFixture.Silos && instances.Values.All(n => n is >= 150 and <= 252), $"instances per silo: {Describe(instances)}");

        // The scale sets and the load balancers are spread too: no silo holds all of them.
        Assert.Equal(Sets, scaleSets.Values.Sum());
        Assert.Equal(Sets, loadBalancers.Values.Sum());
        Assert.True(scaleSets.Values.Max() < Sets, $"every scale set is on one silo: {Describe(scaleSets)}");
        Assert.True(loadBalancers.Values.Max() < Sets, $"every load balancer is on one silo: {Describe(loadBalancers)}");
    }

    [Fact]
    public async Task Upgrade_ParksEveryInstance_AndTheNextCallTakesItsStateBack()
    {
        const int sets = 3, size = 10;
        for (var i = 0; i < sets; i++)
        {
            await fixture.Grains.GetGrain<ILoadBalancerGrain>($"parking-lb-{i}").ConfigureAsync(new LoadBalancerConfig { RequestsPerSecond = 1000, CapacityPerInstance = 800 });
            await fixture.Grains.GetGrain<IScaleSetGrain>($"parking-{i}").CreateOrUpdateAsync(
                Fleets.ScaleSet(size, loadBalancer: $"parking-lb-{i}"),
                new SimulationSettings { Seed = 1, Timing = Fleets.Fixed });
        }

        await fixture.SettleAsync();
        var sample = fixture.Grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance("parking-0", "0"));
        for (var i = 0; i < sets; i++)
        {
            await fixture.Grains.GetGrain<IScaleSetGrain>($"parking-{i}").UpdateAsync(Fleets.ImagePatch("1.1.0"));
        }

        await fixture.SettleAsync();

        // Every instance was activated by its order, and parked when its upgrade ended (docs/machines.md#parking): none is
        // active, and its load balancer still sees it registered, in the pool and in service.
        Assert.Empty(PerSilo(await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(), sample, "parking-"));
        var pool = await fixture.Grains.GetGrain<ILoadBalancerGrain>("parking-lb-0").GetStatusAsync();
        Assert.Equal((size, size, size), (pool.Backends, pool.InPool, pool.InService));

        // A call takes the parked state back: the instance is as its upgrade left it, and what is written on it stays.
        await sample.WriteFileAsync(dataDisk: true, "/data/orders.db");
        var upgraded = (await sample.GetStateAsync())!;
        Assert.Equal((2, "web:1.1.0", 2, true), (upgraded.OsDisk.Generation, upgraded.OsDisk.SourceImage, upgraded.ModelVersion, upgraded.InService));
        Assert.Null(upgraded.Active);
        Assert.Equal([1], PerSilo(await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(), sample, "parking-").Values);

        // A second upgrade, at once on parking-0 (nine orders make their instance take its parked state back, one goes to
        // the instance taken back already) and on parking-2, whose instances were all taken back first: both go exactly alike.
        await Task.WhenAll(Enumerable.Range(0, size).Select(n => fixture.Grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance("parking-2", n.ToString(CultureInfo.InvariantCulture))).GetStateAsync()));
        await fixture.Grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance("parking-2", "0")).WriteFileAsync(dataDisk: true, "/data/orders.db");
        await fixture.Grains.GetGrain<IScaleSetGrain>("parking-0").UpdateAsync(Fleets.ImagePatch("1.2.0"));
        await fixture.Grains.GetGrain<IScaleSetGrain>("parking-2").UpdateAsync(Fleets.ImagePatch("1.2.0"));
        await fixture.SettleAsync();
        var parked = await fixture.StatesAsync("parking-0");
        var active = await fixture.StatesAsync("parking-2");
        Assert.Equal(size, parked.Count);
        Assert.Equal(active.Select(Upgraded).ToArray(), parked.Select(Upgraded).ToArray());
        Assert.All(parked, s => Assert.Equal((3, "web:1.2.0", true), (s.OsDisk.Generation, s.OsDisk.SourceImage, s.InService)));
        Assert.Contains("/data/orders.db", parked.Single(s => s.InstanceId == "0").DataDisk.Files);
        var batches = (await fixture.Grains.GetGrain<IScaleSetGrain>("parking-2").GetLatestRollingUpgradeAsync())!.Run.Batches.Select(b => (b.StartTime, b.EndTime, string.Join(",", b.InstanceIds)));
        Assert.Equal(batches.ToArray(), (await fixture.Grains.GetGrain<IScaleSetGrain>("parking-0").GetLatestRollingUpgradeAsync())!.Run.Batches.Select(b => (b.StartTime, b.EndTime, string.Join(",", b.InstanceIds))).ToArray());
        Assert.Equal(5, batches.Count());

        // Deleting parked instances takes them out of their load balancer's pools.
        await fixture.Grains.GetGrain<IScaleSetGrain>("parking-1").ScaleAsync(4);
        await fixture.SettleAsync();
        var scaledIn = await fixture.Grains.GetGrain<ILoadBalancerGrain>("parking-lb-1").GetStatusAsync();
        Assert.Equal((4, 4, 4), (scaledIn.Backends, scaledIn.InPool, scaledIn.InService));
        var left = await fixture.Grains.GetGrain<IScaleSetGrain>("parking-1").ListInstancesAsync();
        Assert.Equal(4, left.Length);

        // A deletion that reaches an instance after it parked (it was on its way while the instance parked) takes the
        // parked state back to leave the pools.
        await fixture.Grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance("parking-1", left[0].InstanceId)).RemoveAsync();
        await fixture.SettleAsync();
        var removed = await fixture.Grains.GetGrain<ILoadBalancerGrain>("parking-lb-1").GetStatusAsync();
        Assert.Equal((3, 3, 3), (removed.Backends, removed.InPool, removed.InService));

        // A call to an instance its scale set does not hold (a mistyped id) finds nothing, and its empty activation goes.
        Assert.Null(await fixture.Grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance("parking-1", "999")).GetStateAsync());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (PerSilo(await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(), sample, "parking-1/999").Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the empty activation of parking-1/999 was still there after 10 s");
            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }

    /// <summary>What an upgrade leaves on an instance, whatever its scale set is called.</summary>
    private static string Upgraded(VmssGrains.Domain.Instances.InstanceState s) =>
        $"{s.InstanceId} {s.ModelVersion} {s.OsDisk.Generation} {s.OsDisk.SourceImage} {s.DataDisk.Generation} [{string.Join(",", s.DataDisk.Files)}] {s.Health} {s.InService} {s.OperationSerial} {s.LastOperationEnd:O} {s.ReportSequence} {s.LastOrderSerial} {s.Active is null}";

    /// <summary>The activations of <paramref name="sample"/>'s grain type whose key starts with <paramref name="prefix"/>, counted per silo.</summary>
    private static Dictionary<SiloAddress, int> PerSilo(DetailedGrainStatistic[] activations, IAddressable sample, string prefix = "placement-")
    {
        var type = sample.GetGrainId().Type;
        return activations
            .Where(a => a.GrainId.Type == type && a.GrainId.Key.ToString().StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(a => a.SiloAddress)
            .ToDictionary(g => g.Key, g => g.Count());
    }

    private static string Describe(Dictionary<SiloAddress, int> perSilo) => string.Join(", ", perSilo.Select(s => $"{s.Key}: {s.Value}"));
}

/// <summary>
/// The placement test's collection: it runs alone, after the others (its three silos' spans and metrics would otherwise
/// reach the telemetry tests' process-wide listeners while they read them).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlacementCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "placement";
}
