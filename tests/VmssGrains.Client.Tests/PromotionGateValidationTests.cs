using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// A bad <c>after</c> is refused when the file is read: exit code 2 and one line naming its JSON path, before anything runs.
/// The scenario is staging → production (<see cref="GatedScenarios.Stages"/>) with the test's actions.
/// </summary>
public sealed class PromotionGateValidationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vmss-gate-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static JsonObject Update(string scaleSet, JsonNode? after = null, string? at = null) => GatedScenarios.UpdateAction(scaleSet, after, at);

    public static TheoryData<string, string> Refused() => new()
    {
        { "unknown-scale-set", "$.actions[1].after.scaleSet: 'nope' is not a scale set of this scenario (staging, production)" },
        { "missing-scale-set", "$.actions[1].after.scaleSet: is required: the scale set whose operation the action waits for (one of staging, production)" },
        { "nothing-earlier", "$.actions[0].after.scaleSet: no earlier action starts an operation on 'staging': the gate waits for the last update, startOSUpgrade, startExtensionUpgrade, updateInstances, reimage, reimageAll or scale on it listed before this action" },
        { "only-a-cancel-earlier", "$.actions[1].after.scaleSet: no earlier action starts an operation on 'staging': the gate waits for the last update, startOSUpgrade, startExtensionUpgrade, updateInstances, reimage, reimageAll or scale on it listed before this action" },
        { "cycle", "$.actions[0].after.scaleSet: no earlier action starts an operation on 'production': the gate waits for the last update, startOSUpgrade, startExtensionUpgrade, updateInstances, reimage, reimageAll or scale on it listed before this action" },
        { "percent-above", "$.actions[1].after.maxFailedInstancePercent: 150 is out of range: allowed 0–100" },
        { "percent-below", "$.actions[1].after.maxFailedInstancePercent: -1 is out of range: allowed 0–100" },
        { "percent-text", "$.actions[1].after.maxFailedInstancePercent: must be a number in 0–100, not '5'" },
        { "at-and-after", "$.actions[1].at: cannot be given with after: a gated action is played when the operation it waits for ends" },
        { "unknown-field", "$.actions[1].after.bakeTime: unknown field; allowed here: scaleSet, maxFailedInstancePercent" },
        { "not-an-object", "$.actions[1].after: must be an object, not 'staging'" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Simulate_BadGate_OneLineNamingThePathAndExitTwo(string problem, string expected)
    {
        var after = GatedScenarios.After("staging", 5);
        JsonObject[] actions = problem switch
        {
            "unknown-scale-set" => [Update("staging", at: "PT1M"), Update("production", new JsonObject { ["scaleSet"] = "nope" })],
            "missing-scale-set" => [Update("staging", at: "PT1M"), Update("production", new JsonObject { ["maxFailedInstancePercent"] = 5 })],
            "nothing-earlier" => [Update("production", after), Update("staging", at: "PT1M")],
            "only-a-cancel-earlier" => [new JsonObject { ["at"] = "PT1M", ["action"] = "cancel", ["scaleSet"] = "staging" }, Update("production", after)],
            "cycle" => [Update("staging", GatedScenarios.After("production")), Update("production", after)],
            "percent-above" => [Update("staging", at: "PT1M"), Update("production", GatedScenarios.After("staging", 150))],
            "percent-below" => [Update("staging", at: "PT1M"), Update("production", GatedScenarios.After("staging", -1))],
            "percent-text" => [Update("staging", at: "PT1M"), Update("production", new JsonObject { ["scaleSet"] = "staging", ["maxFailedInstancePercent"] = "5" })],
            "at-and-after" => [Update("staging", at: "PT1M"), Update("production", after, at: "PT2M")],
            "unknown-field" => [Update("staging", at: "PT1M"), Update("production", new JsonObject { ["scaleSet"] = "staging", ["bakeTime"] = "PT1H" })],
            _ => [Update("staging", at: "PT1M"), Update("production", JsonValue.Create("staging"))],
        };
        var scenario = GatedScenarios.Stages(("staging", 2), ("production", 2));
        scenario["actions"] = new JsonArray([.. actions]);
        var path = Path.Combine(directory, $"{problem}.json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());

        var result = await Cli.RunAsync("simulate", "--scenario", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: {expected}", result.ErrorLine);
    }
}
