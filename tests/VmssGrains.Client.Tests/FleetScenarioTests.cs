using System.Text.Json.Nodes;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>fleets[]</c> in a scenario: many scale sets, each behind a load balancer of its own, from one template with
/// <c>{i}</c> in its names, per-member overrides, and actions on a whole fleet. A fleet reads as the scale sets and
/// load balancers written out; a problem in a member is named at the fleet's JSON path.
/// </summary>
public sealed class FleetScenarioTests
{
    private const string Lbs = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Network/loadBalancers";

    /// <summary>The template scenario with its one scale set and load balancer turned into a fleet of <paramref name="count"/>.</summary>
    private static JsonObject FleetScenario(int count, JsonObject? overrides = null)
    {
        var scenario = ScenarioFiles.Template(capacity: 2);
        var lb = scenario["loadBalancers"]!.AsArray()[0]!.DeepClone().AsObject();
        lb["name"] = "lb-{i}";
        var scaleSet = scenario.ScaleSet().DeepClone().AsObject();
        scaleSet["name"] = "web-{i}";
        scaleSet["properties"]!["virtualMachineProfile"]!["networkProfile"]!["healthProbe"]!["id"] = $"{Lbs}/lb-{{i}}/probes/http";
        scenario["loadBalancers"] = new JsonArray();
        scenario["scaleSets"] = new JsonArray();
        scenario["fleets"] = new JsonArray(new JsonObject { ["name"] = "web", ["count"] = count, ["loadBalancer"] = lb, ["scaleSet"] = scaleSet, ["overrides"] = overrides });
        return scenario;
    }

    [Fact]
    public void Fleet_ReadsAsItsMembersWrittenOut()
    {
        var scenario = FleetScenario(3, new JsonObject { ["1"] = new JsonObject { ["sku"] = new JsonObject { ["capacity"] = 5 } } });
        scenario["actions"] = new JsonArray(
            new JsonObject { ["at"] = "PT1M", ["action"] = "update", ["fleet"] = "web", ["patch"] = ScenarioFiles.ImagePatch("1.1.0")["patch"]!.DeepClone() },
            new JsonObject { ["at"] = "PT2M", ["action"] = "cancel", ["scaleSet"] = "web-2" });

        var read = ScenarioReader.Read(scenario.ToJsonString());

        Assert.Equal(["lb-0", "lb-1", "lb-2"], read.LoadBalancers.Select(l => l.Name));
        Assert.Equal(["web-0", "web-1", "web-2"], read.ScaleSets.Select(s => s.Name));
        Assert.Equal([2, 5, 2], read.ScaleSets.Select(s => s.Resource["sku"]!["capacity"]!.GetValue<int>()));
        Assert.Equal($"{Lbs}/lb-1/probes/http", read.ScaleSets[1].Resource["properties"]!["virtualMachineProfile"]!["networkProfile"]!["healthProbe"]!["id"]!.GetValue<string>());
        Assert.Equal(
            [("update", "web-0", "PT1M"), ("update", "web-1", "PT1M"), ("update", "web-2", "PT1M"), ("cancel", "web-2", "PT2M")],
            read.Actions.Select(a => (a.Name, a.ScaleSet!, Domain.Time.IsoDuration.Format(a.At))));
    }

