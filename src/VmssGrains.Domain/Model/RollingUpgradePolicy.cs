using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.Model;

/// <summary><c>upgradePolicy.rollingUpgradePolicy</c> with Azure's defaults and ranges (docs/behaviour.md#rolling-upgrade-policy).</summary>
[GenerateSerializer, Immutable, Alias("vmss.RollingUpgradePolicy")]
public sealed record RollingUpgradePolicy
{
    /// <summary>Azure's default policy, also the 20/20/20 policy of automatic OS upgrades.</summary>
    public static RollingUpgradePolicy Default { get; } = new();

    /// <summary>Batch size = floor(pct × N / 100), at least one instance. 5–100, default 20.</summary>
    [Id(0)] public int MaxBatchInstancePercent { get; init; } = 20;

    /// <summary>Unhealthy instances allowed before every batch, the batch included. 5–100, default 20.</summary>
    [Id(1)] public int MaxUnhealthyInstancePercent { get; init; } = 20;

    /// <summary>Unhealthy upgraded instances allowed after every batch. 0–100, default 20.</summary>
    [Id(2)] public int MaxUnhealthyUpgradedInstancePercent { get; init; } = 20;

    /// <summary>Wait after a batch before the next one; none after the last.</summary>
    [Id(3)] public TimeSpan PauseTimeBetweenBatches { get; init; } = TimeSpan.Zero;

    /// <summary>False: one availability zone at a time, in ascending order.</summary>
    [Id(4)] public bool EnableCrossZoneUpgrade { get; init; }

    /// <summary>Unhealthy instances go first.</summary>
    [Id(5)] public bool PrioritizeUnhealthyInstances { get; init; }

    /// <summary>On a policy breach failed instances return to the previous model (Uniform only).</summary>
    [Id(6)] public bool RollbackFailedInstancesOnPolicyBreach { get; init; }

    /// <summary>Create new instances per batch before deleting old ones.</summary>
    [Id(7)] public bool MaxSurge { get; init; }

    /// <summary>The JSON names and ranges of the percentage properties, for validation messages.</summary>
    public static readonly IReadOnlyList<(string Name, int Min, int Max)> Ranges =
    [
        ("maxBatchInstancePercent", 5, 100),
        ("maxUnhealthyInstancePercent", 5, 100),
        ("maxUnhealthyUpgradedInstancePercent", 0, 100),
    ];

    /// <summary>The batch size for a scale set of <paramref name="instanceCount"/> instances.</summary>
    public int BatchSize(int instanceCount) => Math.Max(1, MaxBatchInstancePercent * instanceCount / 100);

    /// <summary>How many instances may be unhealthy at once, batch included; exactly at the limit is allowed.</summary>
    public int UnhealthyLimit(int instanceCount) => MaxUnhealthyInstancePercent * instanceCount / 100;

    /// <summary>True when <paramref name="unhealthy"/> of <paramref name="upgraded"/> breaks the post-batch limit.</summary>
    public bool UpgradedUnhealthyExceeded(int unhealthy, int upgraded) =>
        upgraded > 0 && (long)unhealthy * 100 > (long)MaxUnhealthyUpgradedInstancePercent * upgraded;

    /// <summary>The pause in Azure's notation.</summary>
    public string PauseText => IsoDuration.Format(PauseTimeBetweenBatches);
}
