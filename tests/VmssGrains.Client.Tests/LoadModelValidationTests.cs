using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// A bad load-model field or traffic gate in a scenario: <c>simulate</c> exits 2 with one line on standard error naming
/// the file, the JSON path and the problem, and plays nothing.
/// </summary>
public sealed class LoadModelValidationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vmss-load-input-").FullName;

    public static TheoryData<string, string, string> BadLoads => new()
    {
        { """{ "offeredLoadCurve": [ { "at": "PT1M", "requestsPerSecond": 5 } ] }""", "offeredLoadCurve[0].at", "the first point must be at PT0S" },
        { """{ "offeredLoadCurve": [ { "at": "PT0S", "requestsPerSecond": 5 }, { "at": "PT0S", "requestsPerSecond": 6 } ] }""", "offeredLoadCurve[1].at", "must be later than the point before" },
        { """{ "offeredLoadCurve": [] }""", "offeredLoadCurve", "needs at least one point" },
        { """{ "offeredLoadCurve": [ { "at": "PT0S" } ] }""", "offeredLoadCurve[0].requestsPerSecond", "is required" },
        { """{ "diurnal": { "meanRequestsPerSecond": 100, "amplitudePercent": 20, "peakAt": "noon" } }""", "diurnal.peakAt", "must be a time of day such as 14:00 or 14:30:00 (UTC, on the simulated calendar), not 'noon'" },
        { """{ "diurnal": { "meanRequestsPerSecond": 100, "amplitudePercent": 120, "peakAt": "12:00" } }""", "diurnal.amplitudePercent", "120 is out of range: allowed 0–100" },
        { """{ "requestsPerSecond": 5, "diurnal": { "meanRequestsPerSecond": 100, "amplitudePercent": 20, "peakAt": "12:00" } }""", "requestsPerSecond", "give either requestsPerSecond or an offered-load curve (offeredLoadCurve, diurnal), not both" },
        { """{ "warmUp": { "startPercent": 50 } }""", "warmUp.duration", "is required" },
        { """{ "warmUp": { "duration": "PT0S" } }""", "warmUp.duration", "must be longer than PT0S" },
        { """{ "maxQueueSeconds": -1 }""", "maxQueueSeconds", "-1 is out of range: allowed 0–3600" },
        { """{ "maxQueue": 5 }""", "maxQueue", "unknown field; allowed here: requestsPerSecond, capacityPerInstance, offeredLoadCurve, diurnal, warmUp, maxQueueSeconds" },
    };

    public static TheoryData<string, string, string> BadGates => new()
    {
        { """{ "scaleSet": "nosuch", "loadBalancer": "lb", "window": "PT5M", "minAvailabilityPercent": 99 }""", "[0].scaleSet", "scale set 'nosuch' is not defined in scaleSets[]" },
        { """{ "scaleSet": "web", "loadBalancer": "other", "window": "PT5M", "minAvailabilityPercent": 99 }""", "[0].loadBalancer", "load balancer 'other' is not defined in loadBalancers[]" },
        { """{ "scaleSet": "web", "loadBalancer": "lb", "window": "PT90S", "minAvailabilityPercent": 99 }""", "[0].window", "must be whole minutes, at least PT1M (the gate is checked at every whole minute)" },
        { """{ "scaleSet": "web", "loadBalancer": "lb", "window": "PT5M" }""", "[0]", "needs minAvailabilityPercent or maxRequestsDropped (or both)" },
        { """{ "scaleSet": "web", "loadBalancer": "lb", "window": "PT5M", "maxRequestsDropped": -3 }""", "[0].maxRequestsDropped", "-3 is out of range: allowed 0–9223372036854775807" },
    };

    [Theory]
    [MemberData(nameof(BadLoads))]
    public async Task Simulate_BadLoadField_IsUsageErrorNamingItsPath(string load, string field, string problem)
    {
        var scenario = ScenarioFiles.Template();
        scenario["loadBalancers"]![0]!["load"] = JsonNode.Parse(load);
        var path = Write(scenario);

        var result = await Cli.RunAsync("simulate", "--scenario", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: $.loadBalancers[0].load.{field}: {problem}", result.ErrorLine);
    }

    [Theory]
    [MemberData(nameof(BadGates))]
    public async Task Simulate_BadTrafficGate_IsUsageErrorNamingItsPath(string gate, string field, string problem)
    {
        var scenario = ScenarioFiles.Template();
        scenario["trafficGates"] = new JsonArray(JsonNode.Parse(gate));
        var path = Write(scenario);

        var result = await Cli.RunAsync("simulate", "--scenario", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: $.trafficGates{field}: {problem}", result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_TrafficGateOnALoadBalancerWithoutLoad_IsUsageError()
    {
        var scenario = ScenarioFiles.Template();
        scenario["loadBalancers"]![0]!["load"] = new JsonObject { ["requestsPerSecond"] = 0 };
        scenario["trafficGates"] = new JsonArray(new JsonObject { ["scaleSet"] = "web", ["loadBalancer"] = "lb", ["window"] = "PT5M", ["maxRequestsDropped"] = 0 });
        var path = Write(scenario);

        var result = await Cli.RunAsync("simulate", "--scenario", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: $.trafficGates[0].loadBalancer: load balancer 'lb' is offered no load (give it load.requestsPerSecond or an offered-load curve)", result.ErrorLine);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(JsonObject scenario)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, scenario.ToJsonString());
        return path;
    }
}
