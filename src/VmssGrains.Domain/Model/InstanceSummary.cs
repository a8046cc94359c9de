namespace VmssGrains.Domain.Model;

/// <summary>
/// What the scale set knows of one instance, kept current by the instance's reports. It is all the
/// planner needs; nobody polls instance grains.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.InstanceSummary")]
public sealed record InstanceSummary
{
    /// <summary>The instance id: "0", "1", ...</summary>
    [Id(0)] public required string InstanceId { get; init; }

    /// <summary>The availability zone, or null for a regional scale set.</summary>
    [Id(1)] public string? Zone { get; init; }

    /// <summary>The platform fault domain.</summary>
    [Id(2)] public int FaultDomain { get; init; }

    /// <summary>The model version applied to the instance.</summary>
    [Id(3)] public int ModelVersion { get; init; }

    /// <summary>The image on the instance's OS disk.</summary>
    [Id(4)] public required ImageReference Image { get; init; }

    /// <summary>Health as the health source reports it.</summary>
    [Id(5)] public HealthState Health { get; init; } = HealthState.Healthy;

    /// <summary>Azure's provisioning state: Creating, Updating, Succeeded, Failed, Deleting.</summary>
    [Id(6)] public string ProvisioningState { get; init; } = "Succeeded";

    /// <summary>Excluded from scale-in.</summary>
    [Id(7)] public bool ProtectFromScaleIn { get; init; }

    /// <summary>Excluded from scale-set-initiated work (upgrades, reimage of all, repairs).</summary>
    [Id(8)] public bool ProtectFromScaleSetActions { get; init; }

    /// <summary>An operation (upgrade, provisioning, deletion) is under way on the instance.</summary>
    [Id(9)] public bool Busy { get; init; }

    /// <summary>When the instance last became unhealthy (for automatic repairs' grace period).</summary>
    [Id(10)] public DateTimeOffset? UnhealthySince { get; init; }

    /// <summary>Its operation reported already (Automatic, Manual) and its health is still being established.</summary>
    [Id(11)] public bool Settling { get; init; }

    /// <summary>When the instance's last operation ended (a state change: automatic repairs wait a grace period after it).</summary>
    [Id(12)] public DateTimeOffset? LastOperationEnd { get; init; }

    /// <summary>
    /// The instance's report sequence: every report it sends (operation or health) carries the next number, so the
    /// scale set never lets an older report overwrite a newer one (one-way messages may arrive in any order).
    /// </summary>
    [Id(13)] public long Sequence { get; init; }

    /// <summary>
    /// The serial of the latest order the scale set gave the instance (0: none yet). A report of an older order (a late
    /// duplicate from an activation that was replaced) is ignored.
    /// </summary>
    [Id(14)] public long OrderSerial { get; init; }

    /// <summary>Unhealthy in the sense of the rolling upgrade checks: Unhealthy or Unknown.</summary>
    public bool IsUnhealthy => Health is HealthState.Unhealthy or HealthState.Unknown;

    /// <summary>Protected from scale-set actions: upgrades and scale-set-wide reimages leave it alone.</summary>
    public bool IsProtected => ProtectFromScaleSetActions;

    /// <summary>
    /// Either protection policy is set. Azure's automatic repairs skip an instance protected by either one
    /// (the automatic instance repairs documentation: "If an instance in a scale set is protected by applying one
    /// of the protection policies, then automatic repairs are not performed on that instance").
    /// </summary>
    public bool HasProtectionPolicy => ProtectFromScaleIn || ProtectFromScaleSetActions;
}
