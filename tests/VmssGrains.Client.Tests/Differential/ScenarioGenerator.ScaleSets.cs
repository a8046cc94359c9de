using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>The generator's scale sets: Azure resources with the rules of docs/behaviour.md#validation kept.</summary>
public sealed partial class ScenarioGenerator
{
    private GeneratedScaleSet ScaleSet(int index, int count)
    {
        var name = ScaleSetNames[index];
        var flexible = Chance(0.2);
        var flexibleUpgrades = flexible && Chance(0.6);

        // The health sources: a load balancer probe, the Application Health extension, both or neither.
        var health = random.NextDouble();
        var probe = health < 0.5 || health >= 0.95;
        var healthExtension = (health >= 0.5 && health < 0.8) || health >= 0.95;
        var usableHealth = flexible ? healthExtension : probe || healthExtension;
        var upgrades = !flexible || flexibleUpgrades;
        var mode = usableHealth ? Pick("Rolling", "Rolling", "Automatic", "Manual") : Pick("Automatic", "Manual");
        var image = images[random.Next(images.Count)];
        var platform = Chance(0.1);
        var autoOS = upgrades && !platform && probe != healthExtension && Chance(0.25);
        var latest = autoOS || (!platform && Chance(0.15));

        var capacity = Capacity();
        if (count > 1 && scaleSets.Sum(s => s.Capacity) + capacity > 2000)
        {
            capacity = random.Next(1, 50);
        }

        var resource = new JsonObject { ["name"] = name };
        if (Chance(0.4))
        {
            resource["location"] = Pick("westeurope", "eastus2");
        }

        resource["sku"] = new JsonObject { ["name"] = "Standard_D2s_v5", ["tier"] = "Standard", ["capacity"] = capacity };
        if (Chance(0.5))
        {
            resource["zones"] = new JsonArray([.. new[] { "1", "2", "3" }.Take(random.Next(1, 4)).Select(z => (JsonNode)z)]);
        }

        var properties = new JsonObject();
        if (flexible || Chance(0.5))
        {
            properties["orchestrationMode"] = flexible ? "Flexible" : "Uniform";
        }

        var upgradePolicy = new JsonObject { ["mode"] = mode };
        var rolling = mode == "Rolling" && usableHealth;
        if (rolling || Chance(0.3))
        {
            upgradePolicy["rollingUpgradePolicy"] = RollingPolicy(uniform: !flexible);
        }

        if (autoOS)
        {
            upgradePolicy["automaticOSUpgradePolicy"] = new JsonObject
            {
                ["enableAutomaticOSUpgrade"] = true,
                ["disableAutomaticRollback"] = Chance(0.3),
                ["useRollingUpgradePolicy"] = Chance(0.5),
                ["osRollingUpgradeDeferral"] = Chance(0.2),
            };
        }

        properties["upgradePolicy"] = upgradePolicy;
        if (usableHealth && Chance(0.3))
        {
            var repairs = new JsonObject { ["enabled"] = true };
            if (Chance(0.7))
            {
                repairs["gracePeriod"] = IsoDuration.Format(Minutes(10, 90));
            }

            if (Chance(0.7))
            {
                repairs["repairAction"] = Pick("Replace", "Reimage", "Restart");
            }

            properties["automaticRepairsPolicy"] = repairs;
        }

        var (lb, _, probeName) = probe || Chance(0.7) ? LoadBalancer(index, probe) : (null, false, "");
        var scaleSet = new GeneratedScaleSet(name, resource)
        {
            Image = platform ? null : image,
            Latest = latest,
            Capacity = capacity,
            NextId = capacity,
            Rolling = rolling,
        };
        properties["virtualMachineProfile"] = Profile(scaleSet, platform, lb, probe ? probeName : null, healthExtension);
        resource["properties"] = properties;
        if (flexibleUpgrades || Chance(0.1))
        {
            resource["simulation"] = new JsonObject { ["flexibleUpgrades"] = flexibleUpgrades, ["upgradedUnhealthyOverAllInstances"] = Chance(0.3) };
        }

        return scaleSet;
    }

    private JsonObject RollingPolicy(bool uniform)
    {
        var policy = new JsonObject();
        void Maybe(string field, Func<JsonNode> value)
        {
            if (Chance(0.5))
            {
                policy[field] = value();
            }
        }

        Maybe("maxBatchInstancePercent", () => random.Next(5, 101));
        Maybe("maxUnhealthyInstancePercent", () => random.Next(5, 101));
        Maybe("maxUnhealthyUpgradedInstancePercent", () => random.Next(0, 101));
        Maybe("pauseTimeBetweenBatches", () => IsoDuration.Format(Pick(TimeSpan.Zero, Seconds(1, 600))));
        Maybe("enableCrossZoneUpgrade", () => Chance(0.5));
        Maybe("prioritizeUnhealthyInstances", () => Chance(0.5));
        Maybe("maxSurge", () => Chance(0.5));
        if (uniform)
        {
            Maybe("rollbackFailedInstancesOnPolicyBreach", () => Chance(0.5));
        }

        return policy;
    }

