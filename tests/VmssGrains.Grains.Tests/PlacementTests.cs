using System.Globalization;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.ScaleSets;
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

    /// <summary>The activations of <paramref name="sample"/>'s grain type that belong to this test's fleet, counted per silo.</summary>
    private static Dictionary<SiloAddress, int> PerSilo(DetailedGrainStatistic[] activations, IAddressable sample)
    {
        var type = sample.GetGrainId().Type;
        return activations
            .Where(a => a.GrainId.Type == type && a.GrainId.Key.ToString().StartsWith("placement-", StringComparison.Ordinal))
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
