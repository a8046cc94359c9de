namespace VmssGrains.Domain.Model;

/// <summary><c>properties.upgradePolicy</c>.</summary>
[GenerateSerializer, Immutable, Alias("vmss.UpgradePolicy")]
public sealed record UpgradePolicy
{
    /// <summary>Manual unless the model says otherwise, as in Azure.</summary>
    [Id(0)] public UpgradeMode Mode { get; init; } = UpgradeMode.Manual;

    /// <summary>The batches of a rolling upgrade.</summary>
    [Id(1)] public RollingUpgradePolicy RollingUpgradePolicy { get; init; } = RollingUpgradePolicy.Default;

    /// <summary>Platform-started OS upgrades.</summary>
    [Id(2)] public AutomaticOSUpgradePolicy AutomaticOSUpgradePolicy { get; init; } = new();
}
