using System.Text.Json.Nodes;
using VmssGrains.Client.Rendering;
using VmssGrains.Simulation.Planning;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Tests.Planning;

/// <summary>
/// The batch listing from a scenario (<see cref="ScenarioBatchPlans"/>), its JSON and its console rendering: the scale
/// set <c>web</c> of six instances in zones 1 (0, 2, 4) and 2 (1, 3, 5), instance 2 protected, instance 5 unhealthy.
/// </summary>
public class BatchPlanListingTests
{
    private static JsonObject Scenario()
    {
        var scenario = ScenarioFiles.Template(capacity: 6);
        scenario.ScaleSet()["zones"] = new JsonArray("1", "2");
        var policy = new JsonObject
        {
            ["maxBatchInstancePercent"] = 50,
            ["maxUnhealthyInstancePercent"] = 50,
            ["prioritizeUnhealthyInstances"] = true,
            ["pauseTimeBetweenBatches"] = "PT1M",
        };
        var update = ScenarioFiles.ImagePatch("1.1.0");
        update["patch"]!["properties"]!["upgradePolicy"] = new JsonObject { ["rollingUpgradePolicy"] = policy };
        return scenario
            .Fault(new JsonObject { ["kind"] = "unhealthy", ["instanceIds"] = new JsonArray("5"), ["at"] = "PT0S" })
            .Action("PT0S", "setProtectionPolicy", new JsonObject { ["instanceIds"] = new JsonArray("2"), ["protectFromScaleIn"] = true, ["protectFromScaleSetActions"] = true })
            .Action("PT1M", "update", update)
            .Action("PT1H", "startExtensionUpgrade");
    }

    private static async Task<JsonArray> ListAsync() =>
        BatchPlanJson.Write(await ScenarioBatchPlans.ListAsync(ScenarioReader.Read(Scenario().ToJsonString())));

    [Fact]
    public async Task ListAsync_ZonedScaleSet_ListsEachRunAnActionStartsAsItStarts()
    {
        var listings = await ListAsync();

        Assert.Equal(2, listings.Count);
        var update = listings[0]!;
        Assert.Equal(
            """
            {"scaleSet":"web","action":"update","at":"PT1M","runKind":"RollingUpgrade","batchSize":3,"batchSizeRule":"maxBatchInstancePercent 50 % of 6 instances = 3: 3","zoneOrder":["1","2"],"batches":[{"index":1,"zone":"1","instanceIds":["0","4"],"reasons":["zone 1: zones go one at a time, lowest first (2 instance(s) left in zone 1)","2: all that is left in zone 1 (the batch size is 3)"]},{"index":2,"zone":"2","instanceIds":["5","1","3"],"reasons":["zone 2: zones go one at a time, lowest first (3 instance(s) left in zone 2)","3: the batch size","prioritizeUnhealthyInstances: unhealthy 5 first"]}],"skipped":[{"instanceId":"2","reason":"protectFromScaleSetActions: upgrades leave it alone"}],"notes":["As the run starts: every instance stays as it is then and every upgrade succeeds (an upgraded instance counts as healthy).","A real run chooses each batch when the one before it has ended, from the health the instances have then: faults change the batches.","pauseTimeBetweenBatches PT1M: a pause after every batch but the last."]}
            """,
            update.ToJsonString());

        // An hour later the update's run is over: instance 5 was reimaged to the new image and is healthy again.
        var extensions = listings[1]!;
        Assert.Equal("startExtensionUpgrade", (string)extensions["action"]!);
        Assert.Equal("PT1H", (string)extensions["at"]!);
        Assert.Equal("ExtensionUpgrade", (string)extensions["runKind"]!);
        Assert.Equal("""[["0","4"],["1","3","5"]]""", new JsonArray([.. extensions["batches"]!.AsArray().Select(b => b!["instanceIds"]!.DeepClone())]).ToJsonString());
    }

    [Fact]
    public async Task Write_Listing_PrintsBatchesReasonsSkippedAndNotes()
    {
        var listings = await ListAsync();
        using var output = new StringWriter();

        BatchPlanRenderer.Write(Terminal.For(output), new JsonArray(listings[0]!.DeepClone()));

        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        Assert.Equal(
            [
                "Batch plan of web (RollingUpgrade run started by update at PT1M): 2 batch(es)",
                "  Batch size 3: maxBatchInstancePercent 50 % of 6 instances = 3: 3",
                "  Zone order: 1, 2",
                "  Batch   Zone   Instances   Why",
            ],
            lines[..4]);
        Assert.Contains(lines, l => l.StartsWith("  1       1      0,4         zone 1: zones go one at a time, lowest first (2 instance(s) left in zone 1); 2: all that is left in zone 1 (the batch size is 3)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  2       2      5,1,3       zone 2: zones go one at a time, lowest first (3 instance(s) left in zone 2); 3: the batch size; prioritizeUnhealthyInstances: unhealthy 5 first", StringComparison.Ordinal));
        Assert.Equal(
            [
                "  Skipped 1 (protectFromScaleSetActions: upgrades leave it alone): 2",
                "  Note: As the run starts: every instance stays as it is then and every upgrade succeeds (an upgraded instance counts as healthy).",
                "  Note: A real run chooses each batch when the one before it has ended, from the health the instances have then: faults change the batches.",
                "  Note: pauseTimeBetweenBatches PT1M: a pause after every batch but the last.",
            ],
            lines[^4..]);
    }
}
