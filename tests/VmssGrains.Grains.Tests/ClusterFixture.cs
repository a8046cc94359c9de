using Orleans.TestingHost;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Domain.Time;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Tests.Shared;

namespace VmssGrains.Grains.Tests;

/// <summary>One 2-silo in-process cluster on the virtual clock, shared by every grain test of the collection.</summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly short silos;

    /// <summary>A 2-silo cluster.</summary>
    public ClusterFixture()
        : this(2)
    {
    }

    /// <summary>A cluster of <paramref name="silos"/> silos.</summary>
    protected ClusterFixture(short silos) => this.silos = silos;

    /// <summary>The shared clock, filters and monitor.</summary>
    public SimulationHost Host { get; } = SimulationHost.Create(ClockSpec.Virtual);

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The virtual clock: the one owner of simulated time in these tests.</summary>
    public VirtualClock Clock => Host.VirtualClock!;

    /// <summary>The cluster client.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Cluster = SimulationClusters.Builder(silos, Host).Build();
        await Cluster.DeployAsync();
        await Grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).AddVersionsAsync([
            new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.0.0") },
            new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.1.0") },
            new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.2.0"), BakedInExtensions = ["app"] }]);
    }

    /// <summary>Simulated time now.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>A scale set grain.</summary>
    public IScaleSetGrain ScaleSet(string name) => Grains.GetGrain<IScaleSetGrain>(name);

    /// <summary>An instance grain.</summary>
    public IVmInstanceGrain Instance(string scaleSet, string id) => Grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance(scaleSet, id));

    /// <summary>Creates a scale set with fixed timing.</summary>
    public Task<OperationStatus> CreateAsync(string name, string json, long seed = 1, TimingProfile? timing = null, FaultRules? faults = null) =>
        ScaleSet(name).CreateOrUpdateAsync(json, new SimulationSettings { Seed = seed, Timing = timing ?? Fleets.Fixed, Faults = faults ?? FaultRules.None });

    /// <summary>Runs simulated time until every run and operation has ended; returns the time reached.</summary>
    public Task<DateTimeOffset> SettleAsync() => Clock.RunUntilIdleAsync(Now + TimeSpan.FromDays(30), () => Host.Monitor.IsSettled);

    /// <summary>Every instance's state, in id order.</summary>
    public async Task<IReadOnlyList<VmssGrains.Domain.Instances.InstanceState>> StatesAsync(string scaleSet)
    {
        var instances = await ScaleSet(scaleSet).ListInstancesAsync();
        var states = await Task.WhenAll(instances.Select(i => Instance(scaleSet, i.InstanceId).GetStateAsync()));
        return [.. states.Select(s => s!)];
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Host.Dispose();
    }
}

/// <summary>The collection sharing <see cref="ClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "cluster";
}
