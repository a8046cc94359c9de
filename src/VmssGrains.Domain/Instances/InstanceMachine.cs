using System.Collections.Concurrent;
using System.Collections.Immutable;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// One instance's operations as a pure state machine: the seed's seven steps (drain, reimage, apply the
/// image, extensions in order, probe, rejoin, report), plus provisioning, restart and deletion. Random
/// draws come from the instance's own stream (seed, scale set, instance id, operation serial).
/// </summary>
/// <remarks>
/// The facade of the parts: <see cref="OperationPlan"/> opens an operation, <see cref="OperationSteps"/> drives it
/// with one definition per step (<see cref="StepDefinition"/>, <see cref="InstanceSteps"/>), <see cref="InstanceFaults"/>
/// decides the faults, <see cref="OsDiskRollback"/> restores the previous OS disk, <see cref="OperationCompletion"/>
/// ends the operation, and <see cref="InstanceNotifications"/> derives what the load balancers and the scale set hear.
/// </remarks>
public static class InstanceMachine
{
    // One string per extension name, shared by every instance's disks: a fleet of a million keeps two paths per instance.
    private static readonly ConcurrentDictionary<string, string> OsDiskFiles = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> DataDiskFiles = new(StringComparer.Ordinal);

    /// <summary>Where an extension writes on the OS disk (lost on reimage).</summary>
    public static string OsDiskFile(string extension) => OsDiskFiles.GetOrAdd(extension, static e => $"/opt/extensions/{e}/installed");

    /// <summary>Where an extension keeps its state on the data disk (kept on reimage).</summary>
    public static string DataDiskFile(string extension) => DataDiskFiles.GetOrAdd(extension, static e => $"/data/extensions/{e}/state");

    /// <summary>An instance of a deployed scale set: the model applied, extensions already run once, in the pool and healthy.</summary>
    public static InstanceState Deployed(
        string scaleSet, string instanceId, string? zone, int faultDomain, int modelVersion, ImageReference image,
        IReadOnlyList<ExtensionSpec> extensions, ImmutableArray<string> loadBalancers, InstanceProfileKey profile, DateTimeOffset now)
    {
        var os = new DiskState(1, DiskImages.Of(image), []);
        var data = new DiskState(1, null, []);
        foreach (var e in extensions)
        {
            os = os.WithFile(OsDiskFile(e.Name));
            data = data.WithFile(DataDiskFile(e.Name));
        }

        return new InstanceState
        {
            ScaleSet = scaleSet,
            InstanceId = instanceId,
            Zone = zone,
            FaultDomain = faultDomain,
            ModelVersion = modelVersion,
            PreviousModelVersion = modelVersion,
            Image = image,
            OsDisk = os,
            DataDisk = data,
            Extensions = [.. extensions.Select(e => new ExtensionStatus(e.Name, e.Fingerprint, e.ForceUpdateTag, "Succeeded"))],
            LoadBalancers = loadBalancers,
            InPool = true,
            TimeCreated = now,
            Profile = profile,
        };
    }

    /// <summary>An instance about to be created by scale-out, surge or replacement: not in service until provisioned.</summary>
    public static InstanceState New(
        string scaleSet, string instanceId, string? zone, int faultDomain, ImageReference image, ImmutableArray<string> loadBalancers, InstanceProfileKey profile, DateTimeOffset now) =>
        new()
        {
            ScaleSet = scaleSet,
            InstanceId = instanceId,
            Zone = zone,
            FaultDomain = faultDomain,
            Image = image,
            OsDisk = new DiskState(0, null, []),
            DataDisk = new DiskState(0, null, []),
            LoadBalancers = loadBalancers,
            InPool = false,
            Health = HealthState.Unhealthy,
            ProvisioningState = "Creating",
            PowerState = "stopped",
            TimeCreated = now,
            Profile = profile,
        };

