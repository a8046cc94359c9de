using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Reporting;

/// <summary>
/// <c>timeBreakdown</c> of a run on both engines, with the fixed step times of <see cref="ScenarioFiles"/>: drain 10 s,
/// reimage 3 min, boot 1 min, the extension <c>app</c> 2 min, and the probe (5 s × 2) to become healthy.
/// </summary>
public class TimeBreakdownTests
{
    [Fact]
    public async Task Simulate_RollingUpdateInTwoBatches_BreaksTheRunDownIntoItsCriticalSteps()
    {
        var scenario = ScenarioFiles.Template();
        scenario.Properties()["upgradePolicy"]!["rollingUpgradePolicy"] = new JsonObject
        {
            ["maxBatchInstancePercent"] = 50,
            ["maxUnhealthyInstancePercent"] = 50,
            ["pauseTimeBetweenBatches"] = "PT1M",
        };
        scenario.Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0"));

        var report = await ScenarioFiles.SimulateAsync(scenario);

        // Each batch: drain 10 + reimage 180 + boot 60 + app 120 + probe 10 = 380 s; two batches and one pause of 60 s.
        var breakdown = report["scaleSets"]![0]!["runs"]![0]!["timeBreakdown"]!;
        Assert.Equal(
            """{"durationSeconds":820,"parts":{"drain":20,"reimage":360,"boot":120,"extension:app":240,"probe":20,"pause":60},"criticalInstanceIds":["0","2"]}""",
            breakdown.ToJsonString());
    }
}
