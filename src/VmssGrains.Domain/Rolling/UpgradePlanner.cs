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
        bool gated)
    {
        if (pending.Count == 0)
        {
            return [];
        }

        if (!gated)
        {
            return [.. pending.Select(i => i.InstanceId).Order(InstanceOrder.Instance)];
        }

        var candidates = Candidates(pending, policy);
        var n = fleet.Count;
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

        return [.. candidates.Take(size).Select(i => i.InstanceId)];
    }

    /// <summary>
    /// The whole plan, assuming health stays as it is and every upgrade succeeds: what a dry run shows,
    /// and what the property tests check.
    /// </summary>
    public static ImmutableArray<ImmutableArray<string>> Plan(
        IReadOnlyCollection<InstanceSummary> fleet,
        IReadOnlyCollection<string> scope,
        RollingUpgradePolicy policy,
        bool gated = true)
    {
        var byId = fleet.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        var pending = new HashSet<string>(scope, StringComparer.Ordinal);
        var batches = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        while (pending.Count > 0)
        {
            var batch = NextBatch([.. pending.Select(id => byId[id])], byId.Values, policy, gated);
            batches.Add(batch);
            foreach (var id in batch)
            {
                pending.Remove(id);
                byId[id] = byId[id] with { Health = HealthState.Healthy };
            }
        }

        return batches.ToImmutable();
    }

    /// <summary>Candidates of the next batch in upgrade order: the current zone only unless cross-zone.</summary>
    private static List<InstanceSummary> Candidates(IReadOnlyCollection<InstanceSummary> pending, RollingUpgradePolicy policy)
    {
        IEnumerable<InstanceSummary> pool = pending;
        if (!policy.EnableCrossZoneUpgrade)
        {
            var zone = pending.Select(i => i.Zone).Distinct().Order(Comparer<string?>.Create(InstanceOrder.CompareZones)).First();
            pool = pending.Where(i => i.Zone == zone);
        }

        var ordered = policy.PrioritizeUnhealthyInstances
            ? pool.OrderBy(i => i.IsUnhealthy ? 0 : 1).ThenBy(i => i.InstanceId, InstanceOrder.Instance)
            : pool.OrderBy(i => i.InstanceId, InstanceOrder.Instance);
        return [.. ordered];
    }
}
