using System.Diagnostics;
using VmssGrains.Simulation.Driving;
using VmssGrains.Tests.Shared;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The console given several gateways (<c>--cluster a,b</c>) works through another when the first one's silo was
/// killed, prints what it prints through a live gateway, and says on standard error which silo it reached.
/// </summary>
[Trait("Category", "MultiProcess")]
[Collection(ProcessClusterCollection.Name)]
public sealed class GatewayFailoverTests
{
    [SkippableFact]
    public async Task FirstGatewaysSiloKilled_ConsoleWorksThroughAnother_AndNamesTheSiloReached()
    {
        Skip.If(RedisServer.Unavailable is not null, RedisServer.Unavailable);
        await using var redis = await RedisServer.StartAsync();
        var clusterId = $"gateways-{Guid.NewGuid():N}";
        var first = SiloProcesses.Ports();
        var second = SiloProcesses.Ports();
        await using var a = SiloProcesses.Start(first, clusterId, redis.ConnectionString);
        await using var b = SiloProcesses.Start(second, clusterId, redis.ConnectionString);
        string[] both = ["--cluster", $"127.0.0.1:{first[1]},127.0.0.1:{second[1]}", "--cluster-id", clusterId];

        // Both serve: the console through both gateways prints nothing on standard error.
        var clock = Stopwatch.StartNew();
        CliResult ok;
        while ((ok = await Cli.RunAsync(["image", "list", "-o", "json", .. both])).ExitCode != 0 || ok.Err != "")
        {
            Assert.False(a.HasExited || b.HasExited, $"a silo exited:\n{a}\n{b}");
            Assert.True(clock.Elapsed < SiloProcesses.Starts, $"the cluster never served both gateways: {ok}\n{a}\n{b}");
            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }

        Assert.Equal("[]\n", ok.Out);

        await a.SignalAsync("KILL");
        Assert.True(await a.WaitForExitAsync(TimeSpan.FromSeconds(10)), "the killed silo is still running");

        // Until the cluster declares the killed silo dead (a few seconds), a call to a grain that lived there fails
        // whatever the gateway; once it has, the grain comes back on the live silo.
        using (var client = await SiloProcesses.ClientAsync(second[1], clusterId))
        {
            var declared = Stopwatch.StartNew();
            while (!((await SiloProcesses.MembershipAsync(client)).TryGetValue(first[0], out var status) && status == SiloStatus.Dead))
            {
                Assert.True(declared.Elapsed < TimeSpan.FromSeconds(30), "the killed silo was not declared dead within 30 s");
                await WallTime.DelayAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }

            await client.StopAsync();
        }

        var through = await Cli.RunAsync(["image", "list", "-o", "json", .. both]);

        Assert.True(through.ExitCode == 0, through.ToString());
        Assert.Equal("[]\n", through.Out);
        Assert.Equal($"warning: gateway 127.0.0.1:{first[1]} did not answer; connected through silo 127.0.0.1:{second[0]} (gateway 127.0.0.1:{second[1]})\n", through.Err);

        // Through the live gateway alone: the same output, and nothing said.
        var direct = await Cli.OkAsync(["image", "list", "-o", "json", "--cluster", $"127.0.0.1:{second[1]}", "--cluster-id", clusterId]);
        Assert.Equal(through.Out, direct.Out);
        Assert.Equal("", direct.Err);
    }
}
