namespace VmssGrains.Abstractions.Views;

/// <summary>A load balancer's probe (Azure names) and the traffic offered to it (docs/behaviour.md#traffic-model).</summary>
[GenerateSerializer, Immutable, Alias("vmss.LoadBalancerConfig")]
public sealed record LoadBalancerConfig
{
    /// <summary>Http, Https or Tcp.</summary>
    [Id(0)] public string Protocol { get; init; } = "Http";

    /// <summary>The probed port.</summary>
    [Id(1)] public int Port { get; init; } = 80;

    /// <summary>The probed path (Http and Https).</summary>
    [Id(2)] public string? RequestPath { get; init; } = "/";

    /// <summary>Seconds between probes; Azure's default 5.</summary>
    [Id(3)] public int IntervalInSeconds { get; init; } = 5;

    /// <summary>Consecutive successes before healthy; Azure's default 2.</summary>
    [Id(4)] public int NumberOfProbes { get; init; } = 2;

    /// <summary>Offered request rate.</summary>
    [Id(5)] public double RequestsPerSecond { get; init; }

    /// <summary>Requests per second one healthy instance serves.</summary>
    [Id(6)] public double CapacityPerInstance { get; init; } = 1000;
}
