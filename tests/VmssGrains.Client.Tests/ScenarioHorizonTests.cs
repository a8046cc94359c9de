using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The horizon: a scenario runs to its <c>until</c>, or seven days without one. Any time the file puts on the
/// timeline beyond it — an action, a timed fault, a version's publication — is a usage error (exit 2, one line
/// naming the JSON path), never silently dropped.
/// </summary>
public sealed class ScenarioHorizonTests : IDisposable
{
    private const string Default = "P8D is beyond the scenario's horizon P7D (the default without until): nothing after the horizon is simulated";

    private readonly string directory = Directory.CreateTempSubdirectory("vmss-horizon-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task ActionAfterTheDefaultHorizon_IsUsageErrorNamingItsAt()
    {
        var scenario = ScenarioFiles.Template().Action("PT1M", "scale", new JsonObject { ["capacity"] = 5 }).Action("P8D", "scale", new JsonObject { ["capacity"] = 6 });

        await AssertRejectedAsync(scenario, $"$.actions[1].at: {Default}");
    }

    [Fact]
    public async Task ActionAfterUntil_IsUsageErrorNamingItsAt()
    {
        var scenario = ScenarioFiles.Template().Action("PT2H1S", "scale", new JsonObject { ["capacity"] = 5 });
        scenario["until"] = "PT2H";

        await AssertRejectedAsync(scenario, "$.actions[0].at: PT2H1S is beyond the scenario's horizon PT2H (its until): nothing after the horizon is simulated");
    }

    [Fact]
    public async Task UnhealthyFaultStartingAfterTheHorizon_IsUsageErrorNamingItsAt()
    {
        var scenario = ScenarioFiles.Template().Fault(new JsonObject { ["kind"] = "unhealthy", ["instanceIds"] = new JsonArray("1"), ["at"] = "P8D" });

        await AssertRejectedAsync(scenario, $"$.faults[0].at: {Default}");
    }

    [Fact]
    public async Task UnhealthyFaultEndingAfterTheHorizon_IsUsageErrorNamingItsUntil()
    {
        var scenario = ScenarioFiles.Template().Fault(new JsonObject { ["kind"] = "unhealthy", ["instanceIds"] = new JsonArray("1"), ["at"] = "PT1M", ["until"] = "P8D" });

        await AssertRejectedAsync(scenario, $"$.faults[0].until: {Default}");
    }

    [Fact]
    public async Task ScriptSourceOutageStartingAfterTheHorizon_IsUsageErrorNamingItsFrom()
    {
        var scenario = ScenarioFiles.Template().Fault(new JsonObject { ["kind"] = "scriptSourceOutage", ["extension"] = "app", ["from"] = "P8D", ["to"] = "P9D" });

        await AssertRejectedAsync(scenario, $"$.faults[0].from: {Default}");
    }

    [Fact]
    public async Task ScriptSourceOutageEndingAfterTheHorizon_IsUsageErrorNamingItsTo()
    {
        var scenario = ScenarioFiles.Template().Fault(new JsonObject { ["kind"] = "scriptSourceOutage", ["extension"] = "app", ["from"] = "PT1M", ["to"] = "P8D" });

        await AssertRejectedAsync(scenario, $"$.faults[0].to: {Default}");
    }

    [Fact]
    public async Task ImageVersionPublishedAfterTheHorizon_IsUsageErrorNamingItsPublishedAt()
    {
        var scenario = ScenarioFiles.Template();
        scenario["images"]![0]!["versions"]!.AsArray().Add(new JsonObject { ["version"] = "2.0.0", ["publishedAt"] = "P8D" });

        await AssertRejectedAsync(scenario, $"$.images[0].versions[2].publishedAt: {Default}");
    }

    [Fact]
    public async Task StartTimeWhoseHorizonIsPastTheCalendar_IsUsageErrorNamingIt()
    {
        var scenario = ScenarioFiles.Template();
        scenario["startTime"] = "9999-12-30T00:00:00Z";

        await AssertRejectedAsync(scenario, "$.startTime: 9999-12-30T00:00:00.0000000+00:00 plus the scenario's horizon P7D (the default without until) is past the end of the calendar (9999-12-31)");
    }

    [Fact]
    public async Task ActionExactlyAtTheDefaultHorizon_IsPlayed()
    {
        var scenario = ScenarioFiles.Template().Action("P7D", "setProtectionPolicy", new JsonObject { ["instanceIds"] = new JsonArray("0"), ["protectFromScaleIn"] = true });

        var report = await ScenarioFiles.SimulateAsync(scenario);

        Assert.Equal("P7D", report.Str("simulatedDuration"));
        var action = Assert.Single(report.Objects("actions"));
        Assert.Equal(("P7D", "setProtectionPolicy", "Succeeded"), (action.Str("at"), action.Str("action"), action.Str("status")));
        Assert.True(report.Named("scaleSets", "web").Objects("instances")[0]["protectionPolicy"].Bool("protectFromScaleIn"));
    }

    private async Task AssertRejectedAsync(JsonObject scenario, string error)
    {
        var path = Path.Combine(directory, "scenario.json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());

        var result = await Cli.RunAsync("simulate", "--scenario", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: {error}", result.ErrorLine);
        Assert.Equal("", result.Out);
    }
}
