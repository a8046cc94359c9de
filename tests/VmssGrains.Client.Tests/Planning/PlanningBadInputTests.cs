using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Planning;

/// <summary>Bad input to <c>plan</c> and <c>compare</c>: exit 2 and exactly one line on standard error naming the input.</summary>
public sealed class PlanningBadInputTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vmss-planning-bad-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    public async Task Plan_SeedsOutOfRange_IsOneLine(string seeds)
    {
        var path = PlanningScenarios.Write(directory, "s.json", PlanningScenarios.Upgrade());

        var result = await Cli.RunAsync("plan", "--scenario", path, "--seeds", seeds);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --seeds: {seeds} is out of range: allowed 1–10000 (see --help)", result.ErrorLine);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Plan_MissingScenarioOption_IsUsageError()
    {
        var result = await Cli.RunAsync("plan");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--scenario", result.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_BadImageProbabilityOutOfRange_NamesTheJsonPath()
    {
        var path = PlanningScenarios.Write(directory, "p.json", PlanningScenarios.Upgrade(1.5));

        var result = await Cli.RunAsync("plan", "--scenario", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {path}: $.faults[0].probability: ", result.ErrorLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fast:maxBatchInstancePercent=101", "error: --strategy fast: (InvalidParameter) maxBatchInstancePercent: 101 is out of range: allowed 5–100")]
    [InlineData("fast:maxUnhealthyUpgradedInstancePercent=-1", "error: --strategy fast: (InvalidParameter) maxUnhealthyUpgradedInstancePercent: -1 is out of range: allowed 0–100")]
    [InlineData("slow:pauseTimeBetweenBatches=five", "error: --strategy slow: (InvalidParameter) pauseTimeBetweenBatches: ")]
    [InlineData("m:mode=Sometimes", "error: --strategy m: (InvalidParameter) mode: 'Sometimes' is not one of Manual, Automatic, Rolling")]
    [InlineData("s:maxSurge=perhaps", "error: --strategy s: (InvalidParameter) maxSurge: must be true or false, not 'perhaps'")]
    [InlineData("x:maxBatch=50", "error: --strategy x: (InvalidParameter) maxBatch: is not an upgrade policy property; use mode, maxBatchInstancePercent, maxUnhealthyInstancePercent, maxUnhealthyUpgradedInstancePercent, pauseTimeBetweenBatches, maxSurge, enableCrossZoneUpgrade, prioritizeUnhealthyInstances, rollbackFailedInstancesOnPolicyBreach")]
    [InlineData("x:maxSurge", "error: --strategy x: (InvalidParameter) 'maxSurge' is not property=value (e.g. maxBatchInstancePercent=50)")]
    [InlineData("bad name:mode=Rolling", "error: --strategy bad name: (InvalidParameter) 'bad name' is not a strategy name: use letters, digits, '-', '_', '.'")]
    [InlineData("d:maxSurge=true,maxsurge=false", "error: --strategy d: (InvalidParameter) maxSurge: is given twice")]
    public async Task Compare_BadStrategy_IsOneLineWithAzuresMessage(string strategy, string expected)
    {
        var path = PlanningScenarios.Write(directory, "c.json", PlanningScenarios.Upgrade());

        var result = await Cli.RunAsync("compare", "--scenario", path, "--seeds", "1", "--strategy", "ok:mode=Rolling", "--strategy", strategy);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.ErrorLine, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Compare_NoStrategies_SaysWhereToGiveThem()
    {
        var path = PlanningScenarios.Write(directory, "none.json", PlanningScenarios.Upgrade());

        var result = await Cli.RunAsync("compare", "--scenario", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: no strategies to compare: give --strategy NAME:property=value,... (repeatable) or a strategies array in the scenario", result.ErrorLine);
    }

    [Fact]
    public async Task Compare_SameNameTwice_IsRefused()
    {
        var path = PlanningScenarios.Write(directory, "twice.json", PlanningScenarios.Upgrade());

        var result = await Cli.RunAsync("compare", "--scenario", path, "--strategy", "a:mode=Rolling", "--strategy", "A:maxSurge=true");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --strategy: 'a' is given twice", result.ErrorLine);
    }

    [Fact]
    public async Task Compare_ScenarioStrategyOutOfRange_NamesItsJsonPath()
    {
        var scenario = PlanningScenarios.Upgrade();
        scenario["strategies"] = new JsonArray(new JsonObject { ["name"] = "big", ["maxBatchInstancePercent"] = 101 });
        var path = PlanningScenarios.Write(directory, "listed.json", scenario);

        var result = await Cli.RunAsync("compare", "--scenario", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: $.strategies[0].maxBatchInstancePercent: 101 is out of range: allowed 5–100", result.ErrorLine);
    }

    [Fact]
    public async Task Compare_AutomaticForAnOSUpgradeScenario_IsRefusedNamingTheAction()
    {
        var scenario = ScenarioFiles.Template("Rolling", imageVersion: "latest", versions: ["1.0.0"])
            .Action("PT1M", "publishImageVersion", new JsonObject { ["image"] = "web", ["version"] = "1.1.0" })
            .Action("PT2M", "startOSUpgrade");
        var path = PlanningScenarios.Write(directory, "os.json", scenario);

        var result = await Cli.RunAsync("compare", "--scenario", path, "--strategy", "auto:mode=Automatic");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"error: {path}: strategy 'auto': $.actions[1]: startOSUpgrade always rolls in batches with rollingUpgradePolicy, whatever upgradePolicy.mode says, so strategy 'auto' (mode Automatic) would compare nothing: give this scenario Rolling strategies, or upgrade with an update action",
            result.ErrorLine);
    }

    [Fact]
    public async Task Compare_RollingStrategyOnAScaleSetWithoutHealthSource_IsAzuresBadRequest()
    {
        var scenario = ScenarioFiles.Template("Manual").Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0"));
        scenario.Properties()["virtualMachineProfile"]!.AsObject().Remove("networkProfile");
        var path = PlanningScenarios.Write(directory, "nohealth.json", scenario);

        var result = await Cli.RunAsync("compare", "--scenario", path, "--strategy", "r:mode=Rolling");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"error: {path}: strategy 'r': $.scaleSets[0].properties.upgradePolicy.mode: Rolling Upgrade mode is not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided.",
            result.ErrorLine);
    }

    [Fact]
    public async Task OutputCsv_OnAnotherVerb_IsUsageError()
    {
        var result = await Cli.RunAsync("plan", "--scenario", "x.json", "--output", "csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --output csv is for compare only; use table or json (see --help)", result.ErrorLine);
    }
}
