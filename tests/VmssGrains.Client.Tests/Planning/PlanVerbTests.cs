using System.Text.Json.Nodes;
using VmssGrains.Domain.Planning;
using VmssGrains.Simulation.Planning;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Tests.Planning;

/// <summary>
/// <c>plan</c> on small scenarios whose every figure follows from the scenario (<see cref="PlanningScenarios"/>), and
/// the sweep under it: the same measures whatever the parallelism.
/// </summary>
public sealed class PlanVerbTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vmss-plan-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Plan_NoRandomness_EveryPercentileIsTheKnownDuration()
    {
        var path = PlanningScenarios.Write(directory, "clean.json", PlanningScenarios.Upgrade());

        var result = await Cli.OkAsync("plan", "--scenario", path, "--seeds", "5");

        Assert.Equal(
            [
                $"Prediction for {path} over 5 seeds (seeds 1–5), reference engine",
                "  Duration           p50 PT25M20S · p90 PT25M20S · max PT25M20S (simulated, first run start to last run end)",
                "  Min in service     p50 75 % of target (3 instances) · lowest 75 % (3)",
                "  Requests dropped   p50 0 · p90 0 · max 0",
                "  Halted             none of 5 runs",
                "  Time went to       drain PT40S · reimage PT12M · boot PT4M · extension:app PT8M · probe PT40S (p50 of each part)",
            ],
            PredictionSection(result.Out));
        Assert.Equal("", result.Err);
    }

    [Theory]
    [InlineData(0.0, 0.0, PlanningScenarios.Clean)]
    [InlineData(1.0, 1.0, PlanningScenarios.Halted)]
    public async Task Plan_BadImageProbabilityZeroAndOne_HaltNeverOrAlwaysAtTheFirstBatch(double probability, double haltRate, long duration)
    {
        var path = PlanningScenarios.Write(directory, "bad.json", PlanningScenarios.Upgrade(probability));

        var json = JsonNode.Parse((await Cli.OkAsync("plan", "--scenario", path, "--seeds", "8", "-o", "json")).Out)!.AsObject();

        Assert.Equal("bad.json", json["scenario"]!.GetValue<string>());
        Assert.Equal(8, json["seeds"]!.GetValue<int>());
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L], json["seedList"]!.AsArray().Select(s => s!.GetValue<long>()));
        var prediction = json["prediction"]!.AsObject();
        Assert.Null(prediction["name"]);
        Assert.Equal(haltRate, prediction["haltRate"]!.GetValue<double>());
        Assert.Equal(
            haltRate == 0 ? "[]" : "[{\"batch\":1,\"count\":8}]",
            prediction["halts"]!.ToJsonString());
        Assert.Equal($"{{\"p50\":{duration},\"p90\":{duration},\"max\":{duration}}}", prediction["durationSeconds"]!.ToJsonString());
        Assert.Equal("{\"p50\":75,\"min\":75}", prediction["minInServicePercent"]!.ToJsonString());
        Assert.Equal("{\"p50\":0,\"p90\":0,\"max\":0}", prediction["requestsDropped"]!.ToJsonString());
        Assert.Equal(
            haltRate == 0 ? "[]" : "[{\"code\":\"MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade\",\"count\":8}]",
            prediction["errors"]!.ToJsonString());
        Assert.Equal("Rolling", prediction["upgradePolicy"]!["mode"]!.GetValue<string>());
        Assert.Equal(20, prediction["upgradePolicy"]!["rollingUpgradePolicy"]!["maxBatchInstancePercent"]!.GetValue<int>());
    }

    [Fact]
    public async Task Plan_BadImageHalf_TenSeeds_HaltsInTheSeedsWhoseDrawIsBad()
    {
        // The badImage draws of seeds 1–10 at 0.5 are bad for 1, 3, 4, 5, 6 and 8 (computed independently of the simulator
        // from the hash and SplitMix64 definitions): six halts at batch 1 in 670 s, four clean runs of 1,520 s; nearest rank:
        // p50 is the 5th of the ten sorted durations (670), p90 the 9th (1,520).
        var path = PlanningScenarios.Write(directory, "half.json", PlanningScenarios.Upgrade(0.5));

        var result = await Cli.OkAsync("plan", "--scenario", path, "--seeds", "10");

        var lines = PredictionSection(result.Out);
        Assert.Equal("  Duration           p50 PT11M10S · p90 PT25M20S · max PT25M20S (simulated, first run start to last run end)", lines[1]);
        Assert.Equal("  Halted             6 of 10 runs (60 %): 6 at batch 1", lines[4]);
        Assert.Equal("  Errors             MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade in 6", lines[5]);

        var scenario = ScenarioReader.Read(await File.ReadAllTextAsync(path));
        var runs = await SeedSweep.RunAsync(scenario, SweepSeeds.From(1, 10));
        Assert.Equal([1L, 3L, 4L, 5L, 6L, 8L], runs.Where(r => r.Halted).Select(r => r.Seed));
    }

    [Fact]
    public async Task Sweep_ParallelAndSequential_GiveTheSameMeasures()
    {
        var scenario = ScenarioReader.Read(await File.ReadAllTextAsync(Repo.Example("plan-1000")));
        var seeds = SweepSeeds.From(scenario.Seed, 6);

        var sequential = await SeedSweep.RunAsync(scenario, seeds, parallelism: 1);
        var parallel = await SeedSweep.RunAsync(scenario, seeds, parallelism: Environment.ProcessorCount);
        var alone = await SeedSweep.RunOneAsync(scenario, seeds[3]);

        // A record compares an immutable array by reference: the time parts are compared element by element.
        Assert.Equal(sequential.Select(r => r with { TimeParts = [] }), parallel.Select(r => r with { TimeParts = [] }));
        Assert.Equal(sequential.Select(r => r.TimeParts.ToArray()), parallel.Select(r => r.TimeParts.ToArray()));
        Assert.Equal(sequential[3] with { TimeParts = [] }, alone with { TimeParts = [] });
        Assert.Equal(sequential[3].TimeParts.ToArray(), alone.TimeParts.ToArray());
        Assert.NotEmpty(alone.TimeParts);
        Assert.Equal(seeds.ToArray(), sequential.Select(r => r.Seed));

        // Jittered step times: the seeds do not all take the same time.
        Assert.True(sequential.Select(r => r.DurationSeconds).Distinct().Count() > 1, string.Join(", ", sequential));
    }

    [Fact]
    public async Task Plan_FirstSeed_MeasuresWhatSimulateReports()
    {
        // The first seed of a sweep is the scenario's own: its measures are the figures of simulate's report.
        var example = Repo.Example("plan-1000");
        var report = JsonNode.Parse((await Cli.OkAsync("simulate", "--scenario", example, "--engine", "reference", "-o", "json")).Out)!.AsObject();
        var plan = JsonNode.Parse((await Cli.OkAsync("plan", "--scenario", example, "--seeds", "1", "-o", "json")).Out)!["prediction"]!;

        var run = report["scaleSets"]![0]!["runs"]![0]!["runningStatus"]!;
        var duration = (long)(Domain.Time.IsoDuration.Parse(run["endTime"]!.GetValue<string>()) - Domain.Time.IsoDuration.Parse(run["startTime"]!.GetValue<string>())).TotalSeconds;
        Assert.Equal(duration, plan["durationSeconds"]!["max"]!.GetValue<long>());
        Assert.Equal(report["load"]!["minInServicePercent"]!.GetValue<double>(), plan["minInServicePercent"]!["min"]!.GetValue<double>());
        Assert.Equal(report["load"]!["requestsDropped"]!.GetValue<long>(), plan["requestsDropped"]!["max"]!.GetValue<long>());
    }

    [Fact]
    public async Task Plan_AsAChildProcess_PrintsThePredictionJson()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var path = PlanningScenarios.Write(directory, "child.json", PlanningScenarios.Upgrade(1.0));

        var result = await ChildProcess.RunAsync(Repo.ClientDll, ["plan", "--scenario", path, "--seeds", "3", "--output", "json"], deadline.Token);

        Assert.True(result.ExitCode == 0, result.ToString());
        var prediction = JsonNode.Parse(result.Out)!["prediction"]!;
        Assert.Equal(1.0, prediction["haltRate"]!.GetValue<double>());
        Assert.Equal("[{\"batch\":1,\"count\":3}]", prediction["halts"]!.ToJsonString());
    }

    /// <summary>The prediction section of <c>plan</c>'s output: from its header line on (the batch listing comes before it).</summary>
    private static string[] PredictionSection(string output) =>
        [.. output.TrimEnd().Split('\n').SkipWhile(l => !l.StartsWith("Prediction for ", StringComparison.Ordinal))];
}
