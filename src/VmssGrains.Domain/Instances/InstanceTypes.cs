using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.Instances;

/// <summary>What an operation does to an instance.</summary>
public enum OperationKind
{
    /// <summary>Apply a model: reimage when the image changes, otherwise re-run changed extensions.</summary>
    Upgrade,

    /// <summary>Replace the OS disk from the image, keep data disks.</summary>
    Reimage,

    /// <summary>Replace the OS disk and wipe the data disks.</summary>
    ReimageAll,

    /// <summary>Create a new instance.</summary>
    Provision,

    /// <summary>Restart in place.</summary>
    Restart,

    /// <summary>Delete the instance.</summary>
    Delete,

    /// <summary>Re-run the extensions only (extension rolling upgrade).</summary>
    Extensions,
}

/// <summary>A timed step of an operation.</summary>
public enum InstanceStep
{
    /// <summary>Out of the backend pool while in-flight work ends.</summary>
    Draining,

    /// <summary>Allocation and creation of a new VM.</summary>
    Provisioning,

    /// <summary>The OS disk is being replaced.</summary>
    Reimaging,

    /// <summary>First boot of the new OS disk.</summary>
    Booting,

    /// <summary>Restarting in place.</summary>
    Restarting,

    /// <summary>An extension is running.</summary>
    Extension,

    /// <summary>Waiting for the health source.</summary>
    Probing,

    /// <summary>Being deleted.</summary>
    Deleting,
}

/// <summary>Which health source reports an instance's health.</summary>
public enum HealthSourceKind
{
    /// <summary>No health source: health is whatever the VM really is.</summary>
    None,

    /// <summary>A load balancer probe: Unhealthy until <c>numberOfProbes</c> successes.</summary>
    LoadBalancerProbe,

    /// <summary>The Application Health extension: Initializing until healthy (rich states).</summary>
    ApplicationHealthExtension,
}

/// <summary>How an instance's health is established after an operation.</summary>
[GenerateSerializer, Immutable, Alias("vmss.HealthCheck")]
public sealed record HealthCheck(
    [property: Id(0)] HealthSourceKind Kind,
    [property: Id(1)] TimeSpan Interval,
    [property: Id(2)] int NumberOfProbes)
{
    /// <summary>No health source.</summary>
    public static HealthCheck None { get; } = new(HealthSourceKind.None, TimeSpan.Zero, 0);

    /// <summary>Simulated time from the first probe to healthy: interval × count.</summary>
    public TimeSpan TimeToHealthy => Interval * NumberOfProbes;
}

/// <summary>An OS or data disk: how many times it was created, from which image, and what is written on it.</summary>
[GenerateSerializer, Immutable, Alias("vmss.DiskState")]
public sealed record DiskState(
    [property: Id(0)] int Generation,
    [property: Id(1)] string? SourceImage,
    [property: Id(2)] ImmutableArray<string> Files)
{
    /// <summary>The same disk with one more file (kept sorted, no duplicates).</summary>
    public DiskState WithFile(string path)
    {
        if (Files.Contains(path))
        {
            return this;
        }

        // Files are kept sorted (ordinal): the new one goes where it belongs, without sorting them all again.
        var at = DiskFiles.InsertionPoint(Files, path);
        return this with { Files = at >= 0 ? Files.Insert(at, path) : [.. Files.Add(path).Order(StringComparer.Ordinal)] };
    }
}

/// <summary>An extension as provisioned on one instance.</summary>
[GenerateSerializer, Immutable, Alias("vmss.ExtensionStatus")]
public sealed record ExtensionStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] string? ForceUpdateTag,
    [property: Id(3)] string ProvisioningState,
    [property: Id(4)] string? Message = null,
    [property: Id(5)] bool Suppressed = false);

/// <summary>
/// What the scale set asks of one instance. One order is shared by a whole batch; it names the scale set's
/// <see cref="InstanceProfile"/> (<see cref="Profile"/>) rather than carrying its timing, seed and faults, and the
/// instance makes its own random draws from its own stream.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.UpgradeOrder")]
public sealed record UpgradeOrder
{
    /// <summary>The run or operation the result is reported to.</summary>
    [Id(0)] public required string RunId { get; init; }

