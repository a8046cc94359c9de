using System.Collections.Immutable;
using System.Globalization;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.Planning;

/// <summary>
/// Makes the <see cref="BatchPlanListing"/> of a run as it starts (docs/planning.md#batch-listing). Every fact comes
/// from the code the engines decide with: the scope left after <see cref="RollingUpgradeMachine.StillPending"/>, the
/// pre-batch check <see cref="RollingUpgradeMachine.TooUnhealthyToStartBatch"/>, the batches of
/// <see cref="UpgradePlanner.PlanDecisions"/> and <see cref="RunState.Surges"/>; this class only puts them in words.
/// </summary>
public static class BatchPlanLister
{
    /// <summary>What every listing assumes (its first notes).</summary>
    public static readonly ImmutableArray<string> Assumptions =
    [
        "As the run starts: every instance stays as it is then and every upgrade succeeds (an upgraded instance counts as healthy).",
        "A real run chooses each batch when the one before it has ended, from the health the instances have then: faults change the batches.",
    ];

    /// <summary>The listing of <paramref name="run"/>, a run that has just started (its pending instances are its scope).</summary>
    /// <param name="run">The run as <see cref="RollingUpgradeMachine.Start"/> made it: kind, policy, gating, target, scope.</param>
    /// <param name="fleet">Every instance of the scale set by id, as the scale set knows it at that moment.</param>
    public static BatchPlanListing Of(RunState run, IReadOnlyDictionary<string, InstanceSummary> fleet)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(fleet);
        var scope = RollingUpgradeMachine.StillPending(run, fleet);
        var all = fleet.Values.ToList();
        var policy = run.Policy;
        var notes = ImmutableArray.CreateBuilder<string>();
        notes.AddRange(Assumptions);
        var decisions = ImmutableArray<BatchDecision>.Empty;
        var checksHealth = run.Gated && (!scope.IsEmpty || run.ChecksHealthWhenEmpty);
        if (checksHealth && RollingUpgradeMachine.TooUnhealthyToStartBatch(policy, all) is { } unhealthy)
        {
            notes.Add(Invariant($"No batch starts: {unhealthy.Count} of {all.Count} instances are unhealthy ({string.Join(", ", unhealthy)}), more than maxUnhealthyInstancePercent {policy.MaxUnhealthyInstancePercent} % of {all.Count} allows ({policy.UnhealthyLimit(all.Count)}); the run faults before its first batch."));
        }
        else
        {
            decisions = UpgradePlanner.PlanDecisions(all, scope, policy, run.Gated);
        }

        if (run.Gated && policy.PauseTimeBetweenBatches > TimeSpan.Zero && decisions.Length > 1)
        {
            notes.Add($"pauseTimeBetweenBatches {policy.PauseText}: a pause after every batch but the last.");
        }

