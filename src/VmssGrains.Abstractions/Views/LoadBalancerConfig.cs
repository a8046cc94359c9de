using VmssGrains.Domain.Load;

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

    /// <summary>The offered-load curve that replaces <see cref="RequestsPerSecond"/> (null: the constant rate; docs/behaviour.md#offered-load-curve).</summary>
    [Id(7)] public OfferedLoadCurve? OfferedLoadCurve { get; init; }

    /// <summary>Warm-up after a backend rejoins the pool (null: none; docs/behaviour.md#warm-up).</summary>
    [Id(8)] public WarmUp? WarmUp { get; init; }

    /// <summary>Simulated seconds a request above capacity may wait before it is dropped (0: no queue; docs/behaviour.md#queueing).</summary>
    [Id(9)] public int MaxQueueSeconds { get; init; }

    /// <summary>The scenario start on the simulated clock: the load model's seconds and minutes count from it (null: the Unix epoch).</summary>
    [Id(10)] public DateTimeOffset? Origin { get; init; }

    /// <summary>Whether the load model's extensions are in use (any of the curve, warm-up, queue).</summary>
    public bool HasLoadModel => OfferedLoadCurve is not null || WarmUp is not null || MaxQueueSeconds > 0;

    /// <summary>Whether the load balancer is offered any load.</summary>
    public bool OffersLoad => RequestsPerSecond > 0 || OfferedLoadCurve is not null;
}
