using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;

using VmssGrains.Tests.Shared;

namespace VmssGrains.Grains.Tests;

/// <summary>Scale set JSON and timing for grain tests.</summary>
internal static class Fleets
{
    /// <summary>The load balancer every test fleet uses unless it names its own.</summary>
    public const string LoadBalancer = "test-lb";

    /// <summary>
    /// Fixed step durations: drain 10 s, reimage 3 min, boot 1 min, each extension 2 min; with the default
    /// probe (2 × 5 s) one instance's image upgrade takes exactly 380 s.
    /// </summary>
    public static readonly TimingProfile Fixed = TestScaleSets.FixedUpgrade;

    /// <summary>One instance's image upgrade with <see cref="Fixed"/> timing and one extension.</summary>
    public static readonly TimeSpan Upgrade = TimeSpan.FromSeconds(380);

    /// <summary>The gallery id of image <c>web</c> at a version.</summary>
    public static string ImageId(string version) => $"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/web/versions/{version}";

    /// <summary>A scale set resource.</summary>
    public static string ScaleSet(
        int capacity,
        string mode = "Rolling",
        JsonObject? policy = null,
        string[]? zones = null,
        string[]? extensions = null,
        string loadBalancer = LoadBalancer,
        string version = "1.0.0",
        JsonArray? extensionObjects = null,
        string? imageId = null,
        JsonObject? automaticOSUpgradePolicy = null,
        JsonObject? automaticRepairsPolicy = null)
        => TestScaleSets.Resource(capacity, imageId ?? ImageId(version), loadBalancer, mode, policy, zones, extensionObjects ?? TestScaleSets.Extensions(extensions ?? ["app"]), automaticOSUpgradePolicy, automaticRepairsPolicy);

    /// <summary>A merge patch that moves the image to <paramref name="version"/>.</summary>
    public static string ImagePatch(string version) => TestScaleSets.ImagePatch(ImageId(version));

    /// <summary>A rolling upgrade policy.</summary>
    public static JsonObject Policy(int batch = 20, int unhealthy = 20, int upgradedUnhealthy = 20, string pause = "PT0S", bool crossZone = false, bool prioritizeUnhealthy = false) => new()
    {
        ["maxBatchInstancePercent"] = batch,
        ["maxUnhealthyInstancePercent"] = unhealthy,
        ["maxUnhealthyUpgradedInstancePercent"] = upgradedUnhealthy,
        ["pauseTimeBetweenBatches"] = pause,
        ["enableCrossZoneUpgrade"] = crossZone,
        ["prioritizeUnhealthyInstances"] = prioritizeUnhealthy,
    };
}
