using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>simulate --cluster</c> on a running cluster counts the scenario's own traffic only: the same scenario run twice
/// against one silo process (<c>scaled:600</c>) reports the same load figures both times, though the load balancer
/// dropped everything it was offered while no scale set was behind it between the runs.
/// </summary>
[Trait("Category", "MultiProcess")]
[Collection(ProcessClusterCollection.Name)]
public sealed class ClusterLoadFiguresTests
{
    private static readonly TimeSpan Overall = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task SimulateTwiceOnOneCluster_SecondReport_HasTheFirstReportsLoadFigures()
    {
        Assert.True(File.Exists(Repo.SiloDll), $"build silo/ first: {Repo.SiloDll} is missing");
        using var deadline = new CancellationTokenSource(Overall);
        var clusterId = $"vmss-load-{Guid.NewGuid():N}";
        var ports = ChildProcess.FreePorts(3);
        var environment = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["Logging__LogLevel__Default"] = "Warning" };
        await using var silo = ChildProcess.Start(
            Repo.SiloDll,
            [$"--Silo:SiloPort={ports[0]}", $"--Silo:GatewayPort={ports[1]}", $"--Silo:PrimarySiloPort={ports[0]}", $"--Silo:WebPort={ports[2]}", $"--Silo:ClusterId={clusterId}", "--Simulation:Clock=scaled:600"],
            environment);
        string[] cluster = ["--cluster", $"127.0.0.1:{ports[1]}", "--cluster-id", clusterId];
        var scenario = Path.Combine(Path.GetTempPath(), $"vmss-load-twice-{Guid.NewGuid():N}.json");
        try
        {
            while ((await Cli.RunAsync(["image", "list", .. cluster])).ExitCode != 0)
            {
                Assert.False(silo.HasExited, $"the silo exited:\n{silo.Output}");
                await WallTime.DelayAsync(TimeSpan.FromMilliseconds(250), deadline.Token);
            }

            // 1,000 requests/s on 4 instances of 1,000/s, rolled one at a time: 3 in service at the least, nothing dropped.
            await File.WriteAllTextAsync(scenario, ScenarioFiles.Template().Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0")).ToJsonString(), deadline.Token);
            var first = await SimulateAsync(scenario, cluster, silo);
            await Cli.OkAsync(["delete", "-n", "web", .. cluster]);
            while ((await Cli.RunAsync(["show", "-n", "web", .. cluster])).ExitCode == 0)
            {
                await WallTime.DelayAsync(TimeSpan.FromMilliseconds(100), deadline.Token);
            }

            var second = await SimulateAsync(scenario, cluster, silo);

            foreach (var report in new[] { first, second })
            {
                // Offered from the start to the end at 1,000/s (the duration is printed to the millisecond), all of it served.
                var duration = IsoDuration.Parse(report.Str("simulatedDuration")!);
                var load = report["load"]!;
                var offered = load.Whole("requestsOffered");
                Assert.InRange(offered, (long)(1000 * duration.TotalSeconds) - 1, (long)(1000 * duration.TotalSeconds) + 1);
                Assert.Equal(
                    (offered, offered, 0L, 100.0, 75.0, 3L),
                    (load.Whole("requestsOffered"), load.Whole("requestsServed"), load.Whole("requestsDropped"), load["availabilityPercent"]!.GetValue<double>(), load["minInServicePercent"]!.GetValue<double>(), load.Whole("minInService")));
                var minutes = load.Objects("perMinute");
                Assert.Equal((int)Math.Ceiling(duration.Ticks / (double)TimeSpan.TicksPerMinute), minutes.Count);
                Assert.All(minutes, m => Assert.Equal((0.0, m["offered"]!.GetValue<double>()), (m["dropped"]!.GetValue<double>(), m["served"]!.GetValue<double>())));
                Assert.InRange(minutes.Sum(m => m["offered"]!.GetValue<double>()), offered - 1, offered + 1);
            }

            Assert.Equal(Figures(first), Figures(second));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"not done within {Overall.TotalSeconds} s\n--- silo\n{silo.Output}");
        }
        finally
        {
            File.Delete(scenario);
        }
    }

    /// <summary>The figures that do not depend on how long the run took on the scaled clock.</summary>
    private static string Figures(JsonObject report)
    {
        var load = report["load"]!.DeepClone().AsObject();
        foreach (var key in new[] { "requestsOffered", "requestsServed", "perMinute" })
        {
            load.Remove(key);
        }

        foreach (var one in load["loadBalancers"]!.AsArray())
        {
            one!.AsObject().Remove("requestsOffered");
            one.AsObject().Remove("requestsServed");
        }

        return load.ToJsonString();
    }

    private static async Task<JsonObject> SimulateAsync(string scenario, string[] cluster, ChildProcess silo)
    {
        var result = await Cli.RunAsync(["simulate", "--scenario", scenario, "-o", "json", .. cluster]);
        Assert.True(result.ExitCode == 0, $"{result}\n--- silo\n{silo.Output}");
        return Json.ParseObject(result);
    }
}
