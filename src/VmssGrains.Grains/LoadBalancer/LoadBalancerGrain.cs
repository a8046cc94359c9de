using Microsoft.Extensions.DependencyInjection;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain;
using VmssGrains.Domain.Load;
using VmssGrains.Domain.Naming;
using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Grains.LoadBalancer;

/// <summary>
/// A load balancer: which backends are in its pool and healthy, the target capacity the scale sets behind it
/// ask for, and the traffic the backends serve (the <see cref="TrafficMeter"/>). It only receives calls and
/// never calls back, so instances and scale sets may await it.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class LoadBalancerGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock) : Grain, ILoadBalancerGrain
{
    private readonly Dictionary<string, (bool InPool, bool Healthy)> backends = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> targets = new(StringComparer.Ordinal);
    private LoadBalancerConfig config = new();
    private TrafficMeter meter = new();
    private int backendCount;
    private int pooled;
    private int inService;

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Read by the metrics collection thread: each value is an immutable snapshot.
        var name = this.GetPrimaryKeyString();
        ObservedLoadBalancers.Add(name, () => (meter.Closed(clock.GetUtcNow()), Volatile.Read(ref backendCount), Volatile.Read(ref pooled), Volatile.Read(ref inService)));
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
        if (AzureNames.Problem(NameKind.LoadBalancer, this.GetPrimaryKeyString()) is { } problem)
        {
            throw new AzureException("InvalidParameter", problem, "name");
        }

        this.config = config;
        meter = meter.AdvanceTo(clock.GetUtcNow()) with { RequestsPerSecond = config.RequestsPerSecond, CapacityPerInstance = config.CapacityPerInstance };
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<LoadBalancerConfig> GetConfigAsync() => Task.FromResult(config);

    /// <inheritdoc/>
    public Task UpdateBackendAsync(string backend, bool registered, bool inPool, bool healthy)
    {
        if (backends.Remove(backend, out var old))
        {
            pooled -= old.InPool ? 1 : 0;
            inService -= old.InPool && old.Healthy ? 1 : 0;
        }

        if (registered)
        {
            backends[backend] = (inPool, healthy);
            pooled += inPool ? 1 : 0;
            inService += inPool && healthy ? 1 : 0;
        }

        backendCount = backends.Count;
        meter = meter.With(backends.Count, inService, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task SetTargetCapacityAsync(string scaleSet, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (capacity == 0)
        {
            targets.Remove(scaleSet);
        }
        else
        {
            targets[scaleSet] = capacity;
        }

        meter = meter.WithTarget(targets.Values.Sum(), clock.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<LoadBalancerStatus> GetStatusAsync() =>
        Task.FromResult(new LoadBalancerStatus(this.GetPrimaryKeyString(), config, backends.Count, pooled, inService, meter.Closed(clock.GetUtcNow())));
}
