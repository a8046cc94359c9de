using System.Collections.Immutable;
using VmssGrains.Domain.Instances;

namespace VmssGrains.Domain.Rolling;

/// <summary>
/// The instance of a batch whose operation ended last (on a tie, the lowest id): the batch's span is its span
/// (docs/report.md#time-breakdown). The scale set keeps one per batch, not one per instance.
/// </summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="End">When the run learnt that its operation ended (simulated).</param>
/// <param name="Steps">The steps of the operation as the instance reported them, in order.</param>
[GenerateSerializer, Immutable, Alias("vmss.CriticalInstance")]
public sealed record CriticalInstance(
    [property: Id(0)] string InstanceId,
    [property: Id(1)] DateTimeOffset End,
    [property: Id(2)] ImmutableArray<StepRecord> Steps)
{
    /// <summary>True when an instance that ended at <paramref name="end"/> replaces <paramref name="current"/> as the critical one.</summary>
    public static bool Replaces(CriticalInstance? current, string instanceId, DateTimeOffset end) =>
        current is null || end > current.End || (end == current.End && InstanceOrder.Instance.Compare(instanceId, current.InstanceId) < 0);
}
