using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Load;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>Tells the load balancers behind the scale set the target capacity it asks of them (docs/behaviour.md#target-capacity).</summary>
public sealed partial class ScaleSetGrain
{
    /// <summary>
    /// Sends the capacity <paramref name="current"/> asks (<see cref="InServiceCapacity.Target"/>: <c>sku.capacity</c> less
    /// the instances a scale-out is still creating) to each of its load balancers (backend pools and the probe's) and 0
    /// to those only <paramref name="previous"/> had; null stands for no model (before creation, after deletion). Load
    /// balancers call nobody back, so awaiting them forms no cycle and waits on no simulated time.
    /// </summary>
    private Task TellLoadBalancersAsync(ScaleSetModel? previous, ScaleSetModel? current)
    {
        var behind = current?.AllLoadBalancers ?? [];
        var capacity = current is null ? 0 : InServiceCapacity.Target(current.Capacity, S.ScaleOutsCreating);
        var gone = (previous?.AllLoadBalancers ?? []).Except(behind, StringComparer.Ordinal);
        return Task.WhenAll(behind.Select(lb => GrainFactory.GetGrain<ILoadBalancerGrain>(lb).SetTargetCapacityAsync(Name, capacity))
            .Concat(gone.Select(lb => GrainFactory.GetGrain<ILoadBalancerGrain>(lb).SetTargetCapacityAsync(Name, 0))));
    }

    /// <summary>An instance a scale-out created ended its provisioning (succeeded or failed): its capacity is now asked.</summary>
    private Task ScaleOutInstanceProvisionedAsync()
    {
        S.ScaleOutsCreating = Math.Max(0, S.ScaleOutsCreating - 1);
        return TellLoadBalancersAsync(Model, Model);
    }
}
