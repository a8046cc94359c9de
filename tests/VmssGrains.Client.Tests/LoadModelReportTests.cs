using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The load model through <c>simulate --output json</c> on both engines (<see cref="ScenarioFiles.SimulateAsync"/>): small
/// scenarios of 4 instances whose requests are computed by hand. A timed <c>unhealthy</c> fault takes an instance out
/// of service at its <c>at</c> and back at its <c>until</c>; an action at the end makes the scenario last until then.
/// </summary>
public sealed class LoadModelReportTests
{
    [Fact]
    public async Task Simulate_ConstantLoadOneOfFourOutForSixtySeconds_DropsExactlyTheMissingCapacity()
    {
        // 100 requests/s, 4 × 30 = 120 capacity; one out from PT1M to PT2M leaves 90: 10 dropped per second, 600.
        var scenario = Scenario(new JsonObject { ["requestsPerSecond"] = 100, ["capacityPerInstance"] = 30 }, "PT2M")
            .Fault(Outage(["0"], "PT1M", "PT2M"));

        var load = (await ScenarioFiles.SimulateAsync(scenario))["load"]!;

        Assert.Equal((12_000L, 11_400L, 600L, 95.0, 0.0), Totals(load));
        Assert.Equal(["PT0S 6000/6000/0 0", "PT1M 6000/5400/600 0"], PerMinute(load));
        Assert.Equal(0.0, load.Named("loadBalancers", "lb").Number("meanLatencySeconds"));
    }

    [Fact]
    public async Task Simulate_LinearCurve_OffersTheIntegralAndDropsAboveCapacity()
    {
        // 0 → 240 requests/s over 2 minutes: 3,600 in the first minute, 10,800 in the second; above 120 (4 × 30) from
        // PT1M: ∫(2t − 120) over 60–120 s = 3,600 dropped.
        var curve = new JsonArray(Point("PT0S", 0), Point("PT2M", 240));
        var scenario = Scenario(new JsonObject { ["offeredLoadCurve"] = curve, ["capacityPerInstance"] = 30 }, "PT2M");

        var load = (await ScenarioFiles.SimulateAsync(scenario))["load"]!;

        Assert.Equal((14_400L, 10_800L, 3_600L, 75.0, 0.0), Totals(load));
        Assert.Equal(["PT0S 3600/3600/0 0", "PT1M 10800/7200/3600 0"], PerMinute(load));
    }

    [Fact]
    public async Task Simulate_WarmUpAfterRejoining_DropsWhileTheInstanceWarms()
    {
        // 100 requests/s on 4 × 25. Out PT1M–PT2M: 25/s, 1,500. Back at 50 %, rising to 100 % over a minute: short
        // by 12.5 × (1 − τ/60) per second, 375.
        var load = new JsonObject { ["requestsPerSecond"] = 100, ["capacityPerInstance"] = 25, ["warmUp"] = new JsonObject { ["duration"] = "PT1M", ["startPercent"] = 50 } };
        var scenario = Scenario(load, "PT3M").Fault(Outage(["0"], "PT1M", "PT2M"));

        var report = (await ScenarioFiles.SimulateAsync(scenario))["load"]!;

        Assert.Equal((18_000L, 16_125L, 1_875L, 89.583, 0.0), Totals(report));
        Assert.Equal(["PT0S 6000/6000/0 0", "PT1M 6000/4500/1500 0", "PT2M 6000/5625/375 0"], PerMinute(report));
    }

    [Theory]
    [InlineData(3, 12_000L, 0L, 0.05, "PT1M 6000/6000/0 0.1")]
    [InlineData(2, 11_900L, 100L, 0.025, "PT1M 6000/5900/100 0.051")]
    [InlineData(0, 11_700L, 300L, 0.0, "PT1M 6000/5700/300 0")]
    public async Task Simulate_NoCapacityForThreeSeconds_QueuesUpToTheBoundThenDrops(int maxQueueSeconds, long served, long dropped, double latency, string minute)
    {
        // All 4 out for seconds 60–62 (100 requests each), then 4,000/s. maxQueueSeconds 3: second 63 serves all 300
        // after 3, 2 and 1 s (600 s of waiting); 2: the 100 of second 60 are dropped after second 62, the rest wait
        // 2 and 1 s (300); no queue: all 300 dropped.
        var load = new JsonObject { ["requestsPerSecond"] = 100, ["capacityPerInstance"] = 1000, ["maxQueueSeconds"] = maxQueueSeconds };
        var scenario = Scenario(load, "PT2M").Fault(Outage(["0", "1", "2", "3"], "PT1M", "PT1M3S"));

        var report = (await ScenarioFiles.SimulateAsync(scenario))["load"]!;

        Assert.Equal((12_000L, served, dropped), (report.Whole("requestsOffered"), report.Whole("requestsServed"), report.Whole("requestsDropped")));
        Assert.Equal(latency, report.Number("meanLatencySeconds"));
        Assert.Equal(["PT0S 6000/6000/0 0", minute], PerMinute(report));
    }

    [Fact]
    public async Task Simulate_WithoutLoad_ReportsNoPerMinuteAndNoLatency()
    {
        var scenario = Scenario(new JsonObject { ["requestsPerSecond"] = 0 }, "PT2M");

        var load = (await ScenarioFiles.SimulateAsync(scenario))["load"]!.AsObject();

        Assert.Equal(["minInServicePercent", "minInService", "requestsOffered", "requestsServed", "requestsDropped", "availabilityPercent", "loadBalancers"], load.Select(p => p.Key));
    }

