using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;

namespace VmssGrains.Tests.Shared;

/// <summary>
/// The scale set resources the domain and grain tests build (linked into both test projects): one shape, with the
/// image, the load balancer whose probe is the health source, and the policies the test chooses.
/// </summary>
internal static class TestScaleSets
{
    /// <summary>
    /// Fixed step durations of an image upgrade: drain 10 s, reimage 3 min, boot 1 min, each extension 2 min, a baked-in
    /// extension 10 s; with a 2 × 5 s probe one instance's image upgrade takes exactly 380 s.
    /// </summary>
    public static readonly TimingProfile FixedUpgrade = new()
    {
        Drain = Distribution.Fixed(TimeSpan.FromSeconds(10)),
        Reimage = Distribution.Fixed(TimeSpan.FromMinutes(3)),
        Boot = Distribution.Fixed(TimeSpan.FromMinutes(1)),
        Extension = Distribution.Fixed(TimeSpan.FromMinutes(2)),
        BakedInExtension = Distribution.Fixed(TimeSpan.FromSeconds(10)),
    };

    /// <summary>A scale set resource as JSON text; <paramref name="orchestration"/> is left out when null (Uniform).</summary>
    public static string Resource(
        int capacity,
        string imageId,
        string loadBalancer,
        string mode = "Rolling",
        JsonObject? policy = null,
        string[]? zones = null,
        JsonArray? extensions = null,
        JsonObject? automaticOSUpgradePolicy = null,
        JsonObject? automaticRepairsPolicy = null,
        string? orchestration = null)
    {
        var properties = new JsonObject();
        if (orchestration is not null)
        {
            properties["orchestrationMode"] = orchestration;
        }

        properties["automaticRepairsPolicy"] = automaticRepairsPolicy;
        properties["upgradePolicy"] = new JsonObject { ["mode"] = mode, ["rollingUpgradePolicy"] = policy ?? [], ["automaticOSUpgradePolicy"] = automaticOSUpgradePolicy };
        properties["virtualMachineProfile"] = new JsonObject
        {
            ["storageProfile"] = new JsonObject { ["imageReference"] = new JsonObject { ["id"] = imageId } },
            ["networkProfile"] = new JsonObject { ["healthProbe"] = new JsonObject { ["id"] = $"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/{loadBalancer}/probes/http" } },
            ["extensionProfile"] = new JsonObject { ["extensions"] = extensions ?? Extensions("app") },
        };
        var resource = new JsonObject { ["sku"] = new JsonObject { ["capacity"] = capacity }, ["properties"] = properties };
        if (zones is not null)
        {
            resource["zones"] = new JsonArray([.. zones.Select(z => (JsonNode)JsonValue.Create(z))]);
        }

        return resource.ToJsonString();
    }

    /// <summary>Custom Script extensions of these names, in order.</summary>
    public static JsonArray Extensions(params string[] names) =>
        new([.. names.Select(e => (JsonNode)new JsonObject { ["name"] = e, ["properties"] = new JsonObject { ["type"] = "CustomScript" } })]);

    /// <summary>A merge patch that moves the image to <paramref name="imageId"/>.</summary>
    public static string ImagePatch(string imageId) =>
        new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["virtualMachineProfile"] = new JsonObject { ["storageProfile"] = new JsonObject { ["imageReference"] = new JsonObject { ["id"] = imageId } } },
            },
        }.ToJsonString();
}
