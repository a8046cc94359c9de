using System.Text.Json.Nodes;

namespace VmssGrains.Client.Cli;

/// <summary>The Azure resource JSON of <c>create</c> from flags, the way <c>az vmss create</c> builds it.</summary>
public sealed record ScaleSetJsonBuilder
{
    /// <summary>Gallery image (name or id) or URN publisher:offer:sku:version.</summary>
    public string Image { get; init; } = "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest";

    /// <summary>sku.capacity.</summary>
    public int InstanceCount { get; init; } = 2;

    /// <summary>upgradePolicy.mode.</summary>
    public string UpgradePolicyMode { get; init; } = "Manual";

    /// <summary>properties.orchestrationMode.</summary>
    public string OrchestrationMode { get; init; } = "Uniform";

    /// <summary>zones.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>Load balancer name: a backend pool and, with <see cref="HealthProbe"/>, the health probe.</summary>
    public string? LoadBalancer { get; init; }

    /// <summary>Probe name on <see cref="LoadBalancer"/>.</summary>
    public string? HealthProbe { get; init; }

    /// <summary>Custom Script extensions by name, provisioned in the order given.</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>Adds the Application Health extension (a health source without a load balancer).</summary>
    public bool ApplicationHealthExtension { get; init; }

    /// <summary>rollingUpgradePolicy properties given as flags (JSON name → value).</summary>
    public IReadOnlyDictionary<string, JsonNode?> RollingUpgradePolicy { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>The resource.</summary>
    public JsonObject Build(string name)
    {
        var lbPrefix = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Network/loadBalancers";
        var extensions = new JsonArray([.. Extensions.Select((e, i) => (JsonNode)new JsonObject
        {
            ["name"] = e,
            ["properties"] = new JsonObject
            {
                ["publisher"] = "Microsoft.Azure.Extensions",
                ["type"] = "CustomScript",
                ["typeHandlerVersion"] = "2.1",
                ["provisionAfterExtensions"] = i == 0 ? null : new JsonArray(Extensions[i - 1]),
            },
        })]);
        if (ApplicationHealthExtension)
        {
            extensions.Add(new JsonObject
            {
                ["name"] = "HealthExtension",
                ["properties"] = new JsonObject { ["publisher"] = "Microsoft.ManagedServices", ["type"] = "ApplicationHealthLinux", ["typeHandlerVersion"] = "2.0" },
            });
        }

        var network = new JsonObject();
        if (LoadBalancer is { } lb)
        {
            network["networkInterfaceConfigurations"] = new JsonArray(new JsonObject
            {
                ["name"] = $"{name}-nic",
                ["properties"] = new JsonObject
                {
                    ["primary"] = true,
                    ["ipConfigurations"] = new JsonArray(new JsonObject
                    {
                        ["name"] = $"{name}-ipconfig",
                        ["properties"] = new JsonObject { ["loadBalancerBackendAddressPools"] = new JsonArray(new JsonObject { ["id"] = $"{lbPrefix}/{lb}/backendAddressPools/{lb}-pool" }) },
                    }),
                },
            });
            if (HealthProbe is { } probe)
            {
                network["healthProbe"] = new JsonObject { ["id"] = $"{lbPrefix}/{lb}/probes/{probe}" };
            }
        }

        var rolling = new JsonObject();
        foreach (var (key, value) in RollingUpgradePolicy)
        {
            rolling[key] = value?.DeepClone();
        }

        var resource = new JsonObject
        {
            ["name"] = name,
            ["location"] = "eastus",
            ["sku"] = new JsonObject { ["name"] = "Standard_D2s_v3", ["tier"] = "Standard", ["capacity"] = InstanceCount },
            ["properties"] = new JsonObject
            {
                ["orchestrationMode"] = OrchestrationMode,
                ["upgradePolicy"] = new JsonObject { ["mode"] = UpgradePolicyMode, ["rollingUpgradePolicy"] = rolling },
                ["virtualMachineProfile"] = new JsonObject
                {
                    ["storageProfile"] = new JsonObject { ["imageReference"] = ImageReference(Image) },
                    ["networkProfile"] = network,
                    ["extensionProfile"] = new JsonObject { ["extensions"] = extensions },
                },
            },
        };
        if (Zones.Count > 0)
        {
            resource["zones"] = new JsonArray([.. Zones.Select(z => (JsonNode)JsonValue.Create(z))]);
        }

        return resource;
    }

    /// <summary>An <c>imageReference</c> for <c>--image</c>: an id, a URN, or a gallery image name (name or name:version).</summary>
    public static JsonObject ImageReference(string image)
    {
        if (image.Contains('/', StringComparison.Ordinal))
        {
            return new JsonObject { ["id"] = image };
        }

        var urn = image.Split(':');
        if (urn.Length == 4)
        {
            return new JsonObject { ["publisher"] = urn[0], ["offer"] = urn[1], ["sku"] = urn[2], ["version"] = urn[3] };
        }

        var version = urn.Length == 2 ? $"/versions/{urn[1]}" : "";
        return new JsonObject { ["id"] = $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/galleries/gallery/images/{urn[0]}{version}" };
    }
}
