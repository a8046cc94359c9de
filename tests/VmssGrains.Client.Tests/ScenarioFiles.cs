using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Small scenarios written by tests: one load balancer (probe 5 s × 2), the gallery image <c>web</c>, one scale set
/// <c>web</c> (4 regional instances, one extension, the probe as health source, in <c>westeurope</c>, its image id
/// in the resource group <c>rg-images</c>) and fixed step times: drain PT10S, reimage PT3M, boot PT1M, each extension
/// PT2M, provision PT2M, delete PT1M, restart PT1M, no replication delay.
/// </summary>
public static class ScenarioFiles
{
    /// <summary>The image id prefix of the template's scale set.</summary>
    public const string ImageId = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/shared/images/web";

    /// <summary>The template; tests change what they need.</summary>
    public static JsonObject Template(string mode = "Rolling", int capacity = 4, string imageVersion = "1.0.0", params string[] versions) => new()
    {
        ["seed"] = 1,
        ["loadBalancers"] = new JsonArray(new JsonObject
        {
            ["name"] = "lb",
            ["probe"] = new JsonObject { ["protocol"] = "Http", ["port"] = 80, ["intervalInSeconds"] = 5, ["numberOfProbes"] = 2 },
            ["load"] = new JsonObject { ["requestsPerSecond"] = 1000, ["capacityPerInstance"] = 1000 },
        }),
        ["images"] = new JsonArray(new JsonObject { ["name"] = "web", ["versions"] = new JsonArray([.. (versions.Length == 0 ? ["1.0.0", "1.1.0"] : versions).Select(v => (JsonNode)v)]) }),
        ["scaleSets"] = new JsonArray(new JsonObject
        {
            ["name"] = "web",
            ["location"] = "westeurope",
            ["sku"] = new JsonObject { ["name"] = "Standard_D2s_v5", ["capacity"] = capacity },
            ["properties"] = new JsonObject
            {
                ["upgradePolicy"] = new JsonObject { ["mode"] = mode },
                ["virtualMachineProfile"] = new JsonObject
                {
                    ["storageProfile"] = new JsonObject { ["imageReference"] = new JsonObject { ["id"] = imageVersion == "latest" ? ImageId : $"{ImageId}/versions/{imageVersion}" } },
                    ["networkProfile"] = new JsonObject { ["healthProbe"] = new JsonObject { ["id"] = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/probes/http" } },
                    ["extensionProfile"] = new JsonObject { ["extensions"] = new JsonArray(new JsonObject { ["name"] = "app", ["properties"] = new JsonObject { ["publisher"] = "Microsoft.Azure.Extensions", ["type"] = "CustomScript" } }) },
                },
            },
        }),
        ["timing"] = new JsonObject
        {
            ["drain"] = "PT10S", ["reimage"] = "PT3M", ["boot"] = "PT1M", ["extension"] = "PT2M",
            ["provision"] = "PT2M", ["delete"] = "PT1M", ["restart"] = "PT1M", ["replication"] = "PT0S",
        },
        ["faults"] = new JsonArray(),
        ["actions"] = new JsonArray(),
    };

    /// <summary>The scale set <c>web</c> of a scenario.</summary>
    public static JsonObject ScaleSet(this JsonObject scenario) => scenario["scaleSets"]![0]!.AsObject();

    /// <summary>The scale set's <c>properties</c>.</summary>
    public static JsonObject Properties(this JsonObject scenario) => scenario.ScaleSet()["properties"]!.AsObject();

    /// <summary>Adds a fault.</summary>
    public static JsonObject Fault(this JsonObject scenario, JsonObject fault)
    {
        scenario["faults"]!.AsArray().Add(fault);
        return scenario;
    }

    /// <summary>Adds an action on <c>web</c> (or none when the action names no scale set).</summary>
    public static JsonObject Action(this JsonObject scenario, string at, string action, JsonObject? fields = null)
    {
        var json = new JsonObject { ["at"] = at, ["action"] = action };
        if (action != "publishImageVersion")
        {
            json["scaleSet"] = "web";
        }

        foreach (var (key, value) in fields ?? [])
        {
            json[key] = value?.DeepClone();
        }

        scenario["actions"]!.AsArray().Add(json);
        return scenario;
    }

    /// <summary>A patch that moves the image to <paramref name="version"/>.</summary>
    public static JsonObject ImagePatch(string version) => new()
    {
        ["patch"] = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["virtualMachineProfile"] = new JsonObject { ["storageProfile"] = new JsonObject { ["imageReference"] = new JsonObject { ["id"] = $"{ImageId}/versions/{version}" } } },
            },
        },
    };

    /// <summary>Writes the scenario to a temporary file and runs <c>simulate</c> on it for people (exit 0 expected): standard output.</summary>
    public static async Task<string> SimulateTextAsync(JsonObject scenario)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmss-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());
        try
        {
            var result = await Cli.RunAsync(["simulate", "--scenario", path]);
            Assert.True(result.ExitCode == 0, $"simulate\n{scenario.ToJsonString()}\n{result}");
            return result.Out;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Writes the scenario to a temporary file and runs <c>simulate --output json</c> on it (exit 0 expected), on the
    /// Orleans engine and on the reference engine, asserting the same report (<see cref="EngineComparison"/>).
    /// </summary>
    public static async Task<JsonObject> SimulateAsync(JsonObject scenario, params string[] extra)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmss-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());
        try
        {
            // Both engines play it (the reference engine's report must be the same, byte for byte).
            var result = await EngineComparison.SimulateOnBothAsync(path, extra);
            return JsonNode.Parse(result.Out)!.AsObject();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
