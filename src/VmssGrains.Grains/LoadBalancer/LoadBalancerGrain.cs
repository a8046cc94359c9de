using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Load;
using VmssGrains.Domain.Naming;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Grains.LoadBalancer;

/// <summary>
/// A load balancer: a shell around <see cref="BackendPool"/> (which backends are in its pool and healthy, the target
/// capacity the scale sets behind it ask for, and the traffic the backends serve). It only receives calls and
/// never calls back, so instances and scale sets may await it. Spread over silos by hash, as scale sets and instances are.
/// </summary>
[HashBasedPlacement]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class LoadBalancerGrain(
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    [PersistentState("loadBalancer", StorageNames.Grains)] IPersistentState<LoadBalancerGrainState> stored,
    GrainStore store) : Grain, ILoadBalancerGrain
{
    private readonly BackendPool pool = new();
    private LoadBalancerConfig config = new();
    private long acted;

    /// <summary>The time a change acts at: its caller's (<see cref="CallTime"/>).</summary>
    private DateTimeOffset Now => CallTime.Acting(clock, ref acted);

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Read by the metrics collection thread: the meter is an immutable snapshot, the counts single reads.
        var name = this.GetPrimaryKeyString();
        ObservedLoadBalancers.Add(name, () => (pool.Meter.Closed(clock.GetUtcNow()), pool.Backends, pool.InPool, pool.InService));
        if (store.Durable && stored.State.Config is { } kept)
        {
            // Active again after its silo died: the configuration and targets come back; backends register as instances report.
            Apply(kept);
            foreach (var (scaleSet, capacity) in stored.State.Targets)
            {
                pool.SetTarget(scaleSet, capacity, Now);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ObservedLoadBalancers.Remove(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ConfigureAsync(LoadBalancerConfig config)
    {
        AzureNames.Require(NameKind.LoadBalancer, this.GetPrimaryKeyString());

        Apply(config);
        if (store.Durable)
        {
            stored.State.Config = config;
            return stored.WriteStateAsync();
        }

        return Task.CompletedTask;
    }

    private void Apply(LoadBalancerConfig config)
    {
        this.config = config;
        pool.Configure(config.RequestsPerSecond, config.CapacityPerInstance, Now);
        pool.Configure(config.OfferedLoadCurve, config.WarmUp, config.MaxQueueSeconds, config.Origin, Now);
    }

    /// <inheritdoc/>
    public Task<LoadBalancerConfig> GetConfigAsync() => Task.FromResult(config);

    /// <inheritdoc/>
    public Task UpdateBackendAsync(string backend, bool registered, bool inPool, bool healthy)
    {
        pool.Update(backend, registered, inPool, healthy, Now);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task UpdateBackendsAsync(ImmutableArray<BackendUpdate> updates)
    {
        var now = Now;
        foreach (var update in updates)
        {
            pool.Update(update.Backend, update.Registered, update.InPool, update.Healthy, now);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task SetTargetCapacityAsync(string scaleSet, int capacity)
    {
        pool.SetTarget(scaleSet, capacity, Now);
        if (store.Durable && stored.State.Targets.GetValueOrDefault(scaleSet) != capacity)
        {
            stored.State.Targets[scaleSet] = capacity;
            return stored.WriteStateAsync();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<LoadBalancerStatus> GetStatusAsync()
    {
        // Read at the caller's time without raising the time later changes act at: an observer changes nothing.
        var floor = acted;
        var now = CallTime.Acting(clock, ref floor);
        return Task.FromResult(new LoadBalancerStatus(this.GetPrimaryKeyString(), config, pool.Backends, pool.InPool, pool.InService, pool.Meter.Closed(now)));
    }
}
