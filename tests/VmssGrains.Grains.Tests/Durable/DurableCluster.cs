using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Tests.Shared;

namespace VmssGrains.Grains.Tests.Durable;

/// <summary>
/// Three in-process silos whose grain state and reminders live on a real <c>redis-server</c> of their own, on a scaled
/// clock (silos are killed under a running simulation: the virtual clock's accounting of calls in flight does not
/// survive a silo dying with them).
/// </summary>
internal sealed class DurableCluster : IAsyncDisposable
{
    /// <summary>Simulated seconds per wall second.</summary>
    public const double Scale = 100;

    private DurableCluster(RedisServer redis, SimulationHost host, InProcessTestCluster cluster)
    {
        Redis = redis;
        Host = host;
        Cluster = cluster;
    }

    public RedisServer Redis { get; }

    public SimulationHost Host { get; }

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The silo the test cluster's membership lives on: never killed.</summary>
    public SiloAddress Primary => Cluster.Silos[0].SiloAddress;

    public static async Task<DurableCluster> StartAsync()
    {
        var redis = await RedisServer.StartAsync();
        var host = SimulationHost.Create(new ClockSpec(ClockKind.Scaled, Scale));
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) => silo.AddVmssGrains(host, GrainStore.Redis(redis.ConnectionString)));
        builder.ConfigureSiloHost((_, siloHost) => siloHost.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureClientHost(clientHost => clientHost.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureClient(client => client.AddVmssSimulationClient(host));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.Client.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).AddVersionsAsync([
            new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.0.0") },
            new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.1.0") }]);
        return new DurableCluster(redis, host, cluster);
    }

    /// <summary>The silo each activation of <paramref name="grains"/> lives on (absent: not active).</summary>
    public async Task<Dictionary<GrainId, SiloAddress>> WhereAsync(IEnumerable<IAddressable> grains)
    {
        var ids = grains.Select(g => g.GetGrainId()).ToHashSet();
        var activations = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return activations.Where(a => ids.Contains(a.GrainId)).GroupBy(a => a.GrainId).ToDictionary(g => g.Key, g => g.First().SiloAddress);
    }

    /// <summary>Kills (no goodbye) the silo at <paramref name="address"/>.</summary>
    public Task KillAsync(SiloAddress address) => Cluster.KillSiloAsync(Cluster.Silos.First(s => s.SiloAddress.Equals(address)));

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Host.Dispose();
        await Redis.DisposeAsync();
    }
}