        var zoned = all.Any(i => i.Zone is not null);
        var batches = decisions.Select((d, i) => new PlannedBatch(i + 1, ZoneOf(d, fleet), d.InstanceIds, Reasons(d, run, zoned))).ToImmutableArray();
        return new BatchPlanListing
        {
            ScaleSet = run.ScaleSet,
            RunKind = run.Kind.ToString(),
            BatchSize = run.Gated ? policy.BatchSize(all.Count) : scope.Count,
            BatchSizeRule = run.Gated ? SizeRule(policy, all.Count) : Invariant($"not batched: the {run.Kind} run takes every instance in scope at once ({scope.Count})"),
            ZoneOrder = [.. batches.SelectMany(b => b.InstanceIds).Select(id => fleet[id].Zone).OfType<string>().Distinct(StringComparer.Ordinal)],
            Batches = batches,
            Skipped = [.. all.Where(i => !scope.Contains(i.InstanceId)).OrderBy(i => i.InstanceId, InstanceOrder.Instance).Select(i => new SkippedInstance(i.InstanceId, SkipReason(run, i)))],
            Notes = notes.ToImmutable(),
        };
    }

    /// <summary>How the policy's batch size comes from N: e.g. "maxBatchInstancePercent 20 % of 7 instances = 1.4, rounded down: 1".</summary>
    public static string SizeRule(RollingUpgradePolicy policy, int instanceCount)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var percent = policy.MaxBatchInstancePercent;
        var exact = percent * (decimal)instanceCount / 100;
        var floor = percent * instanceCount / 100;
        var head = Invariant($"maxBatchInstancePercent {percent} % of {instanceCount} instances = {exact:0.##}");
        return exact == floor
            ? Invariant($"{head}: {policy.BatchSize(instanceCount)}")
            : floor == 0
                ? Invariant($"{head}, rounded down to 0, at least 1: {policy.BatchSize(instanceCount)}")
                : Invariant($"{head}, rounded down: {policy.BatchSize(instanceCount)}");
    }

    private static string? ZoneOf(BatchDecision decision, IReadOnlyDictionary<string, InstanceSummary> fleet)
    {
        // As the run records a batch: its zone when all its instances share one.
        var zones = decision.InstanceIds.Select(id => fleet[id].Zone).Distinct().ToList();
        return zones.Count == 1 ? zones[0] : null;
    }

    private static ImmutableArray<string> Reasons(BatchDecision d, RunState run, bool zoned)
    {
        var size = d.InstanceIds.Length;
        if (!d.Gated)
        {
            return [Invariant($"one batch of all {size} instance(s) in scope at once: the {run.Kind} run is not batched and not health-gated")];
        }

        var reasons = ImmutableArray.CreateBuilder<string>();
        var where = d.Zone is { } zone ? $" in zone {zone}" : "";
        reasons.Add(!zoned
            ? "regional scale set: instances in id order"
            : d.CrossZone
                ? "enableCrossZoneUpgrade: instances from every zone, in id order"
                : Invariant($"zone {d.Zone}: zones go one at a time, lowest first ({d.CandidateCount} instance(s) left{where})"));
        reasons.Add(d.ShrunkForHealth
            ? Invariant($"{size} instead of {d.SizeBeforeHealthLimit}: the {d.UnhealthyOutside} unhealthy instance(s) outside the batch plus the batch may not exceed maxUnhealthyInstancePercent {run.Policy.MaxUnhealthyInstancePercent} % of {d.FleetCount} ({d.UnhealthyLimit})")
            : d.CandidateCount < d.PolicySize
                ? Invariant($"{size}: all that is left{where} (the batch size is {d.PolicySize})")
                : Invariant($"{size}: the batch size"));
        if (!d.UnhealthyFirst.IsEmpty)
        {
            reasons.Add($"prioritizeUnhealthyInstances: unhealthy {string.Join(", ", d.UnhealthyFirst)} first");
        }

        if (run.Surges)
        {
            reasons.Add(Invariant($"maxSurge: {size} new instance(s) on the new model are created first; each old instance is deleted once its replacement is healthy, so capacity does not drop"));
        }

        return reasons.ToImmutable();
    }

    private static string SkipReason(RunState run, InstanceSummary instance)
    {
        if (instance.IsProtected)
        {
            return "protectFromScaleSetActions: upgrades leave it alone";
        }

        if (instance.ProvisioningState is "Deleting" or "Deleted")
        {
            return "being deleted";
        }

        if (instance.Busy)
        {
            return "busy with another operation";
        }

        return run.Kind switch
        {
            RunKind.OSUpgrade when run.TargetImage == instance.Image => $"already on the target image {instance.Image}",
            RunKind.RollingUpgrade or RunKind.Automatic or RunKind.ManualUpgrade when instance.ModelVersion == run.TargetModelVersion =>
                Invariant($"already on the latest model (version {instance.ModelVersion})"),
            RunKind.ManualUpgrade => "not named in update-instances",
            RunKind.Reimage or RunKind.ReimageAll => "not named in the reimage",
            _ => "not in the run's scope",
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
