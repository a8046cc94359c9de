using VmssGrains.Abstractions.Views;

namespace VmssGrains.Grains.LoadBalancer;

/// <summary>
/// What a load balancer grain persists on a durable store (docs/durability.md): its configuration and the capacity each
/// scale set asks of it. Its backends are not kept: instances register again as they report.
/// </summary>
[GenerateSerializer, Alias("vmss.LoadBalancerGrainState")]
public sealed class LoadBalancerGrainState
{
    /// <summary>The probe and traffic as last configured, or null before.</summary>
    [Id(0)] public LoadBalancerConfig? Config { get; set; }

    /// <summary>The capacity each scale set asks of the load balancer, by scale set name.</summary>
    [Id(1)] public Dictionary<string, int> Targets { get; set; } = new(StringComparer.Ordinal);
}
