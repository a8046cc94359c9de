using System.Collections.Immutable;

namespace VmssGrains.Domain.Model;

/// <summary>
/// The part of a scale set's Azure resource that the simulation acts on, read and validated by
/// <see cref="ScaleSetModelReader"/>. The resource JSON itself stays the source of truth for show/update.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.ScaleSetModel")]
public sealed record ScaleSetModel
{
    /// <summary>The scale set's name (the grain key).</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary><c>sku.capacity</c>: the number of instances.</summary>
    [Id(1)] public int Capacity { get; init; }

    /// <summary><c>zones</c>, in ascending order; empty for a regional scale set.</summary>
    [Id(2)] public ImmutableArray<string> Zones { get; init; } = [];

    /// <summary><c>properties.orchestrationMode</c>.</summary>
    [Id(3)] public OrchestrationMode OrchestrationMode { get; init; }

    /// <summary><c>properties.platformFaultDomainCount</c>.</summary>
    [Id(4)] public int PlatformFaultDomainCount { get; init; } = 5;

    /// <summary><c>properties.upgradePolicy</c>.</summary>
    [Id(5)] public UpgradePolicy UpgradePolicy { get; init; } = new();

    /// <summary><c>properties.automaticRepairsPolicy</c>.</summary>
    [Id(6)] public AutomaticRepairsPolicy AutomaticRepairsPolicy { get; init; } = new();

    /// <summary><c>virtualMachineProfile.storageProfile.imageReference</c>.</summary>
    [Id(7)] public required ImageReference Image { get; init; }

    /// <summary><c>virtualMachineProfile.extensionProfile.extensions</c>, in provisioning order.</summary>
    [Id(8)] public ImmutableArray<ExtensionSpec> Extensions { get; init; } = [];

    /// <summary><c>virtualMachineProfile.networkProfile.healthProbe</c>.</summary>
    [Id(9)] public LoadBalancerReference? HealthProbe { get; init; }

    /// <summary>Load balancers whose backend pools the instances join.</summary>
    [Id(10)] public ImmutableArray<string> LoadBalancers { get; init; } = [];

    /// <summary>Simulation setting: rolling and automatic upgrades on Flexible, as Azure has them today (off: the seed's table).</summary>
    [Id(11)] public bool FlexibleUpgrades { get; init; }

    /// <summary>Simulation setting: the post-batch check divides by all instances instead of the upgraded ones.</summary>
    [Id(12)] public bool UpgradedUnhealthyOverAllInstances { get; init; }

    /// <summary>A hash of <c>virtualMachineProfile</c>: when it changes the model version moves on.</summary>
    [Id(13)] public string ProfileFingerprint { get; init; } = "";

    /// <summary>The resource's <c>location</c>, echoed by every Azure-shaped output about the scale set.</summary>
    [Id(14)] public string Location { get; init; } = ResourceDocument.DefaultLocation;

    /// <summary>The scale set's resource id, echoed by every Azure-shaped output (<see cref="ResourceDocument.IdOf"/>).</summary>
    [Id(15)] public string ResourceId { get; init; } = "";

    /// <summary>
    /// True when the scale set creates instances with new ids of its own, not only when its capacity grows: maxSurge
    /// replaces the instances of a rolling batch with new ones, and automatic repairs with Replace replace an unhealthy
    /// instance. Which ids exist at a given time then depends on how its runs and repairs go.
    /// </summary>
    public bool ReplacesInstances =>
        UpgradePolicy.RollingUpgradePolicy.MaxSurge || AutomaticRepairsPolicy is { Enabled: true, RepairAction: RepairAction.Replace };

    /// <summary>True when a load balancer probe or the Application Health extension reports health.</summary>
    public bool HasHealthSource => HealthProbe is not null || Extensions.Any(e => e.IsApplicationHealth);

    /// <summary>The upgrade mode that actually applies: Flexible is Manual only unless <see cref="FlexibleUpgrades"/>.</summary>
    public UpgradeMode EffectiveUpgradeMode =>
        OrchestrationMode == OrchestrationMode.Flexible && !FlexibleUpgrades ? UpgradeMode.Manual : UpgradePolicy.Mode;

    /// <summary>Uniform drains instances from the load balancer; Flexible does not (the seed's table).</summary>
    public bool DrainsTraffic => OrchestrationMode == OrchestrationMode.Uniform;

    /// <summary>Every load balancer the instances belong to: the backend pools and the probe's.</summary>
    public ImmutableArray<string> AllLoadBalancers =>
        HealthProbe is null || LoadBalancers.Contains(HealthProbe.LoadBalancer, StringComparer.Ordinal)
            ? LoadBalancers
            : LoadBalancers.Add(HealthProbe.LoadBalancer);
}
