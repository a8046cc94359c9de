using System.Diagnostics;
using System.Text.Json.Nodes;
using VmssGrains.Simulation.Driving;
using Xunit.Abstractions;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The real thing: two silo processes (silo/) forming one cluster on a scaled clock, driven by client processes
/// (client/, <c>vmss</c>) that name both gateways.
/// </summary>
[Trait("Category", "MultiProcess")]
[Collection(ProcessClusterCollection.Name)]
public sealed class MultiProcessTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Overall = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task TwoSiloProcesses_ClientProcesses_RollTenInstancesToANewImage()
    {
        Assert.True(File.Exists(Repo.SiloDll), $"build silo/ first: {Repo.SiloDll} is missing");
        Assert.True(File.Exists(Repo.ClientDll), $"build client/ first: {Repo.ClientDll} is missing");
        using var deadline = new CancellationTokenSource(Overall);
        var clusterId = $"vmss-mp-{Guid.NewGuid():N}";
        var ports = ChildProcess.FreePorts(6);
        var (silo1Port, gateway1, silo2Port, gateway2, web1, web2) = (ports[0], ports[1], ports[2], ports[3], ports[4], ports[5]);
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        await using var silo1 = ChildProcess.Start(Repo.SiloDll, SiloArgs(silo1Port, gateway1, silo1Port, clusterId, web1), environment);
        await using var silo2 = ChildProcess.Start(Repo.SiloDll, SiloArgs(silo2Port, gateway2, silo1Port, clusterId, web2), environment);
        var transcript = new List<string>();
        var clock = Stopwatch.StartNew();
        try
        {
            await WaitUntilServingAsync(gateway1, clusterId, silo1, deadline.Token);
            await WaitUntilServingAsync(gateway2, clusterId, silo2, deadline.Token);
            log.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: both silos serve");
            var cluster = $"127.0.0.1:{gateway1},127.0.0.1:{gateway2}";

            async Task<CliResult> Vmss(params string[] args)
            {
                var result = await ChildProcess.RunAsync(Repo.ClientDll, [.. args, "--cluster", cluster, "--cluster-id", clusterId], deadline.Token);
                transcript.Add($"$ vmss {string.Join(' ', args)}\n{result}");
                log.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: vmss {string.Join(' ', args)}: exit {result.ExitCode}");
                Assert.True(result.ExitCode == 0, $"vmss {string.Join(' ', args)}\n{result}\n--- silo 1\n{silo1.Output}\n--- silo 2\n{silo2.Output}");
                return result;
            }

            await Vmss("lb", "configure", "-n", "mp-lb", "--requests-per-second", "8000", "--capacity-per-instance", "1000");
            await Vmss("image", "publish", "--image", "web", "--version", "1.0.0");
            await Vmss("image", "publish", "--image", "web", "--version", "1.1.0");
            await Vmss("create", "-n", "mp", "--image", "web:1.0.0", "--instance-count", "10", "--upgrade-policy-mode", "Rolling", "--lb", "mp-lb");
            await Vmss("update", "-n", "mp", "--set", Verbs.SetImage("web", "1.1.0"));

            var latest = JsonNode.Parse((await Vmss("rolling-upgrade", "get-latest", "-n", "mp", "-o", "json")).Out)!["properties"];
            Assert.Equal("Completed", latest!["runningStatus"].Str("code"));
            Assert.Equal((10, 0, 0, 0), latest["progress"].Progress());

            var instances = JsonNode.Parse((await Vmss("list-instances", "-n", "mp", "-o", "json")).Out)!.AsArray().Select(i => i!.AsObject()).ToList();
            Assert.Equal([.. Enumerable.Range(0, 10).Select(i => $"{i}")], instances.Ids());
            Assert.All(instances, i => Assert.True(i.LatestModelApplied()));

            // simulate drives a named cluster on its own clock instead of starting an embedded silo.
            var report = JsonNode.Parse((await Vmss("simulate", "--scenario", Repo.Example("manual-update-instances"), "-o", "json")).Out)!;
            var manual = report.Named("scaleSets", "manual");
            var run = Assert.Single(manual.Objects("runs"));
            Assert.Equal("Completed", run["runningStatus"].Str("code"));
            Assert.Equal((2, 0, 0, 0), run["progress"].Progress());
            Assert.Equal([true, true, false, false, false, false], manual.Objects("instances").Select(i => i.Bool("latestModelApplied")));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"not done within {Overall.TotalSeconds} s\n{string.Join('\n', transcript)}\n--- silo 1\n{silo1.Output}\n--- silo 2\n{silo2.Output}");
        }
    }

    private static string[] SiloArgs(int siloPort, int gatewayPort, int primarySiloPort, string clusterId, int webPort) =>
    [
        $"--Silo:SiloPort={siloPort}",
        $"--Silo:WebPort={webPort}",
        $"--Silo:GatewayPort={gatewayPort}",
        $"--Silo:PrimarySiloPort={primarySiloPort}",
        $"--Silo:ClusterId={clusterId}",
        "--Simulation:Clock=scaled:600",
    ];

    /// <summary>Polls <c>image list</c> on one gateway (in this process: cheap) until the silo behind it answers.</summary>
    private static async Task WaitUntilServingAsync(int gateway, string clusterId, ChildProcess silo, CancellationToken cancellationToken)
    {
        while (true)
        {
            Assert.False(silo.HasExited, $"the silo with gateway {gateway} exited:\n{silo.Output}");
            var result = await Cli.RunAsync("image", "list", "--cluster", $"127.0.0.1:{gateway}", "--cluster-id", clusterId);
            if (result.ExitCode == 0)
            {
                return;
            }

            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
