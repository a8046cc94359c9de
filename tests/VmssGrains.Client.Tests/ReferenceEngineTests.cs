namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>simulate --engine reference</c>: every example's report equals the Orleans engine's, byte for byte, on the embedded
/// silo (the command as users run it) and on a 2-silo in-process cluster; the same seed gives the same report twice;
/// bad combinations of options are usage errors.
/// </summary>
public sealed class ReferenceEngineTests
{
    /// <summary>The files of <c>examples/</c> the test suite plays (<see cref="Repo.PlayedExamples"/>).</summary>
    public static TheoryData<string> Examples() => [.. Repo.PlayedExamples()];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Simulate_Example_ReferenceReportEqualsOrleansReport(string example) =>
        await EngineComparison.SimulateOnBothAsync(Repo.Example(example));

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_OnTwoSilos_ReportAndActivityLogEqualTheReferenceEngines(string example)
    {
        var scenario = Simulation.Scenarios.ScenarioReader.Read(await File.ReadAllTextAsync(Repo.Example(example)));

        var orleans = await EngineComparison.OnTwoSilosAsync(scenario);
        var reference = await EngineComparison.OnReferenceAsync(scenario);

        EngineComparison.AssertSame(orleans.Report, reference.Report, example);
        EngineComparison.AssertSame(orleans.ActivityLog, reference.ActivityLog, $"{example}'s activity log");
        Assert.Contains("\"Caller\":\"scenario\"", reference.ActivityLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_FleetOfTwentyThousandInstances_EveryRunCompletesOnTheReferenceEngine()
    {
        // The set-up creates several scale sets at once on Orleans; the reference engine's objects belong to one thread,
        // and a set-up that ran its creations on other threads corrupted its collections. Seen in a process of its own
        // only (under the test runner the creations happened not to overlap), so the console runs as a child process.
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Repo.Example("fleet-small")))!;
        json["fleets"]![0]!["count"] = 40;
        json["fleets"]![0]!["scaleSet"]!["sku"]!["capacity"] = 500;
        var path = Path.Combine(Path.GetTempPath(), $"vmss-fleet-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json.ToJsonString());
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var result = await ChildProcess.RunAsync(Repo.ClientDll, ["simulate", "--scenario", path, "--engine", "reference", "--output", "json", "--instances", "none", "--progress", "never"], deadline.Token);
            Assert.True(result.ExitCode == 0, result.ToString());

            var report = System.Text.Json.Nodes.JsonNode.Parse(result.Out)!;
            var runs = report["scaleSets"]!.AsArray().Select(s => (Name: (string)s!["name"]!, Run: s["runs"]!.AsArray().Single()!)).ToList();
            Assert.Equal(40, runs.Count);
            Assert.All(runs, r => Assert.Equal(("Completed", r.Name == "api-7" ? 12 : 500), ((string)r.Run["runningStatus"]!["code"]!, (int)r.Run["progress"]!["successfulInstanceCount"]!)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Simulate_BadImage1000WithAnotherSeed_ReferenceReportEqualsOrleansReport() =>
        await EngineComparison.SimulateOnBothAsync(Repo.Example("bad-image-1000"), "--seed", "42");

    [Fact]
    public async Task Simulate_WithoutScenario_ReferenceRunsTheSameDemo()
    {
        var orleans = await Cli.OkAsync("simulate", "--output", "json");
        var reference = await Cli.OkAsync("simulate", "--output", "json", "--engine", "reference");

        EngineComparison.AssertSame(orleans.Out, reference.Out, "the demo");
    }

    [Fact]
    public async Task Simulate_ReferenceSameSeedTwice_PrintsByteIdenticalJson_AnotherSeedDoesNot()
    {
        string[] args = ["simulate", "--scenario", Repo.Example("bad-image-1000"), "--output", "json", "--engine", "reference", "--seed"];

        var first = await Cli.OkAsync([.. args, "7"]);
        var second = await Cli.OkAsync([.. args, "7"]);
        var other = await Cli.OkAsync([.. args, "8"]);

        Assert.Equal(first.Out, second.Out);
        Assert.NotEqual(first.Out, other.Out);
        Assert.Contains("\"seed\": 7,", first.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_ReferenceForPeople_NamesTheEngineInTheHeader()
    {
        var result = await Cli.OkAsync("simulate", "--scenario", Repo.Example("seed-6vm-rolling"), "--engine", "reference");

        Assert.Contains($"Scenario {Repo.Example("seed-6vm-rolling")} · seed 7 · clock virtual, reference engine\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("Simulated PT24M21S", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cluster", "localhost:30000", "error: --engine reference runs the scenario in this process and cannot use --cluster: leave out one of them")]
    [InlineData("--clock", "scaled:10", "error: --engine reference runs on its own virtual clock and cannot use --clock scaled:10: leave out one of them")]
    public async Task Simulate_ReferenceWithAClusterOrAWallClock_IsAUsageError(string option, string value, string error)
    {
        var result = await Cli.RunAsync("simulate", "--engine", "reference", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.ErrorLine);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Simulate_UnknownEngine_IsAUsageError()
    {
        var result = await Cli.RunAsync("simulate", "--engine", "akka");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --engine: 'akka' is not an engine; use orleans or reference (see --help)", result.ErrorLine);
        Assert.Equal("", result.Out);
    }
}
