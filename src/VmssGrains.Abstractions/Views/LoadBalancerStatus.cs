using VmssGrains.Domain.Load;

namespace VmssGrains.Abstractions.Views;

/// <summary>A load balancer now: its backends and the traffic totals so far.</summary>
[GenerateSerializer, Immutable, Alias("vmss.LoadBalancerStatus")]
public sealed record LoadBalancerStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] LoadBalancerConfig Config,
    [property: Id(2)] int Backends,
    [property: Id(3)] int InPool,
    [property: Id(4)] int InService,
    [property: Id(5)] TrafficMeter Traffic);
