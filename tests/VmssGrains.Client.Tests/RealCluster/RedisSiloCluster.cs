using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Simulation.Driving;
using VmssGrains.Tests.Shared;
using Xunit.Abstractions;

namespace VmssGrains.Client.Tests.RealCluster;

/// <summary>
/// A real cluster: a <c>redis-server</c> and silo processes on <c>--Silo:Store=Redis</c> (no primary silo), driven by
/// console processes naming every gateway, and watched by an Orleans client in the test (which silo holds a grain,
/// which silos the cluster counts alive). Disposing stops every process it started, Redis last.
/// </summary>
internal sealed class RedisSiloCluster : IAsyncDisposable
{
    private readonly RedisServer redis;
    private readonly ITestOutputHelper log;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private IHost? observer;

    private RedisSiloCluster(RedisServer redis, ITestOutputHelper log, string clusterId)
    {
        this.redis = redis;
        this.log = log;
        ClusterId = clusterId;
    }

    /// <summary>The cluster and service id.</summary>
    public string ClusterId { get; }

    /// <summary>The silo processes, in start order (a killed one stays in the list).</summary>
    public List<Silo> Silos { get; } = [];

    /// <summary>What every console call printed, for failure messages.</summary>
    public List<string> Transcript { get; } = [];

    /// <summary>Every gateway, <c>host:port,...</c>.</summary>
    public string Gateways => string.Join(",", Silos.Select(s => $"127.0.0.1:{s.GatewayPort}"));

    /// <summary>
    /// The gateways of every silo but <paramref name="silo"/>. A SIGSTOPped silo's gateway still accepts connections
    /// (the kernel answers) and never replies, so a console that picks it waits out its timeout: polls go elsewhere.
    /// </summary>
    public string GatewaysExcept(Silo? silo) => string.Join(",", Silos.Where(s => s != silo).Select(s => $"127.0.0.1:{s.GatewayPort}"));

    /// <summary>Starts Redis and <paramref name="silos"/> silo processes (<see cref="SiloProcesses.Start"/>: <c>scaled:60</c>), and waits until each one serves.</summary>
    public static async Task<RedisSiloCluster> StartAsync(int silos, ITestOutputHelper log, CancellationToken cancellationToken)
    {
        var cluster = new RedisSiloCluster(await RedisServer.StartAsync(), log, $"vmss-redis-{Guid.NewGuid():N}");
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.Silos.Add(cluster.StartSilo(i));
            }

            foreach (var silo in cluster.Silos)
            {
                await cluster.WaitUntilServingAsync(silo, cancellationToken);
            }

            cluster.Log($"{silos} silos serve on Redis port {cluster.redis.Port}");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the console with <c>--cluster</c> set to every gateway; fails the test on a non-zero exit.</summary>
    public async Task<CliResult> VmssAsync(CancellationToken cancellationToken, params string[] args)
    {
        var result = await ChildProcess.RunAsync(Repo.ClientDll, [.. args, "--cluster", Gateways, "--cluster-id", ClusterId], cancellationToken);
        Transcript.Add($"$ vmss {string.Join(' ', args)}\n{result}");
        Log($"vmss {string.Join(' ', args)}: exit {result.ExitCode}");
        Assert.True(result.ExitCode == 0, $"vmss {string.Join(' ', args)}\n{result}\n{Outputs()}");
        return result;
    }

    /// <summary>The silo process whose silo holds <paramref name="grain"/>'s activation now, or null when it has none (its silo died and nothing called it since).</summary>
    public async Task<Silo?> HolderAsync(IAddressable grain)
    {
        // A client of the silos alive now: one made before a silo died may still route this call through its gateway.
        using var client = await ClientAsync(Silos.Where(s => !s.Process.HasExited));
        try
        {
            var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            return await management.GetActivationAddress(grain) is { } address ? Silos.Single(s => s.SiloPort == address.Endpoint.Port) : null;
        }
        finally
        {
            await StopAsync(client);
        }
    }

