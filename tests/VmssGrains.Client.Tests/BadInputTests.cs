using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Bad command lines and bad scenario files: each is exit code 2 (1 for an unreachable cluster) and exactly one
/// line on standard error that starts with "error: " and names the problem. Scenario files go to a temporary
/// directory per test.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vmss-bad-input-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Simulate_MissingFile_IsUsageErrorNamingTheFile()
    {
        var path = Path.Combine(directory, "nowhere.json");
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: no such file", result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_MalformedJson_IsUsageErrorWithLineAndColumn()
    {
        var path = Write("malformed.json", "{\n  \"seed\": 7,\n  \"scaleSets\": [ }\n");
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {path}: $: not valid JSON at line 3, column 18: '}}' is an invalid start of a value.", result.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_MalformedJson_NamesThePositionOnce()
    {
        var path = Write("malformed.json", "{\n  \"seed\": 7,\n  \"scaleSets\": [ }\n");
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal($"error: {path}: $: not valid JSON at line 3, column 18: '}}' is an invalid start of a value.", result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_UnknownTopLevelField_IsUsageErrorNamingItsPath()
    {
        var scenario = Scenario();
        scenario["colour"] = "blue";
        var path = Write("unknown-field.json", scenario);
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"error: {path}: $.colour: unknown field; allowed here: seed, startTime, loadBalancers, images, scaleSets, fleets, timing, faults, actions, until, description, trafficGates, strategies",
            result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_UnknownFaultKind_IsUsageErrorListingTheKinds()
    {
        var scenario = Scenario();
        scenario["faults"] = new JsonArray(new JsonObject { ["kind"] = "meteorStrike", ["scaleSet"] = "web" });
        var path = Write("fault-kind.json", scenario);
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"error: {path}: $.faults[0].kind: 'meteorStrike' is not a fault kind; kinds: unhealthy, unhealthyAfterUpgrade, extensionFailure, scriptSourceOutage, allocationFailure, unhealthyRate, nonIdempotentExtension, badImage",
            result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_UnknownFieldInsideAFault_IsUsageErrorNamingItsPath()
    {
        var scenario = Scenario();
        scenario["faults"] = new JsonArray(new JsonObject
        {
            ["kind"] = "unhealthyAfterUpgrade",
            ["scaleSet"] = "web",
            ["imageVersion"] = "1.1.0",
            ["probability"] = 0.3,
            ["severity"] = "high",
        });
        var path = Write("fault-field.json", scenario);
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: $.faults[0].severity: unknown field; allowed here: kind, scaleSet, imageVersion, probability, instanceIds", result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_MaxBatchInstancePercentOutOfRange_IsUsageErrorNamingTheJsonPathAndRange()
    {
        var scenario = Scenario();
        scenario["scaleSets"]![0]!["properties"]!["upgradePolicy"] = new JsonObject
        {
            ["mode"] = "Rolling",
            ["rollingUpgradePolicy"] = new JsonObject { ["maxBatchInstancePercent"] = 150 },
        };
        var path = Write("range.json", scenario);
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"error: {path}: $.scaleSets[0].properties.upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent: 150 is out of range: allowed 5–100",
            result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_RollingWithoutHealthProbe_IsUsageError()
    {
        var scenario = Scenario();
        var properties = scenario["scaleSets"]![0]!["properties"]!;
        properties["upgradePolicy"] = new JsonObject { ["mode"] = "Rolling" };
        properties["virtualMachineProfile"]!.AsObject().Remove("networkProfile");
        var path = Write("no-probe.json", scenario);
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"error: {path}: $.scaleSets[0].properties.upgradePolicy.mode: Rolling Upgrade mode is not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided.",
            result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_ActionNamingAnUnknownScaleSet_IsUsageError()
    {
        var scenario = Scenario();
        scenario["actions"] = new JsonArray(new JsonObject { ["at"] = "PT1M", ["action"] = "update", ["scaleSet"] = "nosuch", ["patch"] = new JsonObject() });
        var path = Write("unknown-scale-set.json", scenario);
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: $.actions[0].scaleSet: 'nosuch' is not a scale set of this scenario (web)", result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_UpdateInstancesNamingAMissingInstance_IsUsageError()
    {
        var scenario = Scenario();
        scenario["actions"] = new JsonArray(new JsonObject { ["at"] = "PT10M", ["action"] = "updateInstances", ["scaleSet"] = "web", ["instanceIds"] = new JsonArray("0", "17") });
        var path = Write("unknown-instance.json", scenario);
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: $.actions[0].instanceIds: instance '17' does not exist in scale set 'web' at PT10M (ids are 0–3)", result.ErrorLine);
    }

    [Theory]
    [InlineData("warp:9")]
    public async Task Simulate_BadClock_IsUsageErrorNamingTheOption(string clock)
    {
        var path = Write("scenario.json", Scenario());
        var result = await Cli.RunAsync("simulate", "--scenario", path, "--clock", clock);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --clock: '{clock}' is not a clock; use virtual, scaled:N (N from 0.01 to 1000 simulated seconds per wall second) or real (see --help)", result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_UnknownOption_IsUsageError()
    {
        var result = await Cli.RunAsync("simulate", "--frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Unrecognized command or argument '--frobnicate'. (see --help)", result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_OutputYaml_IsOneLineUsageErrorNamingTheOption()
    {
        var result = await Cli.RunAsync("simulate", "--output", "yaml");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --output: Argument 'yaml' not recognized. Must be one of: 'json' 'table' 'csv' (see --help)", result.ErrorLine);
    }

    [Fact]
    public async Task Create_UnknownUpgradePolicyMode_IsOneLineUsageErrorNamingTheOption()
    {
        var result = await Cli.RunAsync("create", "-n", "x", "--upgrade-policy-mode", "Sometimes");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --upgrade-policy-mode: Argument 'Sometimes' not recognized. Must be one of: 'Manual' 'Automatic' 'Rolling' (see --help)", result.ErrorLine);
    }

    [Fact]
    public async Task Show_WithoutName_IsUsageError()
    {
        var result = await Cli.RunAsync("show");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Option '--name' is required. (see --help)", result.ErrorLine);
    }

    [Fact]
    public async Task Show_ClusterNotHostAndPort_IsUsageError()
    {
        var result = await Cli.RunAsync("show", "-n", "x", "--cluster", "nowhere");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --cluster: 'nowhere' is not host:port (for example localhost:30000)", result.ErrorLine);
    }

    [Fact]
    public async Task Show_UnreachableCluster_IsRuntimeFailure()
    {
        var result = await Cli.RunAsync("show", "-n", "x", "--cluster", "127.0.0.1:1");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: cannot reach the cluster at 127.0.0.1:1 (cluster id 'vmss'): ", result.ErrorLine, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    /// <summary>A valid 4-instance Manual scenario to break one piece of.</summary>
    private static JsonObject Scenario() => JsonNode.Parse("""
        {
          "seed": 1,
          "loadBalancers": [ { "name": "web-lb", "probe": { "protocol": "Http", "port": 80 } } ],
          "images": [ { "name": "web", "versions": [ "1.0.0", "1.1.0" ] } ],
          "scaleSets": [ {
            "name": "web",
            "sku": { "capacity": 4 },
            "properties": {
              "upgradePolicy": { "mode": "Manual" },
              "virtualMachineProfile": {
                "storageProfile": { "imageReference": { "id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/web/versions/1.0.0" } },
                "networkProfile": { "healthProbe": { "id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/web-lb/probes/http" } }
              }
            }
          } ]
        }
        """)!.AsObject();

    private string Write(string name, JsonObject scenario) => Write(name, scenario.ToJsonString());

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
