using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>simulate --cluster</c> waits for its own work only: a publication another client made, replicating for 30
/// simulated days (72 wall minutes at scaled:600), does not keep the scenario from ending once its own runs
/// and its own publication are done. A real silo process, driven by real client processes.
/// </summary>
[Trait("Category", "MultiProcess")]
[Collection(ProcessClusterCollection.Name)]
public sealed class ClusterSettleTests
{
    private static readonly TimeSpan Overall = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task SimulateOnACluster_AnotherClientsLongPublication_DoesNotKeepTheScenarioFromEnding()
    {
        Assert.True(File.Exists(Repo.SiloDll), $"build silo/ first: {Repo.SiloDll} is missing");
        Assert.True(File.Exists(Repo.ClientDll), $"build client/ first: {Repo.ClientDll} is missing");
        using var deadline = new CancellationTokenSource(Overall);
        var clusterId = $"vmss-settle-{Guid.NewGuid():N}";
        var ports = ChildProcess.FreePorts(3);
        var environment = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["Logging__LogLevel__Default"] = "Warning" };
        await using var silo = ChildProcess.Start(
            Repo.SiloDll,
            [$"--Silo:SiloPort={ports[0]}", $"--Silo:GatewayPort={ports[1]}", $"--Silo:PrimarySiloPort={ports[0]}", $"--Silo:WebPort={ports[2]}", $"--Silo:ClusterId={clusterId}", "--Simulation:Clock=scaled:600"],
            environment);
        var cluster = $"127.0.0.1:{ports[1]}";
        var scenario = Path.Combine(Path.GetTempPath(), $"vmss-own-work-{Guid.NewGuid():N}.json");
        try
        {
            while ((await Cli.RunAsync("image", "list", "--cluster", cluster, "--cluster-id", clusterId)).ExitCode != 0)
            {
                Assert.False(silo.HasExited, $"the silo exited:\n{silo.Output}");
                await WallTime.DelayAsync(TimeSpan.FromMilliseconds(250), deadline.Token);
            }

            var other = await ChildProcess.RunAsync(Repo.ClientDll, ["image", "publish", "--image", "someone-else", "--version", "9.0.0", "--replication-time", "P30D", "--cluster", cluster, "--cluster-id", clusterId], deadline.Token);
            Assert.True(other.ExitCode == 0, $"{other}\n--- silo\n{silo.Output}");

            // The scenario's own publication replicates for ten minutes (one wall second): that it does wait for.
            await File.WriteAllTextAsync(scenario, ScenarioFiles.Template()
                .Action("PT1M", "publishImageVersion", new JsonObject { ["image"] = "web", ["version"] = "2.0.0", ["replicationTime"] = "PT10M" })
                .ToJsonString(), deadline.Token);
            var result = await ChildProcess.RunAsync(Repo.ClientDll, ["simulate", "--scenario", scenario, "-o", "json", "--cluster", cluster, "--cluster-id", clusterId], deadline.Token);

            Assert.True(result.ExitCode == 0, $"{result}\n--- silo\n{silo.Output}");
            var duration = IsoDuration.Parse(Json.ParseObject(result).Str("simulatedDuration")!);
            Assert.InRange(duration, TimeSpan.FromMinutes(11), TimeSpan.FromDays(1));
            Assert.Equal("Succeeded", Assert.Single(Json.ParseObject(result).Objects("actions")).Str("status"));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"not done within {Overall.TotalSeconds} s: simulate --cluster waited for work that is not its own\n--- silo\n{silo.Output}");
        }
        finally
        {
            File.Delete(scenario);
        }
    }
}
