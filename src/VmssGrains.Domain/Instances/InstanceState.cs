using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>Why an instance's operation failed: an Azure error code and message.</summary>
[GenerateSerializer, Immutable, Alias("vmss.InstanceFailure")]
public sealed record InstanceFailure([property: Id(0)] string Code, [property: Id(1)] string Message, [property: Id(2)] bool FailsProvisioning = true);

/// <summary>One step of an operation as it happened: the audit log and the trace spans are made of these.</summary>
/// <param name="Step">drain, provision, reimage, boot, restart, extension, probe, delete.</param>
/// <param name="Extension">The extension's name for an extension step.</param>
/// <param name="Start">Simulated start.</param>
/// <param name="End">Simulated end.</param>
/// <param name="Result">Succeeded, or the error code.</param>
/// <param name="Message">The error message when it failed.</param>
[GenerateSerializer, Immutable, Alias("vmss.StepRecord")]
public sealed record StepRecord(
    [property: Id(0)] string Step,
    [property: Id(1)] string? Extension,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset End,
    [property: Id(4)] string Result,
    [property: Id(5)] string? Message = null);

/// <summary>An operation under way on an instance.</summary>
[GenerateSerializer, Immutable, Alias("vmss.ActiveOperation")]
public sealed record ActiveOperation
{
    /// <summary>The order being carried out.</summary>
    [Id(0)] public required UpgradeOrder Order { get; init; }

    /// <summary>The timed steps, in order.</summary>
    [Id(1)] public ImmutableArray<InstanceStep> Plan { get; init; } = [];

    /// <summary>Index of the current step in <see cref="Plan"/>.</summary>
    [Id(2)] public int StepIndex { get; init; }

    /// <summary>The extensions this operation runs, in order.</summary>
    [Id(3)] public ImmutableArray<ExtensionSpec> ExtensionsToRun { get; init; } = [];

    /// <summary>Index of the next extension in <see cref="ExtensionsToRun"/>.</summary>
    [Id(4)] public int ExtensionIndex { get; init; }

    /// <summary>Whether the new image leaves this instance unhealthy, decided when the operation starts.</summary>
    [Id(5)] public bool NewImageDefect { get; init; }

    /// <summary>The instance's random stream for this operation.</summary>
    [Id(6)] public SeededRandom Random { get; init; }

    /// <summary>When the operation started.</summary>
    [Id(7)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>The failure decided when the current step started, applied when it ends.</summary>
    [Id(8)] public InstanceFailure? PendingFailure { get; init; }

    /// <summary>The result was reported (Automatic and Manual report before the probes finish).</summary>
    [Id(9)] public bool Reported { get; init; }

    /// <summary>When the current step started.</summary>
    [Id(10)] public DateTimeOffset StepStartedAt { get; init; }

    /// <summary>The steps done so far.</summary>
    [Id(11)] public ImmutableArray<StepRecord> History { get; init; } = [];

    /// <summary>The failure that made the operation roll the OS disk back (automatic OS upgrade), if it did.</summary>
    [Id(12)] public InstanceFailure? RolledBackFrom { get; init; }

    /// <summary>The current step.</summary>
    public InstanceStep Step => Plan[StepIndex];
}

/// <summary>One VM instance: model and image applied, health, disks, extensions, protection, faults.</summary>
[GenerateSerializer, Immutable, Alias("vmss.InstanceState")]
public sealed record InstanceState
{
    /// <summary>The scale set's name.</summary>
    [Id(0)] public required string ScaleSet { get; init; }

    /// <summary>The instance id.</summary>
    [Id(1)] public required string InstanceId { get; init; }

    /// <summary>The availability zone, or null.</summary>
    [Id(2)] public string? Zone { get; init; }

    /// <summary>The platform fault domain.</summary>
    [Id(3)] public int FaultDomain { get; init; }

    /// <summary>The model version applied.</summary>
    [Id(4)] public int ModelVersion { get; init; }

    /// <summary>The image on the OS disk.</summary>
    [Id(5)] public required ImageReference Image { get; init; }

    /// <summary>Health as the health source reports it.</summary>
    [Id(6)] public HealthState Health { get; init; } = HealthState.Healthy;

    /// <summary>Creating, Updating, Succeeded, Failed, Deleting, Deleted.</summary>
    [Id(7)] public string ProvisioningState { get; init; } = "Succeeded";

    /// <summary>running, starting, stopped.</summary>
    [Id(8)] public string PowerState { get; init; } = "running";

    /// <summary><c>protectionPolicy.protectFromScaleIn</c>.</summary>
    [Id(9)] public bool ProtectFromScaleIn { get; init; }

    /// <summary><c>protectionPolicy.protectFromScaleSetActions</c>.</summary>
    [Id(10)] public bool ProtectFromScaleSetActions { get; init; }