    /// <summary>The image gallery grain, through the test's own client.</summary>
    public async Task<IImageGalleryGrain> GalleryAsync() =>
        (await ObserverAsync()).Services.GetRequiredService<IClusterClient>().GetGrain<IImageGalleryGrain>(GrainKeys.Gallery);

    /// <summary>The scale set grain <paramref name="name"/>, through the test's own client.</summary>
    public async Task<IScaleSetGrain> ScaleSetAsync(string name) =>
        (await ObserverAsync()).Services.GetRequiredService<IClusterClient>().GetGrain<IScaleSetGrain>(name);

    /// <summary>
    /// Waits until the cluster's membership counts <paramref name="silo"/> dead; returns the wall time it took from
    /// <paramref name="since"/>. Asked through a client of the other silos' gateways only: an Orleans client sends every
    /// call to one grain through the same gateway, and a stopped silo's gateway keeps its connection without answering.
    /// </summary>
    public async Task<TimeSpan> WaitUntilDeadAsync(Silo silo, Stopwatch since, CancellationToken cancellationToken)
    {
        using var client = await ClientAsync(Silos.Where(s => s != silo && !s.Process.HasExited));
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        try
        {
            while (true)
            {
                try
                {
                    // The management grain itself may have lived on the failed silo: until the cluster says so, it does not answer.
                    var hosts = await management.GetHosts(false, cancellationToken).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                    if (hosts.Any(h => h.Key.Endpoint.Port == silo.SiloPort && h.Value == SiloStatus.Dead))
                    {
                        return since.Elapsed;
                    }
                }
                catch (Exception e) when (e is TimeoutException or OrleansException)
                {
                    Log($"GetHosts: {e.GetType().Name}");
                }

                await WallTime.DelayAsync(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
        finally
        {
            await StopAsync(client);
        }
    }

    /// <summary>Every silo's output, for failure messages.</summary>
    public string Outputs() => string.Join("\n", Silos.Select(s => $"--- silo {s.Index} (port {s.SiloPort}{(s.Process.HasExited ? $", exited {s.Process.ExitCode}" : "")})\n{Tail(s.Process.Out + s.Process.Err)}"));

    /// <summary>Writes <paramref name="line"/> to the test's output with the wall seconds since the cluster started.</summary>
    public void Log(string line) => log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: {line}");

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (observer is not null)
        {
            await StopAsync(observer);
            observer.Dispose();
        }

        foreach (var silo in Silos)
        {
            if (!silo.Process.HasExited)
            {
                // A stopped process does not die of SIGKILL until it runs again.
                await silo.Process.SignalAsync("CONT");
            }

            await silo.Process.DisposeAsync();
        }

        await redis.DisposeAsync();
    }

    private Silo StartSilo(int index)
    {
        var ports = SiloProcesses.Ports();
        return new Silo(index, ports[0], ports[1], SiloProcesses.Start(ports, ClusterId, redis.ConnectionString));
    }

    private async Task WaitUntilServingAsync(Silo silo, CancellationToken cancellationToken)
    {
        while (true)
        {
            Assert.False(silo.Process.HasExited, $"silo {silo.Index} exited:\n{silo.Process}");
            var result = await Cli.RunAsync("image", "list", "--cluster", $"127.0.0.1:{silo.GatewayPort}", "--cluster-id", ClusterId);
            if (result.ExitCode == 0)
            {
                return;
            }

            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private async Task<IHost> ObserverAsync() => observer ??= await ClientAsync(Silos.Where(s => !s.Process.HasExited));

    /// <summary>An Orleans client of the test through the gateways of <paramref name="silos"/>.</summary>
    private Task<IHost> ClientAsync(IEnumerable<Silo> silos) => SiloProcesses.ClientAsync(silos.Select(s => s.GatewayPort), ClusterId);

    private static async Task StopAsync(IHost client)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.StopAsync(stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException)
        {
            // The cluster may be gone already.
        }
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];

    /// <summary>One silo process: its index, its silo and gateway ports, the process.</summary>
    public sealed record Silo(int Index, int SiloPort, int GatewayPort, SignalledProcess Process);
}
