using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The report's capacity figures relative to the target capacity: <c>simulate --output json</c> on a scenario of two
/// 10-instance Rolling scale sets, each behind its own load balancer (8,000 requests/s at 1,000 per instance).
/// </summary>
public sealed class LoadCapacityReportTests
{
    private const string Gallery = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/web/versions";

    /// <summary>
    /// <c>surge</c> upgrades with maxSurge: each batch first adds 2 new instances (12 backends), then deletes 2 old
    /// ones, so 10 are always in service: 100 % and 10 (relative to the registered backends this read 83.333 %).
    /// <c>grow</c> upgrades in place in batches of 2 and is scaled out to 12 at PT3M, during its first batch: the dip
    /// stays 8 of 10 (80 %), since the 2 new instances are not counted until they are in service. Overall: the worst
    /// load balancer, grow-lb.
    /// </summary>
    [Fact]
    public async Task Simulate_MaxSurgeAndAScaleOutDuringARun_ReportCapacityRelativeToTheTarget()
    {
        var directory = Directory.CreateTempSubdirectory("vmss-capacity-");
        try
        {
            var path = Path.Combine(directory.FullName, "capacity.json");
            await File.WriteAllTextAsync(path, Scenario());
            var report = Json.ParseObject(await EngineComparison.SimulateOnBothAsync(path));

            Assert.All(report.Objects("scaleSets"), s => Assert.Equal("Completed", Assert.Single(s.Objects("runs"))["runningStatus"].Str("code")));
            Assert.Equal(["Succeeded", "Succeeded", "Succeeded"], report.Objects("actions").Select(a => a.Str("status")));
            Assert.Equal(12, report.Named("scaleSets", "grow").Objects("instances").Count);
            var load = report["load"]!;
            var surge = load.Named("loadBalancers", "surge-lb");
            Assert.Equal((100.0, 10L, 0L), (surge.Number("minInServicePercent"), surge.Whole("minInService"), surge.Whole("requestsDropped")));
            var grow = load.Named("loadBalancers", "grow-lb");
            Assert.Equal((80.0, 8L, 0L), (grow.Number("minInServicePercent"), grow.Whole("minInService"), grow.Whole("requestsDropped")));
            Assert.Equal((80.0, 8L), (load.Number("minInServicePercent"), load.Whole("minInService")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Scenario()
    {
        var root = new JsonObject
        {
            ["seed"] = 5,
            ["loadBalancers"] = new JsonArray(LoadBalancer("surge-lb"), LoadBalancer("grow-lb")),
            ["images"] = new JsonArray(new JsonObject { ["name"] = "web", ["versions"] = new JsonArray("1.0.0", "1.1.0") }),
            ["scaleSets"] = new JsonArray(ScaleSet("surge", "surge-lb", maxSurge: true), ScaleSet("grow", "grow-lb", maxSurge: false)),
            ["timing"] = new JsonObject { ["drain"] = "PT10S", ["reimage"] = "PT3M", ["boot"] = "PT1M", ["extension"] = "PT2M", ["provision"] = "PT4M", ["delete"] = "PT1M" },
            ["actions"] = new JsonArray(Update("surge"), Update("grow"), new JsonObject { ["at"] = "PT3M", ["action"] = "scale", ["scaleSet"] = "grow", ["capacity"] = 12 }),
        };
        return root.ToJsonString();
    }

    private static JsonObject LoadBalancer(string name) => new()
    {
        ["name"] = name,
        ["probe"] = new JsonObject { ["protocol"] = "Http", ["port"] = 80, ["requestPath"] = "/health", ["intervalInSeconds"] = 5, ["numberOfProbes"] = 2 },
        ["load"] = new JsonObject { ["requestsPerSecond"] = 8000, ["capacityPerInstance"] = 1000 },
    };

    private static JsonObject ScaleSet(string name, string loadBalancer, bool maxSurge) => new()
    {
        ["name"] = name,
        ["sku"] = new JsonObject { ["name"] = "Standard_D2s_v5", ["capacity"] = 10 },
        ["properties"] = new JsonObject
        {
            ["orchestrationMode"] = "Uniform",
            ["upgradePolicy"] = new JsonObject
            {
                ["mode"] = "Rolling",
                ["rollingUpgradePolicy"] = new JsonObject { ["maxBatchInstancePercent"] = 20, ["maxSurge"] = maxSurge },
            },
            ["virtualMachineProfile"] = new JsonObject
            {
                ["storageProfile"] = new JsonObject { ["imageReference"] = new JsonObject { ["id"] = $"{Gallery}/1.0.0" } },
                ["networkProfile"] = new JsonObject
                {
                    ["healthProbe"] = new JsonObject { ["id"] = $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/{loadBalancer}/probes/http" },
                },
                ["extensionProfile"] = new JsonObject
                {
                    ["extensions"] = new JsonArray(new JsonObject { ["name"] = "app", ["properties"] = new JsonObject { ["type"] = "CustomScript" } }),
                },
            },
        },
    };

    private static JsonObject Update(string scaleSet) => new()
    {
        ["at"] = "PT1M",
        ["action"] = "update",
        ["scaleSet"] = scaleSet,
        ["patch"] = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["virtualMachineProfile"] = new JsonObject
                {
                    ["storageProfile"] = new JsonObject { ["imageReference"] = new JsonObject { ["id"] = $"{Gallery}/1.1.0" } },
                },
            },
        },
    };
}
