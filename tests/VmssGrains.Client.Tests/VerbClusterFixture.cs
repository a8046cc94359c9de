using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Client.Tests;

/// <summary>
/// One 2-silo cluster in this process shared by every verb test, on a free-running virtual clock (time jumps
/// to the next due event whenever the cluster is idle), so runs the verbs start finish in a moment of wall time.
/// </summary>
/// <remarks>
/// The silos are hosted like <c>silo/</c> hosts them (localhost clustering on real loopback ports), not with
/// <c>InProcessTestCluster</c>: Orleans 10.4.2's in-process test cluster connects its silos and client over an
/// in-memory transport and opens no TCP gateway, and the verbs connect over TCP like any remote client.
/// </remarks>
public sealed class VerbClusterFixture : IAsyncLifetime
{
    private readonly List<IHost> silos = [];

    /// <summary>The clock, filters and monitor the silos share.</summary>
    public SimulationHost Host { get; } = SimulationHost.Create(ClockSpec.Virtual, freeRunning: true);

    /// <summary>The virtual clock.</summary>
    public VirtualClock Clock => Host.VirtualClock!;

    /// <summary>The silos' gateways, as <c>--cluster</c> takes them.</summary>
    public string Gateways { get; private set; } = "";

    /// <summary>The cluster id, as <c>--cluster-id</c> takes it.</summary>
    public string ClusterId { get; } = $"vmss-verbs-{Guid.NewGuid():N}";

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        var primary = FreePort();
        var gateways = new List<int>();
        foreach (var siloPort in new[] { primary, FreePort() })
        {
            var gateway = FreePort();
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.ClearProviders();
            builder.UseOrleans(silo => silo
                .UseLocalhostClustering(siloPort, gateway, new IPEndPoint(IPAddress.Loopback, primary), ClusterId, ClusterId)
                .AddVmssGrains(Host));
            var host = builder.Build();
            await host.StartAsync();
            silos.Add(host);
            gateways.Add(gateway);
        }

        Gateways = string.Join(",", gateways.Select(g => $"127.0.0.1:{g}"));

        // The gallery image the verb tests create their scale sets from (create --image web:1.0.0) and move them to
        // (update --set ...web/versions/1.1.0): a gallery image nobody published is GalleryImageVersionNotFound.
        await silos[0].Services.GetRequiredService<IGrainFactory>().GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).AddVersionsAsync([
            new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.0.0") },
            new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.1.0") }]);
    }

    /// <summary>Runs a verb against this cluster.</summary>
    public Task<CliResult> RunAsync(params string[] args) => Cli.RunAsync([.. args, "--cluster", Gateways, "--cluster-id", ClusterId]);

    /// <summary>Runs a verb against this cluster and asserts exit code 0.</summary>
    public Task<CliResult> OkAsync(params string[] args) => Cli.OkAsync([.. args, "--cluster", Gateways, "--cluster-id", ClusterId]);

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        foreach (var silo in Enumerable.Reverse(silos))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await silo.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
            }

            silo.Dispose();
        }

        Host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The collection sharing <see cref="VerbClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class VerbClusterCollection : ICollectionFixture<VerbClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "verb cluster";
}