    /// <summary>The OS disk: replaced on reimage, so what was written there is lost.</summary>
    [Id(11)] public required DiskState OsDisk { get; init; }

    /// <summary>The data disk (LUN 0): kept on reimage, wiped by reimage-all.</summary>
    [Id(12)] public required DiskState DataDisk { get; init; }

    /// <summary>Extensions as provisioned.</summary>
    [Id(13)] public ImmutableArray<ExtensionStatus> Extensions { get; init; } = [];

    /// <summary>An <c>unhealthy</c> fault holds: unhealthy until reimaged or cleared.</summary>
    [Id(14)] public bool ForcedUnhealthy { get; init; }

    /// <summary>The image on the OS disk leaves this instance unhealthy (<c>unhealthyAfterUpgrade</c>).</summary>
    [Id(15)] public bool ImageDefect { get; init; }

    /// <summary>Counts operations: each draws from its own stream.</summary>
    [Id(16)] public int OperationSerial { get; init; }

    /// <summary>The operation under way, or null.</summary>
    [Id(17)] public ActiveOperation? Active { get; init; }

    /// <summary>Member of the load balancers' backend pools.</summary>
    [Id(18)] public bool InPool { get; init; } = true;

    /// <summary>Load balancers whose pools the instance belongs to.</summary>
    [Id(19)] public ImmutableArray<string> LoadBalancers { get; init; } = [];

    /// <summary>When the instance was created.</summary>
    [Id(20)] public DateTimeOffset TimeCreated { get; init; }

    /// <summary>When health last left Healthy (automatic repairs' grace period).</summary>
    [Id(21)] public DateTimeOffset? UnhealthySince { get; init; }

    /// <summary>The last operation's error, shown in the instance view.</summary>
    [Id(22)] public string? LastError { get; init; }

    /// <summary>The OS disk from before the last reimage, kept for an automatic OS upgrade rollback.</summary>
    [Id(23)] public ImageReference? PreviousImage { get; init; }

    /// <summary>The model version from before the last upgrade (rollback on policy breach).</summary>
    [Id(24)] public int PreviousModelVersion { get; init; }

    /// <summary>The wake-up the current step waits for; older ones are ignored.</summary>
    [Id(25)] public long WakeToken { get; init; }

    /// <summary>When the last operation ended (reported, or health established after an ungated upgrade).</summary>
    [Id(26)] public DateTimeOffset? LastOperationEnd { get; init; }

    // [Id(27)], [Id(28)] were copies of the unhealthyRate fault and the seed: now in the profile, Id(31).

    /// <summary>How many random failures were scheduled; the pending one wakes with token −<see cref="RandomFaults"/>.</summary>
    [Id(29)] public int RandomFaults { get; init; }

    /// <summary>A random failure is scheduled.</summary>
    [Id(30)] public bool RandomFaultArmed { get; init; }

    /// <summary>
    /// The scale set's instance profile the instance acts with: the one it was created with, then the one of each
    /// order it starts (its seed and <c>unhealthyRate</c> fault drive the random failures).
    /// </summary>
    [Id(31)] public required InstanceProfileKey Profile { get; init; }

    /// <summary>The sequence number of the last report sent to the scale set (<see cref="InstanceSummary.Sequence"/>).</summary>
    [Id(32)] public long ReportSequence { get; init; }

    /// <summary>The serial of the last order started (<see cref="UpgradeOrder.Serial"/>; 0: none).</summary>
    [Id(33)] public long LastOrderSerial { get; init; }

    /// <summary>Receives traffic: in the pool and healthy.</summary>
    public bool InService => InPool && Health == HealthState.Healthy;

    /// <summary>What the VM really is, whatever the probes said last.</summary>
    public bool IsTrulyHealthy => !ForcedUnhealthy && !ImageDefect && PowerState == "running"
        && !Extensions.Any(e => e.ProvisioningState == "Failed" && !e.Suppressed);

    /// <summary>The scale set's view of this instance.</summary>
    public InstanceSummary ToSummary() => new()
    {
        InstanceId = InstanceId,
        Zone = Zone,
        FaultDomain = FaultDomain,
        ModelVersion = ModelVersion,
        Image = Image,
        Health = Health,
        ProvisioningState = ProvisioningState,
        ProtectFromScaleIn = ProtectFromScaleIn,
        ProtectFromScaleSetActions = ProtectFromScaleSetActions,
        Busy = Active is { Reported: false },
        Settling = Active is { Reported: true },
        LastOperationEnd = LastOperationEnd,
        UnhealthySince = UnhealthySince,
        Sequence = ReportSequence,
        OrderSerial = LastOrderSerial,
    };
}
