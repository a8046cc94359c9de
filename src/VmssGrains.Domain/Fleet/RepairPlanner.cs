using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.Fleet;

/// <summary>
/// Automatic repairs (<c>automaticRepairsPolicy</c>): an instance unhealthy for longer than the grace period is
/// repaired, at most 5 % of the instances at a time (one at a time below 20 instances), and at most
/// <see cref="MaxAttempts"/> times while it stays unhealthy. Repairs act on health only: an instance with either
/// protection policy, and an instance whose provisioning failed (an extension error, provisioning state
/// <c>Failed</c>), is left alone.
/// </summary>
public static class RepairPlanner
{
    /// <summary>Repairs of one instance before the platform gives up on it (until it is healthy again).</summary>
    public const int MaxAttempts = 5;

    /// <summary>How many repairs may run at once.</summary>
    public static int Concurrency(int instanceCount) => instanceCount < 20 ? 1 : Math.Max(1, instanceCount * 5 / 100);

    /// <summary>The instances to repair now, oldest failure first.</summary>
    /// <param name="fleet">Every instance; the pacing counts those not being deleted.</param>
    /// <param name="policy">The policy.</param>
    /// <param name="repairing">Instances being repaired now.</param>
    /// <param name="attempts">Repairs so far per instance while it stays unhealthy.</param>
    /// <param name="now">Simulated time.</param>
    public static ImmutableArray<string> Due(
        IReadOnlyCollection<InstanceSummary> fleet,
        AutomaticRepairsPolicy policy,
        IReadOnlyCollection<string> repairing,
        IReadOnlyDictionary<string, int> attempts,
        DateTimeOffset now)
    {
        if (!policy.Enabled)
        {
            return [];
        }

        // The scale set's instances: an instance being deleted (the one a Replace repair replaces) no longer counts.
        var room = Concurrency(fleet.Count(i => i.ProvisioningState != "Deleting")) - repairing.Count;
        if (room <= 0)
        {
            return [];
        }

        return [.. Candidates(fleet, repairing, attempts)
            .Where(i => DueAt(i, policy) <= now)
            .OrderBy(i => DueAt(i, policy))
            .ThenBy(i => i.InstanceId, InstanceOrder.Instance)
            .Take(room)
            .Select(i => i.InstanceId)];
    }

    /// <summary>When the next instance becomes due, if any is waiting out its grace period.</summary>
    public static DateTimeOffset? NextDue(
        IReadOnlyCollection<InstanceSummary> fleet,
        AutomaticRepairsPolicy policy,
        IReadOnlyCollection<string> repairing,
        IReadOnlyDictionary<string, int> attempts,
        DateTimeOffset now)
    {
        if (!policy.Enabled)
        {
            return null;
        }

        var next = Candidates(fleet, repairing, attempts)
            .Select(i => DueAt(i, policy))
            .Where(t => t > now)
            .DefaultIfEmpty(DateTimeOffset.MaxValue)
            .Min();
        return next == DateTimeOffset.MaxValue ? null : next;
    }

    /// <summary>
    /// The grace period runs from when the instance became unhealthy, or from the end of its last operation
    /// (a state change) if that came later.
    /// </summary>
    private static DateTimeOffset DueAt(InstanceSummary instance, AutomaticRepairsPolicy policy)
    {
        var since = instance.UnhealthySince!.Value;
        if (instance.LastOperationEnd is { } end && end > since)
        {
            since = end;
        }

        return since + policy.GracePeriod;
    }

    private static IEnumerable<InstanceSummary> Candidates(IReadOnlyCollection<InstanceSummary> fleet, IReadOnlyCollection<string> repairing, IReadOnlyDictionary<string, int> attempts) =>
        fleet.Where(i => i.IsUnhealthy && i.UnhealthySince is not null && !i.Busy && !i.Settling && !i.HasProtectionPolicy
            && i.ProvisioningState is not ("Deleting" or "Deleted" or "Creating" or "Failed")
            && !repairing.Contains(i.InstanceId)
            && attempts.GetValueOrDefault(i.InstanceId) < MaxAttempts);
}
