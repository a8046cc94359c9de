namespace VmssGrains.Domain.Load;

/// <summary>
/// The capacity rule (docs/behaviour.md#target-capacity): in-service backends count relative to the target capacity of a
/// load balancer (the sum of <c>sku.capacity</c> of the scale sets behind it), never to the backends registered at the
/// moment, so surge instances, instances being deleted and repairs add backends without adding target.
/// </summary>
/// <remarks>
/// Our reading where Azure says nothing: a scale-out asks its new capacity of the load balancer once the new instances'
/// provisioning has ended — succeeded or failed —, so instances that are still being created are not capacity lost,
/// and instances that failed to come up are; a scale-in or a deletion asks less at once. The percentage is capped at
/// 100 (more backends than the target in service, as during a maxSurge batch, is full capacity, not more), and a load
/// balancer without target (no scale set behind it yet, or all scaled to 0) is at 100 %: nothing is asked of it.
/// </remarks>
public static class InServiceCapacity
{
    /// <summary>
    /// The capacity a scale set asks of its load balancers: its <c>sku.capacity</c> less the instances a scale-out is
    /// still creating; never negative. Counts of instances.
    /// </summary>
    /// <param name="skuCapacity">The scale set's <c>sku.capacity</c>.</param>
    /// <param name="beingCreated">Instances a scale-out has started to create whose provisioning has not ended.</param>
    public static int Target(int skuCapacity, int beingCreated) => Math.Max(0, skuCapacity - Math.Max(0, beingCreated));

    /// <summary>In-service backends in percent of the target, at most 100; 100 when the target is 0.</summary>
    public static double Percent(int inService, int target) =>
        target <= 0 ? 100 : Math.Min(100, inService * 100.0 / target);
}