    /// <summary>
    /// Starts the operation of <paramref name="order"/> at <paramref name="now"/> (simulated): plans its steps
    /// (<see cref="InstanceStep"/>) and enters the first; the commands ask for the wake-up that ends it, and tell the
    /// load balancers and the scale set what changed. An operation that already reported and only settles (ungated
    /// upgrade modes) is superseded by the new one. <paramref name="profile"/> is the one the order names: its seed,
    /// step durations and faults drive the operation, and the instance refers to it from now on.
    /// </summary>
    /// <exception cref="InstanceBusyException">An operation on the instance has not reported yet: the caller must wait for its report.</exception>
    /// <exception cref="ArgumentException"><paramref name="profile"/> is not the one the order names.</exception>
    public static InstanceTransition Start(InstanceState state, UpgradeOrder order, InstanceProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Key != order.Profile)
        {
            throw new ArgumentException($"the order names profile {order.Profile}, not {profile.Key}", nameof(profile));
        }

        OperationAdmission.Admit(state, order);
        var commands = new List<InstanceCommand>();
        var opened = OperationPlan.Open(state, order, profile, now);
        return InstanceNotifications.Finalise(state, OperationSteps.Enter(opened, profile, now, commands), now, commands);
    }

    /// <summary>
    /// A simulated wake-up: with the current step's token, the step is over and the operation goes on; with a
    /// negative token, the scheduled random failure (<see cref="ArmRandomFault"/>) happens. Stale tokens are ignored.
    /// <paramref name="profile"/> is the instance's (<see cref="InstanceState.Profile"/>).
    /// </summary>
    public static InstanceTransition Wake(InstanceState state, long token, InstanceProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckProfile(state, profile);
        if (token < 0)
        {
            return InstanceFaults.RandomFault(state, token, now);
        }

        if (state.Active is null || state.WakeToken != token)
        {
            return new InstanceTransition(state, []);
        }

        var commands = new List<InstanceCommand>();
        return InstanceNotifications.Finalise(state, OperationSteps.Advance(state, profile, now, commands), now, commands);
    }

    /// <summary>An <c>unhealthy</c> fault starts (<paramref name="unhealthy"/>) or ends.</summary>
    public static InstanceTransition SetForcedUnhealthy(InstanceState state, bool unhealthy, DateTimeOffset now) =>
        InstanceFaults.SetForcedUnhealthy(state, unhealthy, now);

    /// <summary>Sets the protection policy (<c>protectFromScaleIn</c>, <c>protectFromScaleSetActions</c>).</summary>
    public static InstanceState SetProtection(InstanceState state, bool protectFromScaleIn, bool protectFromScaleSetActions)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state with { ProtectFromScaleIn = protectFromScaleIn, ProtectFromScaleSetActions = protectFromScaleSetActions };
    }

    /// <summary>
    /// Schedules the next random failure of an <c>unhealthyRate</c> fault: exponentially distributed, from
    /// the instance's own stream, at the rate of <paramref name="profile"/> (the instance's, <see cref="InstanceState.Profile"/>).
    /// Nothing is scheduled while the instance is already failed by a fault, nor before it is provisioned.
    /// </summary>
    public static InstanceTransition ArmRandomFault(InstanceState state, InstanceProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckProfile(state, profile);
        return InstanceFaults.ArmRandomFault(state, profile, now);
    }

    /// <summary>
    /// Where the order with serial <paramref name="orderSerial"/> stands on an instance in <paramref name="state"/> (null: it
    /// lost its state), when its scale set on a durable store checks on an order in flight (docs/durability.md):
    /// <see cref="OrderCheck.Lost"/> without a state, <see cref="OrderCheck.Missing"/> when it never started the order,
    /// <see cref="OrderCheck.Running"/> while the order is under way and unreported, else <see cref="OrderCheck.Reported"/>.
    /// </summary>
    public static OrderCheck CheckOrder(InstanceState? state, long orderSerial) => state switch
    {
        null => OrderCheck.Lost,
        { LastOrderSerial: var last } when last < orderSerial => OrderCheck.Missing,
        { Active.Reported: false } when state.LastOrderSerial == orderSerial => OrderCheck.Running,
        _ => OrderCheck.Reported,
    };

    private static void CheckProfile(InstanceState state, InstanceProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Key != state.Profile)
        {
            throw new ArgumentException($"instance '{state.InstanceId}' refers to profile {state.Profile}, not {profile.Key}", nameof(profile));
        }
    }
}
