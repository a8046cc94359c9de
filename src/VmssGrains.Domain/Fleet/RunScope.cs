using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.Fleet;

/// <summary>Which instances a run covers (docs/behaviour.md#run-scope).</summary>
public static class RunScope
{
    /// <summary>Stale instances (latestModelApplied false), minus protected ones: they stay stale and are not counted.</summary>
    public static ImmutableArray<string> Stale(IEnumerable<InstanceSummary> fleet, int modelVersion) =>
        Select(fleet, i => i.ModelVersion != modelVersion);

    /// <summary>Instances not on the target image, minus protected ones.</summary>
    public static ImmutableArray<string> NotOnImage(IEnumerable<InstanceSummary> fleet, ImageReference target) =>
        Select(fleet, i => i.Image != target);

    /// <summary>Every instance that is not protected.</summary>
    public static ImmutableArray<string> All(IEnumerable<InstanceSummary> fleet) => Select(fleet, _ => true);

    private static ImmutableArray<string> Select(IEnumerable<InstanceSummary> fleet, Func<InstanceSummary, bool> predicate) =>
        [.. fleet.Where(i => !i.IsProtected && i.ProvisioningState is not ("Deleting" or "Deleted") && predicate(i))
            .Select(i => i.InstanceId)
            .Order(InstanceOrder.Instance)];
}
