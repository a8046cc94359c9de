using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using VmssGrains.Simulation.Driving;
using VmssGrains.Tests.Shared;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Silos on Redis on a network address (<c>--Silo:AdvertisedAddress</c>), as silos on several machines run: they form one
/// cluster through that address, the console reaches them there, and nothing listens on loopback.
/// </summary>
[Trait("Category", "MultiProcess")]
[Trait("Category", "Redis")]
[Collection(ProcessClusterCollection.Name)]
public sealed class AdvertisedAddressTests
{
    [SkippableFact]
    public async Task TwoSilosOnANetworkAddress_FormOneCluster_ReachedThereOnly()
    {
        var unavailable = RedisServer.Unavailable;
        Skip.If(unavailable is not null, unavailable);
        var address = NetworkAddress();
        Skip.If(address is null, "this machine has no IPv4 address but loopback");
        await using var redis = await RedisServer.StartAsync();
        var clusterId = $"vmss-addr-{Guid.NewGuid():N}";
        var (ports1, ports2) = (SiloProcesses.Ports(), SiloProcesses.Ports());
        await using var silo1 = SiloProcesses.Start(ports1, clusterId, redis.ConnectionString, $"--Silo:AdvertisedAddress={address}");
        await using var silo2 = SiloProcesses.Start(ports2, clusterId, redis.ConnectionString, $"--Silo:AdvertisedAddress={address}");
        var gateways = $"{address}:{ports1[1]},{address}:{ports2[1]}";

        var deadline = DateTime.UtcNow + SiloProcesses.Starts;
        CliResult listed;
        while ((listed = await Cli.RunAsync("image", "list", "--cluster", gateways, "--cluster-id", clusterId)).ExitCode != 0 || !ListensOn(silo2, ports2[1]))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the silos did not serve at {gateways} within {SiloProcesses.Starts.TotalSeconds} s\n{listed}\n{silo1}\n{silo2}");
            Assert.False(silo1.HasExited || silo2.HasExited, $"a silo exited\n{silo1}\n{silo2}");
            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }

        // One cluster: a scale set created through one silo's gateway is read through the other's.
        await Cli.OkAsync("image", "publish", "--image", "web", "--version", "1.0.0", "--cluster", $"{address}:{ports1[1]}", "--cluster-id", clusterId);
        await Cli.OkAsync("create", "-n", "web", "--image", "web:1.0.0", "--instance-count", "2", "--cluster", $"{address}:{ports1[1]}", "--cluster-id", clusterId);
        var instances = Json.ParseArray(await Cli.OkAsync("list-instances", "-n", "web", "-o", "json", "--cluster", $"{address}:{ports2[1]}", "--cluster-id", clusterId));
        Assert.Equal(2, instances.Count);

        // The silo and gateway ports listen on the advertised address only.
        Assert.All(new[] { ports1[0], ports1[1] }, port => Assert.False(Reachable(IPAddress.Loopback, port), $"port {port} answers on loopback"));
        Assert.True(Reachable(address!, ports1[1]));
    }

    /// <summary>This machine's first IPv4 address that is not loopback, on an interface that is up.</summary>
    private static IPAddress? NetworkAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    private static bool ListensOn(SignalledProcess silo, int port) => !silo.HasExited && silo.ListeningPorts().Contains(port);

    private static bool Reachable(IPAddress address, int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(address, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
