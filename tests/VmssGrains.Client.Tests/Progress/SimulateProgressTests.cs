using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Progress;

/// <summary>
/// <c>simulate --progress</c> as users meet it: plain lines on a redirected standard error (the built <c>vmss</c> as a
/// child process, and in this process with <c>always</c>), their shape, and the final count of instance operations.
/// </summary>
public sealed class SimulateProgressTests
{
    [Fact]
    public async Task Simulate_ProgressAlwaysRedirected_EndsWithTheLastLineWithTheExactCountAndTheReportsTime()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await ChildProcess.RunAsync(Repo.ClientDll, ["simulate", "--progress", "always", "-o", "json"], timeout.Token);

        Assert.True(result.ExitCode == 0, result.ToString());
        var done = ProgressLines.Last(result.Err);
        Assert.Equal("6", done.Groups["ended"].Value);
        Assert.Equal("0", done.Groups["underWay"].Value);
        Assert.Equal(Json.ParseObject(result).Str("simulatedDuration"), done.Groups["simulated"].Value);
        Assert.Equal("PT24M21S", done.Groups["simulated"].Value);
    }

    /// <summary>
    /// On scaled:100 the update at PT6M is 3.6 wall seconds away and its two batches take about 8 more: a run of more
    /// than 5 s, so with the default (auto) and standard error redirected, plain lines come every 5 s, then the last.
    /// </summary>
    [Fact]
    public async Task Simulate_LongRunRedirected_WritesALineEveryFiveWallSecondsThenTheLastOne()
    {
        var scenario = ScenarioFiles.Template().Action("PT6M", "update", ScenarioFiles.ImagePatch("1.1.0"));
        scenario.Properties()["upgradePolicy"] = new JsonObject
        {
            ["mode"] = "Rolling",
            ["rollingUpgradePolicy"] = new JsonObject { ["maxBatchInstancePercent"] = 50, ["pauseTimeBetweenBatches"] = "PT0S" },
        };
        var path = Path.Combine(Directory.CreateTempSubdirectory("vmss-progress-").FullName, "scenario.json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await ChildProcess.RunAsync(Repo.ClientDll, ["simulate", "--scenario", path, "--clock", "scaled:100", "-o", "json"], timeout.Token);

        Assert.True(result.ExitCode == 0, result.ToString());
        var done = ProgressLines.Last(result.Err);
        var periodic = result.ErrLines[..^1].Select(l => ProgressLines.Periodic().Match(l)).ToList();
        Assert.NotEmpty(periodic);
        Assert.Equal(periodic.Select(m => m.Count("wall")).Order(), periodic.Select(m => m.Count("wall")));
        Assert.Equal(periodic.Select(m => m.Count("ended")).Order(), periodic.Select(m => m.Count("ended")));
        Assert.Equal("4", done.Groups["ended"].Value);
        Assert.Equal("0", done.Groups["underWay"].Value);
    }

    /// <summary>
    /// fleet-small with 300 instances per member (6,000 to create, seconds of wall time): more than 10 scale sets, so the
    /// terminal shows the fleet line and a summary of the runs, never a line per scale set.
    /// </summary>
    [SkippableFact]
    public async Task Simulate_FleetOnATerminal_ShowsTheFleetLineAndARunSummaryNotALinePerScaleSet()
    {
        Skip.IfNot(Pty.Available, $"{Pty.Script} (util-linux) is not installed");
        var fleet = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Example("fleet-small")))!.AsObject();
        fleet["fleets"]![0]!["scaleSet"]!["sku"]!["capacity"] = 300;
        fleet["fleets"]![0]!.AsObject().Remove("overrides");
        var path = Path.Combine(Directory.CreateTempSubdirectory("vmss-progress-").FullName, "fleet.json");
        await File.WriteAllTextAsync(path, fleet.ToJsonString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var (exitCode, screen) = await Pty.RunAsync(Repo.ClientDll, ["simulate", "--scenario", path, "-o", "json"], timeout.Token);

        Assert.True(exitCode == 0, screen);
        var text = screen.Replace("\r", "", StringComparison.Ordinal);
        Assert.Matches(@"Simulating: [\d,]+ instance operations ended, [\d,]+ under way · simulated PT\S* · [\d,.]+/s · \d+ s wall", text);
        Assert.Matches(@"\n  20 scale sets · rolling upgrades: \d+ under way, \d+ completed, \d+ faulted, \d+ cancelled, \d+ none yet", text);
        Assert.DoesNotContain("  api-0:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("being created", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orleans")]
    [InlineData("reference")]
    public async Task Simulate_FleetWithProgressAlways_LastLineCountsEveryMembersUpgrades(string engine)
    {
        var result = await Cli.OkAsync("simulate", "--scenario", Repo.Example("fleet-small"), "--engine", engine, "--progress", "always", "-o", "json");

        var done = ProgressLines.Last(result.Err);
        Assert.Equal("126", done.Groups["ended"].Value);
        Assert.Equal("0", done.Groups["underWay"].Value);
        Assert.Equal(Json.ParseObject(result).Str("simulatedDuration"), done.Groups["simulated"].Value);
    }

    [Fact]
    public async Task Simulate_ProgressNever_WritesNothingWhereAlwaysWritesTheLastLine()
    {
        string[] demo = ["simulate", "--engine", "reference", "-o", "json", "--progress"];

        var always = await Cli.OkAsync([.. demo, "always"]);
        var never = await Cli.OkAsync([.. demo, "never"]);

        Assert.Equal(6, ProgressLines.Last(always.Err).Count("ended"));
        Assert.Equal("", never.Err);
        Assert.Equal(always.Out, never.Out);
    }

    [Fact]
    public async Task Simulate_ProgressNotAMode_IsAUsageErrorNamingTheOption()
    {
        var result = await Cli.RunAsync("simulate", "--progress", "sometimes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--progress", result.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("sometimes", result.ErrorLine, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}