    /// <summary>What to do.</summary>
    [Id(1)] public OperationKind Kind { get; init; }

    /// <summary>The model version applied at the end.</summary>
    [Id(2)] public int TargetModelVersion { get; init; }

    /// <summary>The image at a concrete version.</summary>
    [Id(3)] public required ImageReference TargetImage { get; init; }

    /// <summary>Extensions whose work the image already carries (fast).</summary>
    [Id(4)] public ImmutableArray<string> BakedInExtensions { get; init; } = [];

    /// <summary>The model's extensions in provisioning order.</summary>
    [Id(5)] public ImmutableArray<ExtensionSpec> Extensions { get; init; } = [];

    /// <summary>Drain from the load balancers first (Uniform).</summary>
    [Id(6)] public bool Drain { get; init; } = true;

    /// <summary>Load balancers whose backend pools the instance belongs to.</summary>
    [Id(7)] public ImmutableArray<string> LoadBalancers { get; init; } = [];

    /// <summary>The health source and its probe settings.</summary>
    [Id(8)] public HealthCheck Health { get; init; } = HealthCheck.None;

    /// <summary>Report only once healthy (Rolling); false: report after the extensions (Automatic, Manual).</summary>
    [Id(9)] public bool WaitForHealth { get; init; } = true;

    // [Id(10)], [Id(11)], [Id(12)] were copies of the timing, seed and faults: now in the profile the order names, Id(17).

    /// <summary>Image durations that override the profile for this image version.</summary>
    [Id(13)] public Distribution? ReimageDuration { get; init; }

    /// <summary>Re-run every extension even when unchanged (extension rolling upgrade).</summary>
    [Id(14)] public bool RerunAllExtensions { get; init; }

    /// <summary>The trace context of the batch (W3C traceparent) the instance's spans belong to.</summary>
    [Id(15)] public string? TraceParent { get; init; }

    /// <summary>Automatic OS upgrade: an instance that stays unhealthy gets its previous OS disk back.</summary>
    [Id(16)] public bool RollbackOnFailure { get; init; }

    /// <summary>The scale set's instance profile (seed, timing, faults) this order is carried out with.</summary>
    [Id(17)] public required InstanceProfileKey Profile { get; init; }

    /// <summary>
    /// Overrides the profile's health wait timeout for this order (simulated time): automatic OS image upgrades wait at
    /// most 5 minutes. Null: the profile's.
    /// </summary>
    [Id(18)] public TimeSpan? HealthWaitTimeout { get; init; }

    /// <summary>
    /// The scale set's serial of this order for this instance (<see cref="InstanceSummary.OrderSerial"/>; 0: unnumbered):
    /// the report carries it back, so a report of an order the scale set has since given again is recognised as stale.
    /// </summary>
    [Id(19)] public long Serial { get; init; }

    /// <summary>How long the probe may take before the instance counts as failed (simulated): this order's override, else the profile's mean.</summary>
    public TimeSpan HealthWaitTimeoutIn(InstanceProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return HealthWaitTimeout ?? profile.Timing.HealthWaitTimeout.Mean;
    }
}

/// <summary>What the instance tells the scale set when an operation ends, with its steps (for the audit log).</summary>
[GenerateSerializer, Immutable, Alias("vmss.InstanceReport")]
public sealed record InstanceReport(
    [property: Id(0)] string RunId,
    [property: Id(1)] Rolling.InstanceOutcome Outcome,
    [property: Id(2)] InstanceSummary Summary,
    [property: Id(3)] OperationKind Kind)
{
    /// <summary>The operation's steps, in order.</summary>
    [Id(4)] public ImmutableArray<StepRecord> Steps { get; init; } = [];

    /// <summary>When the operation started.</summary>
    [Id(5)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>The trace context the operation ran under (W3C traceparent), if any.</summary>
    [Id(6)] public string? TraceParent { get; init; }

    /// <summary>The serial of the order this report ends (<see cref="UpgradeOrder.Serial"/>).</summary>
    [Id(7)] public long OrderSerial { get; init; }
}
