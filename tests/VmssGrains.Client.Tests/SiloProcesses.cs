using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Client.Tests;

/// <summary>Silo processes of the real-cluster tests, started from <c>silo/bin</c> on free loopback ports, and what their membership says.</summary>
public static class SiloProcesses
{
    /// <summary>How long a silo process may take to start on a loaded 2-core machine, wall time.</summary>
    public static readonly TimeSpan Starts = TimeSpan.FromSeconds(90);

    /// <summary>Three free ports: silo, gateway, web.</summary>
    public static int[] Ports() => ChildProcess.FreePorts(3);

    /// <summary>Starts a silo on <paramref name="ports"/> (silo, gateway, web) with cluster id <paramref name="clusterId"/>, on Redis when <paramref name="redis"/> is given.</summary>
    public static SignalledProcess Start(int[] ports, string clusterId, string? redis, params string[] extra)
    {
        Assert.True(File.Exists(Repo.SiloDll), $"build silo/ first: {Repo.SiloDll} is missing");
        string[] store = redis is null ? [$"--Silo:PrimarySiloPort={ports[0]}"] : ["--Silo:Store=Redis", $"--ConnectionStrings:Redis={redis}"];
        return SignalledProcess.Start(
            Repo.SiloDll,
            [$"--Silo:SiloPort={ports[0]}", $"--Silo:GatewayPort={ports[1]}", $"--Silo:WebPort={ports[2]}", $"--Silo:ClusterId={clusterId}", "--Simulation:Clock=scaled:60", .. store, .. extra],
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["Logging__LogLevel__Default"] = "Warning" });
    }

    /// <summary>A cluster client of the test, through the gateway at <paramref name="gatewayPort"/>; over TLS with <paramref name="tls"/>.</summary>
    public static Task<IHost> ClientAsync(int gatewayPort, string clusterId, ClusterCertificate? tls = null) =>
        ClientAsync([gatewayPort], clusterId, tls);

    /// <summary>A cluster client of the test, through the gateways at <paramref name="gatewayPorts"/> (loopback); over TLS with <paramref name="tls"/>.</summary>
    public static async Task<IHost> ClientAsync(IEnumerable<int> gatewayPorts, string clusterId, ClusterCertificate? tls = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(c =>
        {
            c.UseStaticClustering([.. gatewayPorts.Select(p => new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, p))])
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId));
            if (tls is not null)
            {
                c.UseTls(tls.Certificate, o => o.RemoteCertificateValidation = tls.Trusts);
            }
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return host;
    }

    /// <summary>The status of each silo (by silo port) as the silo answering <paramref name="client"/> sees the membership.</summary>
    public static async Task<IReadOnlyDictionary<int, SiloStatus>> MembershipAsync(IHost client)
    {
        var hosts = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        return hosts.GroupBy(h => h.Key.Endpoint.Port).ToDictionary(g => g.Key, g => g.OrderByDescending(h => h.Key.Generation).First().Value);
    }

    /// <summary>Waits (at most <see cref="Starts"/>) until every silo of <paramref name="siloPorts"/> is Active in the membership <paramref name="client"/> reads.</summary>
    public static async Task WaitActiveAsync(IHost client, IReadOnlyCollection<int> siloPorts, IReadOnlyList<SignalledProcess> silos)
    {
        var deadline = DateTime.UtcNow + Starts;
        while (true)
        {
            var membership = await MembershipAsync(client);
            if (siloPorts.All(p => membership.TryGetValue(p, out var s) && s == SiloStatus.Active))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not all of {string.Join(",", siloPorts)} Active within {Starts.TotalSeconds} s: {string.Join(", ", membership.Select(m => $"{m.Key}={m.Value}"))}\n{string.Join("\n", silos)}");
            Assert.All(silos, s => Assert.False(s.HasExited, $"a silo exited:\n{s}"));
            await VmssGrains.Simulation.Driving.WallTime.DelayAsync(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }
    }
}
