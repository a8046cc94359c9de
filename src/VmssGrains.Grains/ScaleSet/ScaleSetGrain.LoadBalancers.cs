using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Model;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>Tells the load balancers behind the scale set the target capacity it asks of them (docs/behaviour.md#target-capacity).</summary>
public sealed partial class ScaleSetGrain
{
    /// <summary>
    /// Sends <c>sku.capacity</c> of <paramref name="current"/> to each of its load balancers (backend pools and the
    /// probe's) and 0 to those only <paramref name="previous"/> had; null stands for no model (before creation, after
    /// deletion). Load balancers call nobody back, so awaiting them forms no cycle and waits on no simulated time.
    /// </summary>
    private Task TellLoadBalancersAsync(ScaleSetModel? previous, ScaleSetModel? current)
    {
        var behind = current?.AllLoadBalancers ?? [];
        var capacity = current?.Capacity ?? 0;
        var gone = (previous?.AllLoadBalancers ?? []).Except(behind, StringComparer.Ordinal);
        return Task.WhenAll(behind.Select(lb => GrainFactory.GetGrain<ILoadBalancerGrain>(lb).SetTargetCapacityAsync(Name, capacity))
            .Concat(gone.Select(lb => GrainFactory.GetGrain<ILoadBalancerGrain>(lb).SetTargetCapacityAsync(Name, 0))));
    }
}
