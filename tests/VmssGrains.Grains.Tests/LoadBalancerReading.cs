namespace VmssGrains.Grains.Tests;

/// <summary>One collection of a load balancer's traffic instruments: rates per simulated second, totals, capacity.</summary>
internal sealed record LoadBalancerReading(
    double OfferedRate,
    double ServedRate,
    double DroppedRate,
    double Offered,
    double Served,
    double Dropped,
    double InServicePercent,
    double TargetCapacity);
