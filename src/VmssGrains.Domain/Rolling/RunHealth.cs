using System.Collections.Immutable;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Rolling;

/// <summary>The two health measures a rolling run is judged by, against their policy limits (for dashboards).</summary>
/// <param name="UnhealthyPercent">Unhealthy instances over all instances, in percent (the pre-batch check).</param>
/// <param name="UnhealthyLimitPercent"><c>maxUnhealthyInstancePercent</c>.</param>
/// <param name="UpgradedUnhealthyPercent">Unhealthy upgraded instances over the instances upgraded so far, in percent (the post-batch check).</param>
/// <param name="UpgradedUnhealthyLimitPercent"><c>maxUnhealthyUpgradedInstancePercent</c>.</param>
public readonly record struct RunHealth(double UnhealthyPercent, int UnhealthyLimitPercent, double UpgradedUnhealthyPercent, int UpgradedUnhealthyLimitPercent)
{
    /// <summary>Measures a run against the fleet as the scale set knows it.</summary>
    public static RunHealth Measure(RunState run, IReadOnlyDictionary<string, InstanceSummary> fleet)
    {
        var unhealthy = CountUnhealthy(fleet);
        var upgraded = run.Succeeded.Count + run.Failed.Count;
        var upgradedUnhealthy = run.Failed.Count + run.Succeeded.Count(id => fleet.TryGetValue(id, out var i) && i.IsUnhealthy);
        var denominator = run.UpgradedOverAll ? fleet.Count : upgraded;
        return new RunHealth(
            fleet.Count == 0 ? 0 : unhealthy * 100.0 / fleet.Count,
            run.Policy.MaxUnhealthyInstancePercent,
            denominator == 0 ? 0 : upgradedUnhealthy * 100.0 / denominator,
            run.Policy.MaxUnhealthyUpgradedInstancePercent);
    }

    /// <summary>The unhealthy instances of the fleet; a scale set's own dictionary is walked without the interface's iterator.</summary>
    private static int CountUnhealthy(IReadOnlyDictionary<string, InstanceSummary> fleet)
    {
        var unhealthy = 0;
        if (fleet is ImmutableDictionary<string, InstanceSummary> instances)
        {
            foreach (var (_, instance) in instances)
            {
                unhealthy += instance.IsUnhealthy ? 1 : 0;
            }

            return unhealthy;
        }

        foreach (var instance in fleet.Values)
        {
            unhealthy += instance.IsUnhealthy ? 1 : 0;
        }

        return unhealthy;
    }
}
