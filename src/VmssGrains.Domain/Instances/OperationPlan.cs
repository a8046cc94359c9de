using System.Collections.Immutable;
using System.Globalization;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// What an order does to an instance before its first step: whether it replaces the OS disk, which extensions it
/// runs, its steps (each <see cref="StepDefinition"/> says how often it runs), its random stream, and — without a
/// new disk — the model it applies at once.
/// </summary>
internal static class OperationPlan
{
    /// <summary>
    /// Opens the operation of <paramref name="order"/> on <paramref name="state"/>: the next operation serial and its
    /// stream (the <paramref name="profile"/>'s seed, scale set, instance id, serial), the image defect decided from that stream, the provisioning state
    /// (Creating, Deleting, Updating). No step has begun.
    /// </summary>
    public static InstanceState Open(InstanceState state, UpgradeOrder order, InstanceProfile profile, DateTimeOffset now)
    {
        var serial = state.OperationSerial + 1;
        var random = SeededRandom.For(profile.Seed, state.ScaleSet, state.InstanceId, serial.ToString(CultureInfo.InvariantCulture));
        var replacesDisk = ReplacesDisk(state, order);
        var extensions = ExtensionsToRun(state, order, replacesDisk);
        var plan = Steps(new PlanFacts(state, order, replacesDisk, extensions.Length, Rollback: false));

        // Decide now, from this operation's stream, whether the new image leaves this instance unhealthy.
        var defect = false;
        if (replacesDisk || order.Kind == OperationKind.Provision)
        {
            random = InstanceFaults.DecideImageDefect(order, profile.Faults, profile.Seed, state.InstanceId, random, out defect);
        }

        state = state with
        {
            Profile = order.Profile,
            OperationSerial = serial,
            LastOrderSerial = order.Serial,
            ProvisioningState = order.Kind switch
            {
                OperationKind.Provision => "Creating",
                OperationKind.Delete => "Deleting",
                _ => "Updating",
            },
            LastError = null,
            Active = new ActiveOperation
            {
                Order = order,
                Plan = plan,
                ExtensionsToRun = extensions,
                Random = random,
                StartedAt = now,
                NewImageDefect = defect,
            },
        };

        // Without a new disk the model applies at once; the changed extensions then run on it.
        return !replacesDisk && order.Kind is OperationKind.Upgrade or OperationKind.Extensions ? ApplyModel(state, order) : state;
    }

    /// <summary>The steps of an operation with these facts: each definition's step, as often as it says, in <see cref="InstanceSteps.All"/>'s order.</summary>
    public static ImmutableArray<InstanceStep> Steps(PlanFacts facts)
    {
        var plan = ImmutableArray.CreateBuilder<InstanceStep>();
        foreach (var definition in InstanceSteps.All)
        {
            plan.AddRange(Enumerable.Repeat(definition.Step, definition.Repeats(facts)));
        }

        return plan.ToImmutable();
    }

    /// <summary>Reimage and reimage-all replace the OS disk; so does an upgrade to another image.</summary>
    public static bool ReplacesDisk(InstanceState state, UpgradeOrder order) =>
        order.Kind is OperationKind.Reimage or OperationKind.ReimageAll
        || (order.Kind == OperationKind.Upgrade && state.Image != order.TargetImage);

    /// <summary>
    /// The extensions an operation runs, in order: none for restart and delete; all on a new disk, a new VM, or when
    /// the order re-runs them all; otherwise (an app-only change) those whose definition or forceUpdateTag changed,
    /// or that did not succeed.
    /// </summary>
    public static ImmutableArray<ExtensionSpec> ExtensionsToRun(InstanceState state, UpgradeOrder order, bool replacesDisk)
    {
        if (order.Kind is OperationKind.Restart or OperationKind.Delete)
        {
            return [];
        }

        if (replacesDisk || order.Kind == OperationKind.Provision || order.RerunAllExtensions)
        {
            return order.Extensions;
        }

        var applied = state.Extensions.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
        return [.. order.Extensions.Where(e =>
            !applied.TryGetValue(e.Name, out var status)
            || status.Fingerprint != e.Fingerprint
            || status.ForceUpdateTag != e.ForceUpdateTag
            || status.ProvisioningState != "Succeeded")];
    }

    /// <summary>The order's model version applies; extensions the model no longer has are gone.</summary>
    public static InstanceState ApplyModel(InstanceState state, UpgradeOrder order)
    {
        var names = order.Extensions.Select(e => e.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return state with
        {
            PreviousModelVersion = state.ModelVersion,
            ModelVersion = order.TargetModelVersion,
            Extensions = [.. state.Extensions.Where(e => names.Contains(e.Name))],
        };
    }
}
