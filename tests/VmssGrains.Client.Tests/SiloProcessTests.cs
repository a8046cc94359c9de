using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The silo process as an operator starts it: a bad setting is one line naming it (exit 2), a port already taken is
/// one line naming its setting (exit 1), the web port answers only its host names, and Ctrl+C or SIGTERM stops it
/// gracefully (exit 0).
/// </summary>
[Trait("Category", "MultiProcess")]
[Collection(ProcessClusterCollection.Name)]
public sealed class SiloProcessTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Starts = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("error: Silo:SiloPort: 'abc' is not a port (1–65535)", "--Silo:SiloPort=abc")]
    [InlineData("error: Silo:GatewayPort: '0' is not a port (1–65535)", "--Silo:GatewayPort=0")]
    [InlineData("error: Silo:WebPort: '70000' is not a port (1–65535)", "--Silo:WebPort=70000")]
    [InlineData("error: Silo:GatewayPort: 11111 is Silo:SiloPort too; give each port its own number", "--Silo:GatewayPort=11111")]
    [InlineData("error: Silo:ClusterId: give a cluster id (the clients pass it as --cluster-id)", "--Silo:ClusterId=")]
    [InlineData("error: Silo:WebHost: 'example.com' is not an IP address, localhost or * (every interface)", "--Silo:WebHost=example.com")]
    [InlineData("error: Silo:AllowedHosts: 'localhost:8080' has a port or is an IPv6 address without brackets; list host names only, IPv6 addresses as [::1]", "--Silo:AllowedHosts=localhost:8080")]
    [InlineData("error: Silo:SilloPort: not a setting; the Silo settings are SiloPort, GatewayPort, PrimarySiloPort, ClusterId, WebPort, WebHost, AllowedHosts, Store, Tls, Kubernetes, AdvertisedAddress", "--Silo:SilloPort=11112")]
    [InlineData("error: Silo:AdvertisedAddress: '0.0.0.0' is not an address a peer can reach; give this machine's IP address on its peers' network", "--Silo:AdvertisedAddress=0.0.0.0")]
    [InlineData("error: Silo:AdvertisedAddress: 'silo-1' is not an address a peer can reach; give this machine's IP address on its peers' network", "--Silo:AdvertisedAddress=silo-1")]
    [InlineData("error: Silo:AdvertisedAddress: needs Silo:Store=Redis (the Memory store's localhost clustering stays on 127.0.0.1)", "--Silo:AdvertisedAddress=10.0.0.4")]
    [InlineData("error: Silo:Kubernetes: true needs Silo:Store=Redis (pods share their membership table on Redis)", "--Silo:Kubernetes=true")]
    [InlineData("error: Silo:Kubernetes: 'maybe' is not true or false", "--Silo:Kubernetes=maybe")]
    [InlineData("error: Silo:Store: Redis needs ConnectionStrings:Redis=host:port (e.g. --ConnectionStrings:Redis=127.0.0.1:6379)", "--Silo:Store=Redis")]
    [InlineData("error: Simulation:Clock: 'warp' is not a clock; use virtual, scaled:N (N from 0.01 to 1000 simulated seconds per wall second) or real", "--Simulation:Clock=warp")]
    [InlineData("error: Simulation:Clock: scaled:0 is out of range: N must be from 0.01 to 1000 simulated seconds per wall second", "--Simulation:Clock=scaled:0")]
    [InlineData("error: Simulation:Anchor: 'yesterday' is not a date and time (e.g. 2026-01-01T00:00:00Z)", "--Simulation:Anchor=yesterday")]
    [InlineData("error: Simulation:Seed: '1.5' is not an integer", "--Simulation:Seed=1.5")]
    [InlineData("error: Silo:SiloPort: 'abc' is not a port (1–65535); Simulation:Clock: 'warp' is not a clock; use virtual, scaled:N (N from 0.01 to 1000 simulated seconds per wall second) or real", "--Silo:SiloPort=abc", "--Simulation:Clock=warp")]
    [InlineData("error: '--Silo:SiloPort' has no value; pass settings as --Section:Key=value (e.g. --Silo:SiloPort=11112)", "--Silo:SiloPort")]
    [InlineData("error: '-p' is not a setting; pass settings as --Section:Key=value (e.g. --Silo:SiloPort=11112)", "-p", "11112")]
    [InlineData("error: 'SiloPort' is not a setting; pass settings as --Section:Key=value (e.g. --Silo:SiloPort=11112)", "SiloPort")]
    public async Task BadSetting_OneLineNamingIt_Exit2(string expected, params string[] args)
    {
        var result = await RunSiloAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"{expected}\n", result.Err);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task BadSettingInTheEnvironment_OneLineNamingIt_Exit2()
    {
        var result = await RunSiloAsync([], new Dictionary<string, string> { ["Silo__SiloPort"] = "abc" });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: Silo:SiloPort: 'abc' is not a port (1–65535)\n", result.Err);
    }

    [Theory]
    [InlineData("SiloPort")]
    [InlineData("GatewayPort")]
    [InlineData("WebPort")]
    public async Task PortAlreadyInUse_OneLineNamingTheSetting_Exit1(string setting)
    {
        var ports = ChildProcess.FreePorts(3);
        var settings = new Dictionary<string, int> { ["SiloPort"] = ports[0], ["GatewayPort"] = ports[1], ["WebPort"] = ports[2] };
        var listener = new TcpListener(IPAddress.Loopback, settings[setting]);
        listener.Start();
        try
        {
            var result = await RunSiloAsync([.. settings.Select(s => $"--Silo:{s.Key}={s.Value}"), $"--Silo:PrimarySiloPort={ports[0]}"]);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Equal($"error: Silo:{setting} {settings[setting]} is already in use\n", result.Err);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task WebPort_ByDefault_AnswersLoopbackNamesOnly()
    {
        var ports = ChildProcess.FreePorts(3);
        await using var silo = StartSilo(ports);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await WaitForWebAsync(silo, http, ports[2]);

        Assert.Equal(HttpStatusCode.OK, await MetricsAsync(http, ports[2], $"127.0.0.1:{ports[2]}"));
        Assert.Equal(HttpStatusCode.OK, await MetricsAsync(http, ports[2], $"localhost:{ports[2]}"));
        Assert.Equal(HttpStatusCode.BadRequest, await MetricsAsync(http, ports[2], "evil.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await MetricsAsync(http, ports[2], $"evil.example:{ports[2]}"));
    }

    [Fact]
    public async Task WebPort_WithAllowedHosts_AnswersThoseAndItsOwnAddress()
    {
        var ports = ChildProcess.FreePorts(3);
        await using var silo = StartSilo(ports, "--Silo:AllowedHosts=metrics.example");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await WaitForWebAsync(silo, http, ports[2]);

        Assert.Equal(HttpStatusCode.OK, await MetricsAsync(http, ports[2], $"metrics.example:{ports[2]}"));
        Assert.Equal(HttpStatusCode.OK, await MetricsAsync(http, ports[2], $"127.0.0.1:{ports[2]}"));
        Assert.Equal(HttpStatusCode.BadRequest, await MetricsAsync(http, ports[2], $"localhost:{ports[2]}"));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Signalled_StopsGracefully_Exit0(string signal)
    {
        var ports = ChildProcess.FreePorts(3);
        var clusterId = $"vmss-stop-{Guid.NewGuid():N}";
        await using var silo = StartSilo(ports, $"--Silo:ClusterId={clusterId}");

        // Observable: the silo serves a client, and its start has ended (a signal before that is an interrupted start, exit 130).
        await Interrupted.WaitUntilAsync(silo, async () => (await Cli.RunAsync("image", "list", "--cluster", $"127.0.0.1:{ports[1]}", "--cluster-id", clusterId)).ExitCode == 0, "serving", Starts);
        await Interrupted.WaitUntilAsync(silo, () => Task.FromResult(silo.Out.Contains("Application started.", StringComparison.Ordinal)), "started", Starts);
        var clock = Stopwatch.StartNew();
        await silo.SignalAsync(signal);

        // Within the silo's shutdown timeout (15 s): a graceful stop, not a kill.
        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(15)), $"still running 15 s after SIG{signal}:\n{silo}");
        log.WriteLine($"SIG{signal}: exit {silo.ExitCode} after {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.True(silo.ExitCode == 0, $"exit {silo.ExitCode}:\n{silo}");
        Assert.Contains("Application is shutting down...", silo.Out, StringComparison.Ordinal);
        Assert.Equal("", silo.Err);
    }

    private static SignalledProcess StartSilo(int[] ports, params string[] extra) => SignalledProcess.Start(
        Repo.SiloDll,
        [$"--Silo:SiloPort={ports[0]}", $"--Silo:PrimarySiloPort={ports[0]}", $"--Silo:GatewayPort={ports[1]}", $"--Silo:WebPort={ports[2]}", "--Simulation:Clock=scaled:60", .. extra],
        new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["Logging__LogLevel__Default"] = "Warning" });

    /// <summary>Runs the silo to its end: every case here fails before it listens.</summary>
    private static async Task<CliResult> RunSiloAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        Assert.True(File.Exists(Repo.SiloDll), $"build silo/ first: {Repo.SiloDll} is missing");
        await using var silo = SignalledProcess.Start(Repo.SiloDll, args, environment);
        Assert.True(await silo.WaitForExitAsync(Starts), $"still running after {Starts.TotalSeconds} s:\n{silo}");
        return new CliResult(silo.ExitCode, silo.Out, silo.Err);
    }

    private static async Task WaitForWebAsync(SignalledProcess silo, HttpClient http, int port) =>
        await Interrupted.WaitUntilAsync(
            silo,
            async () =>
            {
                try
                {
                    return await MetricsAsync(http, port, $"127.0.0.1:{port}") == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "serving /metrics",
            Starts);

    /// <summary>GET <c>/metrics</c> on loopback with <paramref name="host"/> as the Host header, as a page that rebinds a name to 127.0.0.1 would send it.</summary>
    private static async Task<HttpStatusCode> MetricsAsync(HttpClient http, int port, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/metrics"));
        request.Headers.Host = host;
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
