using System.Globalization;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// The scenario's fault rules on one instance: image defects (<c>unhealthyAfterUpgrade</c>), allocation failures,
/// extension failures (rules, outages of the script source, non-idempotent scripts), the <c>unhealthy</c> fault and
/// the random <c>unhealthyRate</c> fault. Every draw comes from the instance's own streams.
/// </summary>
internal static class InstanceFaults
{
    /// <summary>
    /// Whether the order's target image leaves this instance unhealthy: named, or drawn with the rule's probability
    /// (from the instance's stream), or the version is bad in this run (<c>badImage</c>, drawn once per
    /// <paramref name="seed"/> and version: <see cref="BadImageFault.IsBad"/>; it takes nothing from the instance's stream).
    /// </summary>
    public static SeededRandom DecideImageDefect(UpgradeOrder order, FaultRules faults, long seed, string instanceId, SeededRandom random, out bool defect)
    {
        defect = faults.BadImages.Any(b => b.Matches(order.TargetImage.Version, order.TargetImage.ToString()) && b.IsBad(seed));
        foreach (var fault in faults.UnhealthyAfterUpgrade)
        {
            if (fault.ImageVersion != order.TargetImage.Version && fault.ImageVersion != order.TargetImage.ToString())
            {
                continue;
            }

            if (fault.InstanceIds.Contains(instanceId))
            {
                defect = true;
            }

            if (fault.Probability > 0)
            {
                random = random.NextDouble(out var u);
                defect |= u < fault.Probability;
            }
        }

        return random;
    }

    /// <summary>Whether a new VM finds no capacity (<c>AllocationFailed</c>), drawn with the rule's probability.</summary>
    public static SeededRandom DecideAllocationFailure(FaultRules faults, SeededRandom random, out InstanceFailure? failure)
    {
        failure = null;
        if (faults.AllocationFailureProbability > 0)
        {
            random = random.NextDouble(out var u);
            if (u < faults.AllocationFailureProbability)
            {
                failure = new InstanceFailure("AllocationFailed", "Allocation failed. We do not have sufficient capacity for the requested VM size in this region.");
            }
        }

        return random;
    }

    /// <summary>
    /// Whether <paramref name="extension"/> fails as it starts at <paramref name="now"/> (<c>VMExtensionProvisioningError</c>):
    /// its script source is out, a non-idempotent script finds its own earlier work on the data disk, or a rule names
    /// the instance or its draw fails (the extension's and the rules' highest probability; one draw when above 0).
    /// </summary>
    public static SeededRandom DecideExtensionFailure(InstanceState state, ExtensionSpec extension, FaultRules faults, DateTimeOffset now, SeededRandom random, out InstanceFailure? failure)
    {
        failure = null;
        var probability = extension.FailureProbability;
        var named = false;
        foreach (var rule in faults.ExtensionFailures.Where(r => string.Equals(r.Extension, extension.Name, StringComparison.OrdinalIgnoreCase)))
        {
            named |= rule.InstanceIds.Contains(state.InstanceId);
            probability = Math.Max(probability, rule.Probability);
        }

        var drawn = false;
        if (probability > 0)
        {
            random = random.NextDouble(out var u);
            drawn = u < probability;
        }

        var outage = faults.Outages.FirstOrDefault(o => string.Equals(o.Extension, extension.Name, StringComparison.OrdinalIgnoreCase) && now >= o.From && now < o.To);
        var nonIdempotent = !extension.Idempotent || faults.NonIdempotentExtensions.Contains(extension.Name, StringComparer.OrdinalIgnoreCase);
        var marker = InstanceMachine.DataDiskFile(extension.Name);
        var reason = outage is not null ? $"Enable failed: could not download the script from {extension.ScriptSource ?? "its source"}: the source is unreachable"
            : nonIdempotent && state.DataDisk.Files.Contains(marker) ? $"Enable failed: the script is not idempotent and found its own earlier work on the data disk ({marker})"
            : named || drawn ? "Enable failed: the script exited with code 1"
            : null;
        if (reason is not null)
        {
            failure = new InstanceFailure(
                "VMExtensionProvisioningError",
                $"VM has reported a failure when processing extension '{extension.Name}'. Error message: \"{reason}\".");
        }

        return random;
    }

    /// <summary>An <c>unhealthy</c> fault starts or ends; outside an operation the health follows at once.</summary>
    public static InstanceTransition SetForcedUnhealthy(InstanceState state, bool unhealthy, DateTimeOffset now)
    {
        var before = state;
        state = state with { ForcedUnhealthy = unhealthy };
        if (state.Active is null && state.ProvisioningState != "Deleted")
        {
            state = state with { Health = state.IsTrulyHealthy ? HealthState.Healthy : HealthState.Unhealthy };
        }

        return InstanceNotifications.Finalise(before, state, now, []);
    }

    /// <summary>
    /// Schedules the next random failure of an <c>unhealthyRate</c> fault: exponentially distributed (rate per
    /// instance-hour; at least 1 s, at most 3650 days of simulated time), from the stream of the instance's draw
    /// number; the rate and the seed are <paramref name="profile"/>'s. Nothing is scheduled without a rate, while one is
    /// scheduled, while the instance is failed by a fault, before it is provisioned, or while it is deleted.
    /// </summary>
    public static InstanceTransition ArmRandomFault(InstanceState state, InstanceProfile profile, DateTimeOffset now)
    {
        var rate = profile.Faults.UnhealthyPerInstanceHour;
        if (rate <= 0 || state.RandomFaultArmed || state.ForcedUnhealthy || state.ProvisioningState is "Creating" or "Deleting" or "Deleted")
        {
            return new InstanceTransition(state, []);
        }

        var draw = state.RandomFaults + 1;
        SeededRandom.For(profile.Seed, state.ScaleSet, state.InstanceId, "unhealthyRate", draw.ToString(CultureInfo.InvariantCulture)).NextDouble(out var u);
        var hours = -Math.Log(1 - u) / rate;
        var delay = TimeSpan.FromSeconds(Math.Max(1, Math.Round(Math.Min(hours * 3600, TimeSpan.FromDays(3650).TotalSeconds))));
        return new InstanceTransition(state with { RandomFaults = draw, RandomFaultArmed = true }, [new WakeInstanceAfter(delay, -draw)]);
    }

    /// <summary>The scheduled random failure (wake-up token −draw) happens; a stale one is ignored.</summary>
    public static InstanceTransition RandomFault(InstanceState state, long token, DateTimeOffset now) =>
        !state.RandomFaultArmed || token != -state.RandomFaults
            ? new InstanceTransition(state, [])
            : SetForcedUnhealthy(state with { RandomFaultArmed = false }, true, now);
}
