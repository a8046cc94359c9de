using System.Collections.Immutable;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Rolling;

/// <summary>
/// Chooses rolling-upgrade batches (docs/behaviour.md#batch-sizing-and-zones): size floor(pct × N / 100) but at least one; one zone at a
/// time in ascending order unless cross-zone; unhealthy first when prioritised; made smaller so that the
/// unhealthy instances outside the batch plus the batch stay within maxUnhealthyInstancePercent.
/// </summary>
public static class UpgradePlanner
{
    /// <summary>The next batch from <paramref name="pending"/>, or empty when nothing is pending.</summary>
    /// <param name="pending">Instances still to upgrade in this run.</param>
    /// <param name="fleet">Every instance of the scale set (N), for the unhealthy count.</param>
    /// <param name="policy">The rolling policy.</param>
    /// <param name="gated">False for Automatic and manual runs: one batch of everything, no health limits.</param>
    public static ImmutableArray<string> NextBatch(
        IReadOnlyCollection<InstanceSummary> pending,
        IReadOnlyCollection<InstanceSummary> fleet,
        RollingUpgradePolicy policy,
        bool gated) => Decide(pending, fleet, policy, gated).InstanceIds;

    /// <summary>
    /// The next batch and the facts it was chosen on (<see cref="BatchDecision"/>): the one decision the engines act on
    /// (through <see cref="NextBatch"/>) and the batch listing explains.
    /// </summary>
    /// <inheritdoc cref="NextBatch" path="/param"/>
    public static BatchDecision Decide(
        IReadOnlyCollection<InstanceSummary> pending,
        IReadOnlyCollection<InstanceSummary> fleet,
        RollingUpgradePolicy policy,
        bool gated)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(policy);
        var n = fleet.Count;
        if (pending.Count == 0 || !gated)
        {
            ImmutableArray<string> all = [.. pending.Select(i => i.InstanceId).Order(InstanceOrder.Instance)];
            return new BatchDecision(all, gated, n, all.Length, all.Length, true, null, [], n, 0);
        }

        var (candidates, zone) = Candidates(pending, policy);
        var size = Math.Min(policy.BatchSize(n), candidates.Count);
        var limit = policy.UnhealthyLimit(n);
        var unhealthyTotal = fleet.Count(i => i.IsUnhealthy);
        var unhealthyInBatch = candidates.Take(size).Count(i => i.IsUnhealthy);
        while (size > 1 && (unhealthyTotal - unhealthyInBatch) + size > limit)
        {
            size--;
            if (candidates[size].IsUnhealthy)
            {
                unhealthyInBatch--;
            }
        }

        var batch = candidates.Take(size).ToList();
        ImmutableArray<string> first = policy.PrioritizeUnhealthyInstances ? [.. batch.Where(i => i.IsUnhealthy).Select(i => i.InstanceId)] : [];
        return new BatchDecision(
            [.. batch.Select(i => i.InstanceId)],
            true,
            n,
            policy.BatchSize(n),
            candidates.Count,
            policy.EnableCrossZoneUpgrade,
            zone,
            first,
            limit,
            unhealthyTotal - unhealthyInBatch);
    }

    /// <summary>
    /// The whole plan, assuming health stays as it is and every upgrade succeeds: what a dry run shows,
    /// and what the property tests check.
    /// </summary>
    public static ImmutableArray<ImmutableArray<string>> Plan(
        IReadOnlyCollection<InstanceSummary> fleet,
        IReadOnlyCollection<string> scope,
        RollingUpgradePolicy policy,
        bool gated = true) =>
        [.. PlanDecisions(fleet, scope, policy, gated).Select(d => d.InstanceIds)];

    /// <summary>
    /// <see cref="Plan"/> with the facts of every batch: <see cref="Decide"/> taken again after each batch, on the
    /// fleet in which the batch's instances have been upgraded and are healthy and every other instance is unchanged.
    /// </summary>
    public static ImmutableArray<BatchDecision> PlanDecisions(
        IReadOnlyCollection<InstanceSummary> fleet,
        IReadOnlyCollection<string> scope,
        RollingUpgradePolicy policy,
        bool gated = true)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(scope);
        var byId = fleet.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        var pending = new HashSet<string>(scope, StringComparer.Ordinal);
        var batches = ImmutableArray.CreateBuilder<BatchDecision>();
        while (pending.Count > 0)
        {
            var decision = Decide([.. pending.Select(id => byId[id])], byId.Values, policy, gated);
            batches.Add(decision);
            foreach (var id in decision.InstanceIds)
            {
                pending.Remove(id);
                byId[id] = byId[id] with { Health = HealthState.Healthy };
            }
        }

        return batches.ToImmutable();
    }

    /// <summary>Candidates of the next batch in upgrade order: the current zone only unless cross-zone.</summary>
    private static (List<InstanceSummary> Candidates, string? Zone) Candidates(IReadOnlyCollection<InstanceSummary> pending, RollingUpgradePolicy policy)
    {
        IEnumerable<InstanceSummary> pool = pending;
        string? zone = null;
        if (!policy.EnableCrossZoneUpgrade)
        {
            zone = pending.Select(i => i.Zone).Distinct().Order(Comparer<string?>.Create(InstanceOrder.CompareZones)).First();
            pool = pending.Where(i => i.Zone == zone);
        }

        var ordered = policy.PrioritizeUnhealthyInstances
            ? pool.OrderBy(i => i.IsUnhealthy ? 0 : 1).ThenBy(i => i.InstanceId, InstanceOrder.Instance)
            : pool.OrderBy(i => i.InstanceId, InstanceOrder.Instance);
        return ([.. ordered], zone);
    }
}
