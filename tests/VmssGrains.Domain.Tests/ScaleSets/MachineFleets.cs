using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Domain.Time;

using VmssGrains.Tests.Shared;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>Scale set resources, the gallery and the timing the scale-set machine tests use.</summary>
internal static class MachineFleets
{
    public const string Name = "vmss1";

    public const string LoadBalancer = "test-lb";

    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Fixed step durations: drain 10 s, reimage 3 min, boot 1 min, each extension 2 min, provision 4 min, delete
    /// 1 min; with the probe of <see cref="FleetDriver"/> (2 × 5 s) an image upgrade takes 380 s, a new instance 370 s.
    /// </summary>
    public static readonly TimingProfile Timing = TestScaleSets.FixedUpgrade with
    {
        Provision = Distribution.Fixed(TimeSpan.FromMinutes(4)),
        Delete = Distribution.Fixed(TimeSpan.FromMinutes(1)),
        Restart = Distribution.Fixed(TimeSpan.FromMinutes(1)),
    };

    /// <summary>One image upgrade in place: drain, reimage, boot, the extension, two probes.</summary>
    public static readonly TimeSpan Upgrade = TimeSpan.FromSeconds(10 + 180 + 60 + 120 + 10);

    /// <summary>A new instance: provision, the extension, two probes.</summary>
    public static readonly TimeSpan Provision = TimeSpan.FromSeconds(240 + 120 + 10);

    /// <summary>The gallery id of image <c>web</c> (null version: <c>latest</c>).</summary>
    public static string ImageId(string? version) =>
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/web" + (version is null ? "" : $"/versions/{version}");

    /// <summary>Image <c>web</c> at <paramref name="version"/>.</summary>
    public static ImageReference Image(string version) => ImageReference.FromText(ImageId(version))!;

    /// <summary>A version of <c>web</c> published at <paramref name="at"/>.</summary>
    public static ImageVersionInfo Version(string version, DateTimeOffset at) => new() { Image = Image(version), PublishedAt = at };

    /// <summary>The gallery: <c>web</c> 1.0.0 and 1.1.0, published a day before <see cref="T0"/>.</summary>
    public static ImageCatalog Catalog { get; } = ImageCatalog.Empty.With([Version("1.0.0", T0.AddDays(-1)), Version("1.1.0", T0.AddDays(-1))]);

    /// <summary>A scale set resource behind load balancer <see cref="LoadBalancer"/> (its probe the health source), one extension.</summary>
    public static string ScaleSet(
        int capacity,
        string mode = "Rolling",
        JsonObject? policy = null,
        string[]? zones = null,
        string? version = "1.0.0",
        JsonObject? automaticOSUpgradePolicy = null,
        JsonObject? automaticRepairsPolicy = null,
        string orchestration = "Uniform")
        => TestScaleSets.Resource(capacity, ImageId(version), LoadBalancer, mode, policy, zones, automaticOSUpgradePolicy: automaticOSUpgradePolicy, automaticRepairsPolicy: automaticRepairsPolicy, orchestration: orchestration);

    /// <summary>A merge patch that moves the image to <paramref name="version"/>.</summary>
    public static string ImagePatch(string version) => TestScaleSets.ImagePatch(ImageId(version));

    /// <summary>A merge patch that changes nothing of the instances' profile (a tag).</summary>
    public static string TagPatch(string value) => new JsonObject { ["tags"] = new JsonObject { ["t"] = value } }.ToJsonString();

    /// <summary>A rolling upgrade policy.</summary>
    public static JsonObject Policy(
        int batch = 20,
        int unhealthy = 20,
        int upgradedUnhealthy = 20,
        string pause = "PT0S",
        bool crossZone = false,
        bool prioritizeUnhealthy = false,
        bool maxSurge = false,
        bool rollback = false) => new()
        {
            ["maxBatchInstancePercent"] = batch,
            ["maxUnhealthyInstancePercent"] = unhealthy,
            ["maxUnhealthyUpgradedInstancePercent"] = upgradedUnhealthy,
            ["pauseTimeBetweenBatches"] = pause,
            ["enableCrossZoneUpgrade"] = crossZone,
            ["prioritizeUnhealthyInstances"] = prioritizeUnhealthy,
            ["maxSurge"] = maxSurge,
            ["rollbackFailedInstancesOnPolicyBreach"] = rollback,
        };

    /// <summary>An automatic repairs policy.</summary>
    public static JsonObject Repairs(string action = "Replace", string grace = "PT10M") =>
        new() { ["enabled"] = true, ["gracePeriod"] = grace, ["repairAction"] = action };

    /// <summary>An automatic OS upgrade policy.</summary>
    public static JsonObject AutomaticOS(bool useRollingPolicy = false, bool deferral = false, bool disableRollback = false) => new()
    {
        ["enableAutomaticOSUpgrade"] = true,
        ["useRollingUpgradePolicy"] = useRollingPolicy,
        ["osRollingUpgradeDeferral"] = deferral,
        ["disableAutomaticRollback"] = disableRollback,
    };
}
