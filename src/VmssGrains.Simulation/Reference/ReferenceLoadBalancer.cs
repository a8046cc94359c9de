using System.Collections.Immutable;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Load;
using VmssGrains.Domain.Naming;

namespace VmssGrains.Simulation.Reference;

/// <summary>A load balancer on the reference engine, as <c>LoadBalancerGrain</c> is one on Orleans: a shell around <see cref="BackendPool"/>.</summary>
internal sealed class ReferenceLoadBalancer(ReferenceEngine engine, string name) : ILoadBalancerGrain
{
    private readonly BackendPool pool = new();

    /// <summary>The probe and load settings.</summary>
    internal LoadBalancerConfig Config { get; private set; } = new();

    public Task ConfigureAsync(LoadBalancerConfig config) => engine.Call(() =>
    {
        AzureNames.Require(NameKind.LoadBalancer, name);

        Config = config;
        pool.Configure(config.RequestsPerSecond, config.CapacityPerInstance, engine.Now);
        pool.Configure(config.OfferedLoadCurve, config.WarmUp, config.MaxQueueSeconds, config.Origin, engine.Now);
    });

    public Task<LoadBalancerConfig> GetConfigAsync() => engine.Call(() => Config);

    public Task UpdateBackendAsync(string backend, bool registered, bool inPool, bool healthy) =>
        engine.Call(() => UpdateBackend(backend, registered, inPool, healthy));

    public Task UpdateBackendsAsync(ImmutableArray<BackendUpdate> updates) => engine.Call(() =>
    {
        foreach (var update in updates)
        {
            UpdateBackend(update.Backend, update.Registered, update.InPool, update.Healthy);
        }
    });

    public Task SetTargetCapacityAsync(string scaleSet, int capacity) => engine.Call(() => SetTargetCapacity(scaleSet, capacity));

    public Task<LoadBalancerStatus> GetStatusAsync() =>
        engine.Call(() => new LoadBalancerStatus(name, Config, pool.Backends, pool.InPool, pool.InService, pool.Meter.Closed(engine.Now)));

    internal void UpdateBackend(string backend, bool registered, bool inPool, bool healthy) => pool.Update(backend, registered, inPool, healthy, engine.Now);

    internal void SetTargetCapacity(string scaleSet, int capacity) => pool.SetTarget(scaleSet, capacity, engine.Now);
}
