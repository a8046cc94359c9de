using Orleans.TestingHost;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.Tests;

/// <summary>One 2-silo in-process cluster on the virtual clock, shared by every grain test of the collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
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
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddVmssGrains(Host));
        builder.ConfigureClient(client => client.AddVmssSimulationClient(Host));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
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
