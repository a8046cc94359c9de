using VmssGrains.Abstractions.Views;

namespace VmssGrains.Abstractions.Grains;

/// <summary>A load balancer (key = its name): backend pool, probe settings, in-service count and the traffic model.</summary>
[Alias("vmss.ILoadBalancerGrain")]
public interface ILoadBalancerGrain : IGrainWithStringKey
{
    /// <summary>Sets the probe and the offered load.</summary>
    [Alias("Configure")]
    Task ConfigureAsync(LoadBalancerConfig config);

    /// <summary>The probe and load settings.</summary>
    [Alias("GetConfig")]
    Task<LoadBalancerConfig> GetConfigAsync();

    /// <summary>Registers, updates or (registered = false) removes one backend.</summary>
    [Alias("UpdateBackend")]
    Task UpdateBackendAsync(string backend, bool registered, bool inPool, bool healthy);

    /// <summary>Backends and traffic totals now.</summary>
    [Alias("GetStatus")]
    Task<LoadBalancerStatus> GetStatusAsync();
}
