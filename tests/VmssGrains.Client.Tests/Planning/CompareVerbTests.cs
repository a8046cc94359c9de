using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Planning;

/// <summary>
/// <c>compare</c> on the template's upgrade (<see cref="PlanningScenarios"/>), every figure derived from the scenario:
/// Automatic takes every instance at once (370 s to the end of the extensions: Automatic does not wait for the probe;
/// all 4 out of service for 380 s at 1,000 requests per second, 380,000 dropped); 50 % batches with a 50 % unhealthy
/// limit make 2 batches of 2 (760 s, 50 % in service); a one-minute pause adds 3 × 60 s to the 1,520 s; maxSurge
/// creates each batch's new instance first (provision 120 + extension 120 + probe 10, then drain 10 and delete 60 of the
/// old: 320 s a batch, 1,280 s) and never drops below the target.
/// </summary>
public sealed class CompareVerbTests : IDisposable
{
    private static readonly string[] Strategies =
    [
        "--strategy", "auto:mode=Automatic",
        "--strategy", "half:maxBatchInstancePercent=50,maxUnhealthyInstancePercent=50",
        "--strategy", "pause:pauseTimeBetweenBatches=PT1M",
        "--strategy", "surge:maxSurge=true",
    ];

    private readonly string directory = Directory.CreateTempSubdirectory("vmss-compare-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Compare_FourStrategies_Json_ExactFiguresAndShape()
    {
        var path = PlanningScenarios.Write(directory, "four.json", PlanningScenarios.Upgrade());

        var json = JsonNode.Parse((await Cli.OkAsync(["compare", "--scenario", path, "--seeds", "3", "--output", "json", .. Strategies])).Out)!.AsObject();

        Assert.Equal(["scenario", "seeds", "seedList", "strategies"], json.Select(p => p.Key));
        Assert.Equal("four.json", json["scenario"]!.GetValue<string>());
        Assert.Equal("[1,2,3]", json["seedList"]!.ToJsonString());
        var strategies = json["strategies"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(["auto", "half", "pause", "surge"], strategies.Select(s => s["name"]!.GetValue<string>()));
        Assert.Equal(
            ["name", "upgradePolicy", "durationSeconds", "minInServicePercent", "minInService", "requestsDropped", "haltRate", "halts", "errors", "timeBreakdownSeconds"],
            strategies[0].Select(p => p.Key));
        Assert.Equal([370L, 760L, 1700L, 1280L], strategies.Select(s => s["durationSeconds"]!["p90"]!.GetValue<long>()));
        Assert.Equal([0.0, 50.0, 75.0, 100.0], strategies.Select(s => s["minInServicePercent"]!["min"]!.GetValue<double>()));
        Assert.Equal([380_000L, 0L, 0L, 0L], strategies.Select(s => s["requestsDropped"]!["max"]!.GetValue<long>()));
        Assert.All(strategies, s => Assert.Equal(0.0, s["haltRate"]!.GetValue<double>()));

        // The policy as applied: the strategy's properties over the scenario's (Azure's defaults here).
        Assert.Equal(
            "{\"mode\":\"Rolling\",\"rollingUpgradePolicy\":{\"maxBatchInstancePercent\":50,\"maxUnhealthyInstancePercent\":50,\"maxUnhealthyUpgradedInstancePercent\":20,\"pauseTimeBetweenBatches\":\"PT0S\",\"enableCrossZoneUpgrade\":false,\"prioritizeUnhealthyInstances\":false,\"rollbackFailedInstancesOnPolicyBreach\":false,\"maxSurge\":false}}",
            strategies[1]["upgradePolicy"]!.ToJsonString());
        Assert.Equal("Automatic", strategies[0]["upgradePolicy"]!["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Compare_Csv_HeaderAndOneInvariantRowPerStrategy()
    {
        // On a bad image: Automatic does not wait for health, so its run ends after the extensions (370 s), but the
        // instances never come back: 670 s out of service until their health wait ends, 670,000 dropped. Rolling with
        // 2 instances a batch halts after batch 1 in every run.
        var path = PlanningScenarios.Write(directory, "csv.json", PlanningScenarios.Upgrade(1.0));

        var result = await Cli.OkAsync(["compare", "--scenario", path, "--seeds", "2", "-o", "csv", .. Strategies[..4]]);

        Assert.Equal(
            [
                "strategy,mode,durationP50Seconds,durationP90Seconds,durationMaxSeconds,minInServicePercentP50,minInServicePercentMin,minInServiceP50,minInServiceMin,requestsDroppedP50,requestsDroppedP90,requestsDroppedMax,haltRate,halts",
                "auto,Automatic,370,370,370,0,0,0,0,670000,670000,670000,0,",
                "half,Rolling,670,670,670,50,50,2,2,0,0,0,1,1:2",
            ],
            result.Out.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Compare_StrategiesFromTheScenario_TableNamesEach()
    {
        var scenario = PlanningScenarios.Upgrade();
        scenario["strategies"] = new JsonArray(
            new JsonObject { ["name"] = "rolling-20", ["mode"] = "Rolling" },
            new JsonObject { ["name"] = "all-at-once", ["mode"] = "Automatic" });
        var path = PlanningScenarios.Write(directory, "listed.json", scenario);

        var result = await Cli.OkAsync("compare", "--scenario", path, "--seeds", "2");

        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Equal($"Compare for {path} over 2 seeds (seeds 1–2), reference engine; durations are simulated", lines[0]);
        Assert.Equal("  Strategy     Mode       Duration p50       p90       max  Min in service p50  lowest  Dropped p50      p90      max  Halted", lines[2]);
        Assert.Equal("  rolling-20   Rolling        PT25M20S  PT25M20S  PT25M20S                75 %    75 %            0        0        0     0 %", lines[4]);
        Assert.Equal("  all-at-once  Automatic       PT6M10S   PT6M10S   PT6M10S                 0 %     0 %      380,000  380,000  380,000     0 %", lines[5]);
    }

    [Fact]
    public async Task Compare_CommandLineStrategies_ReplaceTheScenarios()
    {
        var scenario = PlanningScenarios.Upgrade();
        scenario["strategies"] = new JsonArray(new JsonObject { ["name"] = "listed", ["mode"] = "Rolling" });
        var path = PlanningScenarios.Write(directory, "both.json", scenario);

        var json = JsonNode.Parse((await Cli.OkAsync("compare", "--scenario", path, "--seeds", "1", "-o", "json", "--strategy", "given:maxBatchInstancePercent=100,maxUnhealthyInstancePercent=100")).Out)!;

        var only = Assert.Single(json["strategies"]!.AsArray());
        Assert.Equal("given", only!["name"]!.GetValue<string>());
        Assert.Equal(380L, only["durationSeconds"]!["max"]!.GetValue<long>());
    }
}
