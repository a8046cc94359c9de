using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Durations on the simulated timeline longer than a timer takes (about 49.7 days) work to the second, and every
/// duration a user gives is at most P3650D: a longer one is a usage error that says the maximum.
/// </summary>
public sealed class LongDurationScenarioTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vmss-long-durations-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>The demo with 50-day pauses: its batches end 50 days apart, less the demo's own 2-minute pauses (PT24M21S on the virtual clock).</summary>
    [Fact]
    public async Task Demo_PauseOfFiftyDays_CompletesAtTheExactEndTime()
    {
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Example("seed-6vm-rolling")))!.AsObject();
        scenario["scaleSets"]![0]!["properties"]!["upgradePolicy"]!["rollingUpgradePolicy"]!["pauseTimeBetweenBatches"] = "P50D";
        scenario["until"] = "P120D";

        var report = await ScenarioFiles.SimulateAsync(scenario);

        Assert.Equal("P100DT20M21S", report.Str("simulatedDuration"));
        var run = Assert.Single(report.Named("scaleSets", "api").Objects("runs"));
        Assert.Equal(("Completed", "PT1M", "P100DT20M21S"), (run["runningStatus"].Str("code"), run["runningStatus"].Str("startTime"), run["runningStatus"].Str("endTime")));
        Assert.Equal(
            [("PT1M", "PT7M34S"), ("P50DT7M34S", "P50DT13M55S"), ("P100DT13M55S", "P100DT20M21S")],
            run.Objects("batches").Select(b => (b.Str("startTime"), b.Str("endTime"))).ToArray());
        Assert.Equal((6, 0, 0, 0), run["progress"].Progress());
    }

    /// <summary>A publication replicating for 60 days is waited for: the scenario ends when it is published.</summary>
    [Fact]
    public async Task Publication_ReplicationOfSixtyDays_EndsTheScenarioExactlyThen()
    {
        var scenario = ScenarioFiles.Template().Action("PT1M", "publishImageVersion", new JsonObject { ["image"] = "web", ["version"] = "2.0.0", ["replicationTime"] = "P60D" });
        scenario["until"] = "P61D";

        var report = await ScenarioFiles.SimulateAsync(scenario);

        Assert.Equal("P60DT1M", report.Str("simulatedDuration"));
        Assert.Equal("Succeeded", Assert.Single(report.Objects("actions")).Str("status"));
    }

    [Theory]
    [InlineData("P3651D")]
    [InlineData("P11Y")]
    [InlineData("P99999999D")]
    public async Task Until_LongerThanTheMaximum_IsUsageErrorSayingTheMaximum(string until)
    {
        var scenario = ScenarioFiles.Template();
        scenario["until"] = until;

        await AssertRejectedAsync(scenario, $"$.until: '{until}' is longer than the maximum P3650D");
    }

    [Fact]
    public async Task TimingStep_LongerThanTheMaximum_IsUsageErrorSayingTheMaximum()
    {
        var scenario = ScenarioFiles.Template();
        scenario["timing"]!["reimage"] = new JsonObject { ["mean"] = "P99999D", ["jitter"] = "PT1M" };

        await AssertRejectedAsync(scenario, "$.timing.reimage.mean: 'P99999D' is longer than the maximum P3650D");
    }

    [Fact]
    public async Task PauseTimeBetweenBatches_LongerThanTheMaximum_IsUsageErrorSayingTheMaximum()
    {
        var scenario = ScenarioFiles.Template();
        scenario.Properties()["upgradePolicy"]!["rollingUpgradePolicy"] = new JsonObject { ["pauseTimeBetweenBatches"] = "P99999D" };

        await AssertRejectedAsync(scenario, "$.scaleSets[0].properties.upgradePolicy.rollingUpgradePolicy.pauseTimeBetweenBatches: 'P99999D' is longer than the maximum P3650D");
    }

    [Fact]
    public async Task ReplicationTime_LongerThanTheMaximum_IsUsageErrorSayingTheMaximum()
    {
        var scenario = ScenarioFiles.Template().Action("PT1M", "publishImageVersion", new JsonObject { ["image"] = "web", ["version"] = "2.0.0", ["replicationTime"] = "P99999D" });

        await AssertRejectedAsync(scenario, "$.actions[0].replicationTime: 'P99999D' is longer than the maximum P3650D");
    }

    private async Task AssertRejectedAsync(JsonObject scenario, string error)
    {
        var path = Path.Combine(directory, "scenario.json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());

        var result = await Cli.RunAsync("simulate", "--scenario", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: {error}", result.ErrorLine);
    }
}
