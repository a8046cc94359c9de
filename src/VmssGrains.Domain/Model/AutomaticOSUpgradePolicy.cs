namespace VmssGrains.Domain.Model;

/// <summary><c>upgradePolicy.automaticOSUpgradePolicy</c> (docs/behaviour.md#automatic-os-image-upgrades).</summary>
[GenerateSerializer, Immutable, Alias("vmss.AutomaticOSUpgradePolicy")]
public sealed record AutomaticOSUpgradePolicy
{
    /// <summary>Platform-started OS upgrades when a new image version is published.</summary>
    [Id(0)] public bool EnableAutomaticOSUpgrade { get; init; }

    /// <summary>Keep the new OS disk of an instance that stays unhealthy.</summary>
    [Id(1)] public bool DisableAutomaticRollback { get; init; }

    /// <summary>Use the set's rolling policy instead of 20/20/20.</summary>
    [Id(2)] public bool UseRollingUpgradePolicy { get; init; }

    /// <summary>Instances wait for approval before their OS upgrade.</summary>
    [Id(3)] public bool OsRollingUpgradeDeferral { get; init; }
}
