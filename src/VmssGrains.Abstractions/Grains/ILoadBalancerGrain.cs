using System.Collections.Immutable;
using Orleans.Concurrency;
using VmssGrains.Abstractions.Views;

namespace VmssGrains.Abstractions.Grains;

/// <summary>A load balancer (key = its name): backend pool, probe settings, in-service count and the traffic model.</summary>
[Alias("vmss.ILoadBalancerGrain")]
public interface ILoadBalancerGrain : IGrainWithStringKey
{
    /// <summary>Sets the probe and the offered load; a key breaking Azure's load balancer naming rule is <c>InvalidParameter</c> and changes nothing.</summary>
    [Alias("Configure")]
    Task ConfigureAsync(LoadBalancerConfig config);

    /// <summary>The probe and load settings. Read-only and interleaved (every call to a load balancer is synchronous).</summary>
    [ReadOnly, AlwaysInterleave, Alias("GetConfig")]
    Task<LoadBalancerConfig> GetConfigAsync();

    /// <summary>
    /// Registers, updates or (registered = false) removes one backend. One-way: the caller does not wait for the load
    /// balancer (which calls nobody back); the change acts at the caller's simulated time, and the virtual clock counts
    /// the call until it has been applied.
    /// </summary>
    [OneWay, Alias("UpdateBackend")]
    Task UpdateBackendAsync(string backend, bool registered, bool inPool, bool healthy);

    /// <summary>
    /// Applies several backend changes in one call, in order, all at the caller's simulated time: what
    /// <see cref="UpdateBackendAsync"/> does for each. One-way, counted by the virtual clock until applied, like it.
    /// A scale set registers the instances it creates with it, one call per load balancer instead of one per instance.
    /// </summary>
    [OneWay, Alias("UpdateBackends")]
    Task UpdateBackendsAsync(ImmutableArray<BackendUpdate> updates);

    /// <summary>
    /// Sets the <c>sku.capacity</c> a scale set behind this load balancer asks for (0 when it is deleted or no longer
    /// behind it); the target capacity is the sum over scale sets. Called by the scale set when it is created, scaled or
    /// updated and when it is deleted; the load balancer calls nobody back.
    /// </summary>
    /// <param name="scaleSet">The scale set's name.</param>
    /// <param name="capacity">Its <c>sku.capacity</c>, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative capacity.</exception>
    [Alias("SetTargetCapacity")]
    Task SetTargetCapacityAsync(string scaleSet, int capacity);

    /// <summary>
    /// Backends and traffic totals now (at the caller's time, <c>CallTime</c>). Read-only and interleaved; reading never
    /// moves the time later changes act at.
    /// </summary>
    [ReadOnly, AlwaysInterleave, Alias("GetStatus")]
    Task<LoadBalancerStatus> GetStatusAsync();
}
