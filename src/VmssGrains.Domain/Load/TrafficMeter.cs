using System.Collections.Immutable;

namespace VmssGrains.Domain.Load;

/// <summary>
/// The traffic model (docs/behaviour.md#traffic-model): per simulated second, served = min(offered, in-service × capacity) and
/// the rest is dropped. In-service counts change only at event times, so the meter integrates exactly
/// between changes instead of ticking: the same totals as one-second ticks, at no cost while idle.
/// Capacity figures are relative to the target capacity (<see cref="InServiceCapacity"/>).
/// </summary>
/// <remarks>
/// With an offered-load curve, warm-up or a queue (<see cref="Stepped"/>) the meter works in whole simulated seconds
/// of the scenario (docs/behaviour.md#queueing); without them it integrates the rates continuously as it always did.
/// Minutes short of capacity are kept in <see cref="Minutes"/> either way.
/// </remarks>
[GenerateSerializer, Immutable, Alias("vmss.TrafficMeter")]
public sealed partial record TrafficMeter
{
    /// <summary>Offered requests per simulated second.</summary>
    [Id(0)] public double RequestsPerSecond { get; init; }

    /// <summary>Requests per simulated second one in-service backend serves.</summary>
    [Id(1)] public double CapacityPerInstance { get; init; } = 1000;

    /// <summary>Registered backends (shown; not what percentages are relative to).</summary>
    [Id(2)] public int Backends { get; init; }

    /// <summary>Backends in the pool and healthy.</summary>
    [Id(3)] public int InService { get; init; }

    /// <summary>When the meter last advanced (null until it starts, when a target is first set).</summary>
    [Id(4)] public DateTimeOffset? Since { get; init; }

    /// <summary>Requests offered so far.</summary>
    [Id(5)] public double Offered { get; init; }

    /// <summary>Requests served so far.</summary>
    [Id(6)] public double Served { get; init; }

    /// <summary>The lowest <see cref="InServicePercent"/> that lasted any simulated time.</summary>
    [Id(7)] public double MinInServicePercent { get; init; } = 100;

    /// <summary>The target capacity: the sum of <c>sku.capacity</c> of the scale sets behind the load balancer.</summary>
    [Id(8)] public int TargetCapacity { get; init; }

    /// <summary>The lowest in-service count that lasted any simulated time while there was a target (null before).</summary>
    [Id(10)] public int? MinInService { get; init; }

    /// <summary>The offered-load curve (null: the constant <see cref="RequestsPerSecond"/>).</summary>
    [Id(11)] public OfferedLoadCurve? Curve { get; init; }

    /// <summary>Warm-up after a backend rejoins (null: none).</summary>
    [Id(12)] public WarmUp? WarmUp { get; init; }

    /// <summary>Simulated seconds a request may wait in the queue before it is dropped (0: no queue).</summary>
    [Id(13)] public int MaxQueueSeconds { get; init; }

    /// <summary>The scenario start: seconds and minutes count from here (null: the Unix epoch).</summary>
    [Id(14)] public DateTimeOffset? Origin { get; init; }

    /// <summary>When the meter started (null until then).</summary>
    [Id(15)] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The minutes short of capacity, ascending (<see cref="LoadMinute"/>).</summary>
    [Id(16)] public ImmutableList<LoadMinute> Minutes { get; init; } = [];

    /// <summary>When each backend still warming up rejoined (one entry per backend; <see cref="Load.WarmUp"/>).</summary>
    [Id(17)] public ImmutableList<DateTimeOffset> Warming { get; init; } = [];

    /// <summary>Requests dropped so far by the stepped model (<see cref="Stepped"/>).</summary>
    [Id(18)] public double DroppedCount { get; init; }

    /// <summary>Simulated seconds the served requests waited in the queue, summed.</summary>
    [Id(19)] public double LatencySum { get; init; }

    /// <summary>The requests waiting, oldest first.</summary>
    [Id(20)] public ImmutableList<QueuedRequests> Queue { get; init; } = [];

    /// <summary>Capacity (requests) gathered so far in the second under way (<see cref="Stepped"/>).</summary>
    [Id(21)] public double SecondCapacity { get; init; }

