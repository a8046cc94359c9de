using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.Tests.Faults;

/// <summary>
/// A 1-silo cluster of its own on the virtual clock for one test: a fault fails the whole simulation for
/// good, so it must not touch the shared cluster. The test-only grain's one-way calls are watched like the
/// simulation's own.
/// </summary>
public sealed class FaultClusterFixture : IAsyncDisposable
{
    private FaultClusterFixture(SimulationHost host, InProcessTestCluster cluster)
    {
        Host = host;
        Cluster = cluster;
    }

    /// <summary>The clock and monitor.</summary>
    public SimulationHost Host { get; }

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; }

    /// <summary>The virtual clock.</summary>
    public VirtualClock Clock => Host.VirtualClock!;

    /// <summary>Starts the cluster.</summary>
    public static async Task<FaultClusterFixture> StartAsync()
    {
        var host = SimulationHost.Create(ClockSpec.Virtual);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddVmssGrains(host)
            .Services.AddSingleton<IIncomingGrainCallFilter>(new OneWayFaultFilter(typeof(IFaultInjectionGrain).Assembly)));
        builder.ConfigureSiloHost((_, silo) => silo.Logging.SetMinimumLevel(LogLevel.Critical));
        builder.ConfigureClientHost(client => client.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureClient(client => client.AddVmssSimulationClient(host));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new FaultClusterFixture(host, cluster);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Host.Dispose();
    }
}