    private JsonObject Profile(GeneratedScaleSet scaleSet, bool platform, string? lb, string? probeName, bool healthExtension)
    {
        var imageReference = platform
            ? new JsonObject { ["publisher"] = "Canonical", ["offer"] = "ubuntu-24_04-lts", ["sku"] = "server", ["version"] = Pick("latest", "24.04.202601010") }
            : new JsonObject { ["id"] = scaleSet.Latest ? scaleSet.Image!.Id() : scaleSet.Image!.Id(Pick([.. scaleSet.Image.Versions])) };
        var storage = new JsonObject { ["imageReference"] = imageReference };
        if (Chance(0.3))
        {
            storage["dataDisks"] = new JsonArray(new JsonObject { ["lun"] = 0, ["createOption"] = "Empty", ["diskSizeGB"] = 64 });
        }

        var profile = new JsonObject { ["storageProfile"] = storage };
        var network = new JsonObject();
        if (probeName is not null)
        {
            network["healthProbe"] = new JsonObject { ["id"] = $"{Subscription}/Microsoft.Network/loadBalancers/{lb}/probes/{probeName}" };
        }

        if (lb is not null && (probeName is null || Chance(0.8)))
        {
            var pool = new JsonObject { ["id"] = $"{Subscription}/Microsoft.Network/loadBalancers/{lb}/backendAddressPools/pool" };
            var ip = new JsonObject { ["name"] = "ipconfig", ["properties"] = new JsonObject { ["loadBalancerBackendAddressPools"] = new JsonArray(pool) } };
            network["networkInterfaceConfigurations"] = new JsonArray(new JsonObject
            {
                ["name"] = "nic",
                ["properties"] = new JsonObject { ["primary"] = true, ["ipConfigurations"] = new JsonArray(ip) },
            });
        }

        if (network.Count > 0)
        {
            profile["networkProfile"] = network;
        }

        var extensions = Extensions(scaleSet, healthExtension);
        if (extensions.Count > 0)
        {
            profile["extensionProfile"] = new JsonObject { ["extensions"] = extensions };
        }

        return profile;
    }

    /// <summary>0–3 script extensions, each after a random subset of the earlier ones, and the Application Health extension when asked for.</summary>
    private JsonArray Extensions(GeneratedScaleSet scaleSet, bool healthExtension)
    {
        var array = new JsonArray();
        var count = Pick(0, 1, 1, 1, 2, 3);
        for (var i = 0; i < count; i++)
        {
            var name = ExtensionNames[i];
            var properties = new JsonObject { ["publisher"] = "Microsoft.Azure.Extensions", ["type"] = "CustomScript", ["typeHandlerVersion"] = "2.1" };
            var after = scaleSet.Extensions.Where(_ => Chance(0.5)).ToList();
            if (after.Count > 0)
            {
                properties["provisionAfterExtensions"] = new JsonArray([.. after.Select(a => (JsonNode)a)]);
            }

            if (Chance(0.2))
            {
                properties["suppressFailures"] = true;
            }

            if (Chance(0.2))
            {
                properties["forceUpdateTag"] = "1";
            }

            properties["settings"] = new JsonObject { ["commandToExecute"] = $"bash {name}.sh" };
            var extension = new JsonObject { ["name"] = name, ["properties"] = properties };
            if (Chance(0.3))
            {
                var simulation = new JsonObject();
                if (Chance(0.5))
                {
                    simulation["duration"] = Duration(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(4));
                }

                if (Chance(0.3))
                {
                    simulation["failureProbability"] = Pick(0.05, 0.1, 0.3);
                }

                if (Chance(0.3))
                {
                    simulation["idempotent"] = Chance(0.5);
                }

                if (Chance(0.3))
                {
                    simulation["scriptSource"] = "https://scripts.example.com/" + name;
                }

                extension["simulation"] = simulation;
            }

            scaleSet.Extensions.Add(name);
            array.Add(extension);
        }

        if (healthExtension)
        {
            scaleSet.Extensions.Add("health");
            array.Add(new JsonObject
            {
                ["name"] = "health",
                ["properties"] = new JsonObject
                {
                    ["publisher"] = "Microsoft.ManagedServices",
                    ["type"] = "ApplicationHealthLinux",
                    ["typeHandlerVersion"] = "2.0",
                    ["settings"] = new JsonObject { ["protocol"] = "http", ["port"] = 80, ["requestPath"] = "/health" },
                },
            });
        }

        return array;
    }
}