    [Fact]
    public async Task Simulate_TrafficGate_CancelsTheRunAtTheFirstMinuteItsWindowIsBelowTheThreshold()
    {
        // Batches of one: 90 of 100 requests/s served from PT1M. At PT2M the last minute's availability is 90 % < 99 %.
        var gated = RollingScenario();
        gated["trafficGates"] = new JsonArray(new JsonObject
        {
            ["scaleSet"] = "web", ["loadBalancer"] = "lb", ["window"] = "PT1M", ["minAvailabilityPercent"] = 99,
        });

        var report = await ScenarioFiles.SimulateAsync(gated);

        var run = Assert.Single(report["scaleSets"]![0]!.Objects("runs"));
        Assert.Equal(("Cancelled", "PT2M"), (run["runningStatus"].Str("code"), run["runningStatus"].Str("lastActionTime")));
        var gate = report.Objects("actions")[1];
        Assert.Equal(("PT2M", "gate:traffic", "web", "Succeeded"), (gate.Str("at"), gate.Str("action"), gate.Str("scaleSet"), gate.Str("status")));
        Assert.Equal("availability of load balancer 'lb' over the last PT1M was 90 %, below the gate's minimum of 99 %; the rolling upgrade was cancelled", gate.Str("message"));
        Assert.Equal("Canceled", report.Objects("actions")[0].Str("status"));

        // The same without the gate: every batch runs, each a 6 min 20 s dip of 10 requests/s.
        var ungated = await ScenarioFiles.SimulateAsync(RollingScenario());
        Assert.Equal("Completed", Assert.Single(ungated["scaleSets"]![0]!.Objects("runs"))["runningStatus"].Str("code"));
        Assert.Equal(4 * 380 * 10, ungated["load"].Whole("requestsDropped"));
        Assert.Single(ungated.Objects("actions"));
    }

    [Fact]
    public async Task Simulate_TrafficGateExample_HaltsTheRunThatWithoutTheGateCompletes()
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Example("traffic-gate")))!.AsObject();

        var gated = await ScenarioFiles.SimulateAsync(example);
        example.Remove("trafficGates");
        var ungated = await ScenarioFiles.SimulateAsync(example);

        // Batch 1 (3 of 6) leaves 2,400 of about 3,070 requests/s from PT1M: at PT2M the 5-minute window is below 99 %.
        var gate = gated.Objects("actions")[1];
        Assert.Equal(("PT2M", "gate:traffic", "Succeeded"), (gate.Str("at"), gate.Str("action"), gate.Str("status")));
        Assert.StartsWith("availability of load balancer 'api-lb' over the last PT5M was 89.076 %", gate.Str("message"), StringComparison.Ordinal);
        Assert.Equal("Cancelled", gated["scaleSets"]![0]!.Objects("runs")[0]["runningStatus"].Str("code"));
        Assert.Single(gated["scaleSets"]![0]!.Objects("runs")[0].Objects("batches"));

        Assert.Equal("Completed", ungated["scaleSets"]![0]!.Objects("runs")[0]["runningStatus"].Str("code"));
        Assert.Equal(2, ungated["scaleSets"]![0]!.Objects("runs")[0].Objects("batches").Count);
        Assert.True(ungated["load"].Whole("requestsDropped") > gated["load"].Whole("requestsDropped"));
    }

    private static (long, long, long, double, double) Totals(JsonNode load) =>
        (load.Whole("requestsOffered"), load.Whole("requestsServed"), load.Whole("requestsDropped"), load.Number("availabilityPercent"), load.Number("meanLatencySeconds"));

    private static List<string> PerMinute(JsonNode load) =>
        [.. load.Objects("perMinute").Select(m => FormattableString.Invariant($"{m.Str("t")} {m.Number("offered")}/{m.Number("served")}/{m.Number("dropped")} {m.Number("meanLatencySeconds")}"))];

    private static JsonObject Point(string at, double rate) => new() { ["at"] = at, ["requestsPerSecond"] = rate };

    private static JsonObject Outage(string[] instances, string at, string until) => new()
    {
        ["kind"] = "unhealthy", ["scaleSet"] = "web", ["instanceIds"] = new JsonArray([.. instances.Select(i => (JsonNode)i)]), ["at"] = at, ["until"] = until,
    };

    /// <summary>The template (Manual mode, 4 instances) with <paramref name="load"/>, lasting until <paramref name="end"/> (a harmless action then).</summary>
    private static JsonObject Scenario(JsonObject load, string end)
    {
        var scenario = ScenarioFiles.Template("Manual");
        scenario["loadBalancers"]![0]!["load"] = load;
        return scenario.Action(end, "setProtectionPolicy", new JsonObject { ["instanceIds"] = new JsonArray("0"), ["protectFromScaleIn"] = true });
    }

    /// <summary>4 instances in Rolling batches of one at 100 requests/s on 4 × 30, moved to 1.1.0 at PT1M.</summary>
    private static JsonObject RollingScenario()
    {
        var scenario = ScenarioFiles.Template();
        scenario["loadBalancers"]![0]!["load"] = new JsonObject { ["requestsPerSecond"] = 100, ["capacityPerInstance"] = 30 };
        scenario.Properties()["upgradePolicy"]!["rollingUpgradePolicy"] = new JsonObject { ["maxBatchInstancePercent"] = 25 };
        return scenario.Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0"));
    }
}