    /// <summary>Whether the meter works in whole seconds: it has a curve, a warm-up or a queue.</summary>
    public bool Stepped => Curve is not null || WarmUp is not null || MaxQueueSeconds > 0;

    /// <summary>Requests dropped so far (requests still queued are neither served nor dropped).</summary>
    public double Dropped => Stepped ? DroppedCount : Offered - Served;

    /// <summary>Requests waiting in the queue.</summary>
    public double Queued => Queue.Sum(q => q.Count);

    /// <summary>The mean queueing delay of the requests served, in simulated seconds; 0 when none were served.</summary>
    public double MeanLatencySeconds => Served <= 0 ? 0 : LatencySum / Served;

    /// <summary>Served over offered, in percent; 100 when nothing was offered.</summary>
    public double AvailabilityPercent => Offered <= 0 ? 100 : Math.Round(Served * 100 / Offered, 3);

    /// <summary>In-service backends in percent of the target capacity, at most 100 (<see cref="InServiceCapacity.Percent"/>).</summary>
    public double InServicePercent => InServiceCapacity.Percent(InService, TargetCapacity);

    /// <summary>Requests offered per simulated second now; 0 until the meter starts, like the totals.</summary>
    public double OfferedRate => Since is not { } since ? 0 : Curve is null ? RequestsPerSecond : Curve.Rate(SecondsOf(since));

    /// <summary>Requests served per simulated second now: min(offered, in service × capacity).</summary>
    public double ServedRate => Since is not { } since ? 0 : Math.Min(OfferedRate, WarmUp is null ? InService * CapacityPerInstance : CapacityRate(SecondsOf(since)));

    /// <summary>Requests dropped per simulated second now.</summary>
    public double DroppedRate => OfferedRate - ServedRate;

    private bool Started => TargetCapacity > 0;

    /// <summary>Serves the current load up to <paramref name="now"/>.</summary>
    /// <remarks>
    /// The meter starts when a scale set first asks something of the load balancer (a target), which a new scale set
    /// does once its instances are registered: a load balancer configured before its scale set exists, or whose
    /// backends are still registering, drops nothing.
    /// </remarks>
    public TrafficMeter AdvanceTo(DateTimeOffset now)
    {
        if (Since is not { } since || now <= since)
        {
            return Since is null && Started ? this with { Since = now, StartedAt = now } : this;
        }

        if (Stepped)
        {
            return WithCurrentInMinimum().StepTo(now);
        }

        var seconds = (now - since).TotalSeconds;
        var dropping = DroppedRate;
        return WithCurrentInMinimum() with
        {
            Offered = Offered + (OfferedRate * seconds),
            Served = Served + (ServedRate * seconds),
            Since = now,
            Minutes = dropping > 0 ? DroppedMinutes(since, now, dropping) : Minutes,
        };
    }

    /// <summary>New backend counts from <paramref name="now"/> on.</summary>
    public TrafficMeter With(int backends, int inService, DateTimeOffset now) =>
        Start(AdvanceTo(now) with { Backends = backends, InService = inService }, now);

    /// <summary>A new target capacity (sum of <c>sku.capacity</c>) from <paramref name="now"/> on.</summary>
    public TrafficMeter WithTarget(int targetCapacity, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetCapacity);
        return Start(AdvanceTo(now) with { TargetCapacity = targetCapacity }, now);
    }

    /// <summary>The totals at <paramref name="now"/>, counting the current state even if it has lasted no time yet.</summary>
    public TrafficMeter Closed(DateTimeOffset now)
    {
        var meter = AdvanceTo(now);
        return meter.Since is null ? meter : meter.WithCurrentInMinimum().ClosedSecond();
    }

    private static TrafficMeter Start(TrafficMeter meter, DateTimeOffset now) =>
        meter.Since is null && meter.Started ? meter with { Since = now, StartedAt = now } : meter;

    /// <summary>Folds the current state into the minima; a state without target has no capacity to lose.</summary>
    private TrafficMeter WithCurrentInMinimum() => TargetCapacity <= 0 ? this : this with
    {
        MinInServicePercent = Math.Min(MinInServicePercent, InServicePercent),
        MinInService = Math.Min(MinInService ?? int.MaxValue, InService),
    };
}
