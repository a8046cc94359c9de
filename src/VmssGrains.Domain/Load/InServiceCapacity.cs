namespace VmssGrains.Domain.Load;

/// <summary>
/// The capacity rule (docs/behaviour.md#target-capacity): in-service backends count relative to the target capacity of a load balancer
/// (the sum of <c>sku.capacity</c> of the scale sets behind it), never to the backends registered at the moment,
/// so surge instances, instances being created or deleted and repairs add backends without adding target.
/// </summary>
/// <remarks>
/// Our reading where Azure says nothing: a rise of the target (scale-out, a larger <c>sku.capacity</c>, a new scale
/// set) is counted only as far as the in-service count reaches it, because a figure of capacity loss should not fall
/// when capacity is being added; a fall (scale-in, deletion) counts at once. The percentage is capped at 100 (more
/// backends than the target in service, as during a maxSurge batch, is full capacity, not more), and a load balancer
/// without target (no scale set behind it yet, or all scaled to 0) is at 100 %: nothing is asked of it.
/// </remarks>
public static class InServiceCapacity
{
    /// <summary>
    /// The target capacity a percentage is relative to after a change: <paramref name="target"/> when it is not above
    /// the one counted so far, else the counted one raised as far as <paramref name="inService"/> reaches, never above
    /// <paramref name="target"/>. Counts of instances; never negative.
    /// </summary>
    /// <param name="counted">The target counted until now.</param>
    /// <param name="target">The target capacity now (sum of <c>sku.capacity</c>).</param>
    /// <param name="inService">Backends in the pool and healthy now.</param>
    public static int CountedTarget(int counted, int target, int inService) =>
        Math.Max(0, Math.Min(target, Math.Max(counted, inService)));

    /// <summary>In-service backends in percent of the counted target, at most 100; 100 when the counted target is 0.</summary>
    public static double Percent(int inService, int countedTarget) =>
        countedTarget <= 0 ? 100 : Math.Min(100, inService * 100.0 / countedTarget);
}