    [Fact]
    public async Task Fleet_PlaysLikeItsMembersWrittenOut_OnBothEngines()
    {
        var fleet = FleetScenario(3);
        fleet["actions"] = new JsonArray(new JsonObject { ["at"] = "PT1M", ["action"] = "update", ["fleet"] = "web", ["patch"] = ScenarioFiles.ImagePatch("1.1.0")["patch"]!.DeepClone() });
        var written = ScenarioFiles.Template(capacity: 2);
        var lbTemplate = written["loadBalancers"]!.AsArray()[0]!.ToJsonString();
        var setTemplate = written.ScaleSet().ToJsonString();
        written["loadBalancers"] = new JsonArray([.. Enumerable.Range(0, 3).Select(i => (JsonNode)JsonNode.Parse(lbTemplate.Replace("\"lb\"", $"\"lb-{i}\"", StringComparison.Ordinal))!)]);
        written["scaleSets"] = new JsonArray([.. Enumerable.Range(0, 3).Select(i => (JsonNode)JsonNode.Parse(setTemplate.Replace("\"web\"", $"\"web-{i}\"", StringComparison.Ordinal).Replace("/loadBalancers/lb/", $"/loadBalancers/lb-{i}/", StringComparison.Ordinal))!)]);
        written["actions"] = new JsonArray([.. Enumerable.Range(0, 3).Select(i => (JsonNode)new JsonObject { ["at"] = "PT1M", ["action"] = "update", ["scaleSet"] = $"web-{i}", ["patch"] = ScenarioFiles.ImagePatch("1.1.0")["patch"]!.DeepClone() })]);

        var fromFleet = await ScenarioFiles.SimulateAsync(fleet);
        var fromWritten = await ScenarioFiles.SimulateAsync(written);

        Assert.Equal(fromWritten.ToJsonString(), fromFleet.ToJsonString());
        Assert.Equal(3, fromFleet["scaleSets"]!.AsArray().Count);
        // Each member: 2 instances, Rolling at 20 % (one a batch), 6 min 20 s each, from PT1M: PT13M40S, all at once.
        Assert.Equal("PT13M40S", fromFleet["simulatedDuration"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("name", "\"web\"", "$.fleets[0].scaleSet.name: must contain {i}, the member's index, so that every member has a name of its own (for example \"web-{i}\")")]
    [InlineData("count", "0", "$.fleets[0].count: 0 is out of range: allowed 1–10000")]
    [InlineData("override", "\"7\"", "$.fleets[0].overrides.7: is not a member's index: overrides are keyed by index, 0 to 2")]
    [InlineData("capacity", "-1", "$.fleets[0].overrides.1.sku.capacity")]
    public void Fleet_BadMember_IsNamedAtTheFleetsPath(string what, string value, string expected)
    {
        var scenario = FleetScenario(3);
        var fleet = scenario["fleets"]![0]!.AsObject();
        switch (what)
        {
            case "name":
                fleet["scaleSet"]!["name"] = JsonNode.Parse(value);
                break;
            case "count":
                fleet["count"] = JsonNode.Parse(value);
                break;
            case "override":
                fleet["overrides"] = new JsonObject { [JsonNode.Parse(value)!.GetValue<string>()] = new JsonObject() };
                break;
            default:
                fleet["overrides"] = new JsonObject { ["1"] = new JsonObject { ["sku"] = new JsonObject { ["capacity"] = JsonNode.Parse(value) } } };
                break;
        }

        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(scenario.ToJsonString()));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fleet_MemberNameClashingWithAScaleSet_IsNamedAtTheFleetWithTheMember()
    {
        var scenario = FleetScenario(3);
        scenario["scaleSets"] = new JsonArray(ScenarioFiles.Template().ScaleSet().DeepClone());
        scenario["scaleSets"]![0]!["name"] = "web-1";
        scenario["loadBalancers"] = new JsonArray(ScenarioFiles.Template()["loadBalancers"]![0]!.DeepClone());

        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(scenario.ToJsonString()));

        Assert.Equal("$.fleets[0].scaleSet.name: scale set 'web-1' is defined twice (fleet member 1)", e.Message);
    }

    [Fact]
    public void Action_OnAnUnknownFleet_IsNamed()
    {
        var scenario = FleetScenario(2);
        scenario["actions"] = new JsonArray(new JsonObject { ["action"] = "cancel", ["fleet"] = "api" });

        var e = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(scenario.ToJsonString()));

        Assert.Equal("$.actions[0].fleet: 'api' is not a fleet of this scenario (web)", e.Message);
    }
}
