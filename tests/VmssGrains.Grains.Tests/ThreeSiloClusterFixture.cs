using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// A 3-silo in-process cluster on the virtual clock, of its own (the shared <see cref="ClusterFixture"/> has 2 silos),
/// for tests of where grains are placed. The gallery has image <c>web</c> 1.0.0 and 1.1.0.
/// </summary>
public sealed class ThreeSiloClusterFixture : IAsyncLifetime
{
    /// <summary>The silos of the cluster.</summary>
    public const short Silos = 3;

    /// <summary>The shared clock, filters and monitor.</summary>
    public SimulationHost Host { get; } = SimulationHost.Create(ClockSpec.Virtual);

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The cluster client.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(Silos);
        builder.ConfigureSilo((_, silo) => silo.AddVmssGrains(Host));
        builder.ConfigureSiloHost((_, host) => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureClientHost(host => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureClient(client => client.AddVmssSimulationClient(Host));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await Grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).AddVersionsAsync([
            new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.0.0") },
            new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.1.0") }]);
    }

    /// <summary>Runs simulated time until every run and operation has ended.</summary>
    public Task<DateTimeOffset> SettleAsync() =>
        Host.VirtualClock!.RunUntilIdleAsync(Host.VirtualClock.GetUtcNow() + TimeSpan.FromDays(1), () => Host.Monitor.IsSettled);

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Host.Dispose();
    }
}
