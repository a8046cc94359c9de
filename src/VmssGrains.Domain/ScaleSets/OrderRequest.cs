using VmssGrains.Domain.Instances;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// What the scale-set machine asks of one instance. The carrier (grain or reference engine) makes the instance's
/// <see cref="UpgradeOrder"/> of it with <see cref="UpgradeOrderBuilder"/>: the model of <see cref="ModelVersion"/>,
/// the health source, and the key of the scale set's current instance profile (seed, timing, faults).
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.OrderRequest")]
public sealed record OrderRequest
{
    /// <summary>What the report ends.</summary>
    [Id(0)] public required OrderTag Tag { get; init; }

    /// <summary>What to do.</summary>
    [Id(1)] public OperationKind Kind { get; init; }

    /// <summary>The model version whose profile applies (in <see cref="ScaleSetState.Models"/>).</summary>
    [Id(2)] public int ModelVersion { get; init; }

    /// <summary>The image at a concrete version, with what the gallery says of it.</summary>
    [Id(3)] public required ImageVersionInfo Image { get; init; }

    /// <summary>Report only once healthy (health-gated runs, creations); false: report after the extensions.</summary>
    [Id(4)] public bool WaitForHealth { get; init; }

    /// <summary>Automatic OS image upgrades: the platform waits at most 5 simulated minutes for the instance to be healthy.</summary>
    [Id(5)] public TimeSpan? HealthWaitTimeout { get; init; }

    /// <summary>Automatic OS upgrade: an instance that stays unhealthy gets its previous OS disk back.</summary>
    [Id(6)] public bool RollbackOnFailure { get; init; }

    /// <summary>Part of the batch under way (its spans belong to the batch's).</summary>
    [Id(7)] public bool InBatch { get; init; }
}
