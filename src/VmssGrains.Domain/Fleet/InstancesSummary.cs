using System.Collections.Immutable;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Fleet;

/// <summary>
/// One scale set's instances in a few numbers, from the scale set's own view of them (no instance is asked): the
/// report's <c>scaleSets[].instancesSummary</c> (docs/report.md).
/// </summary>
public sealed record InstancesSummary
{
    /// <summary>The instances.</summary>
    public int InstanceCount { get; init; }

    /// <summary>The instances on the scale set's model version (<c>latestModelApplied: true</c>).</summary>
    public int LatestModelAppliedCount { get; init; }

    /// <summary>The instances by provisioning state, then by health, as <see cref="StatusesSummary"/> counts them.</summary>
    public ImmutableArray<StatusCount> Statuses { get; init; } = [];

    /// <summary>The failed instances (<see cref="FailedInstances.IsFailed"/>), in id order.</summary>
    public ImmutableArray<string> FailedInstanceIds { get; init; } = [];

    /// <summary>The summary of <paramref name="instances"/> (in id order) of a scale set at <paramref name="modelVersion"/>.</summary>
    public static InstancesSummary Of(IReadOnlyCollection<InstanceSummary> instances, int modelVersion)
    {
        ArgumentNullException.ThrowIfNull(instances);
        return new InstancesSummary
        {
            InstanceCount = instances.Count,
            LatestModelAppliedCount = instances.Count(i => i.ModelVersion == modelVersion),
            Statuses = StatusesSummary(instances),
            FailedInstanceIds = [.. instances.Where(FailedInstances.IsFailed).Select(i => i.InstanceId)],
        };
    }

    /// <summary>
    /// Azure's <c>virtualMachine.statusesSummary</c> of a scale set's instance view: one code per provisioning state
    /// present (<c>ProvisioningState/succeeded</c>, ...), then one per health present (<c>HealthState/healthy</c>, ...),
    /// each group in ordinal order of its codes; states no instance has are left out, as Azure leaves them out.
    /// </summary>
    public static ImmutableArray<StatusCount> StatusesSummary(IEnumerable<InstanceSummary> instances)
    {
        var list = instances as IReadOnlyCollection<InstanceSummary> ?? [.. instances];
        static IEnumerable<StatusCount> Counts(IEnumerable<string> codes) =>
            codes.GroupBy(c => c, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new StatusCount(g.Key, g.Count()));
        return
        [
            .. Counts(list.Select(i => $"ProvisioningState/{i.ProvisioningState.ToLowerInvariant()}")),
            .. Counts(list.Select(i => $"HealthState/{i.Health.ToString().ToLowerInvariant()}")),
        ];
    }
}
