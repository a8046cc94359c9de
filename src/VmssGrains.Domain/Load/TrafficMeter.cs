namespace VmssGrains.Domain.Load;

/// <summary>
/// The traffic model (docs/behaviour.md#traffic-model): per simulated second, served = min(offered, in-service × capacity) and
/// the rest is dropped. In-service counts change only at event times, so the meter integrates exactly
/// between changes instead of ticking: the same totals as one-second ticks, at no cost while idle.
/// Capacity figures are relative to the target capacity (<see cref="InServiceCapacity"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.TrafficMeter")]
public sealed record TrafficMeter
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

    /// <summary>Requests dropped so far.</summary>
    public double Dropped => Offered - Served;

    /// <summary>Served over offered, in percent; 100 when nothing was offered.</summary>
    public double AvailabilityPercent => Offered <= 0 ? 100 : Math.Round(Served * 100 / Offered, 3);

    /// <summary>In-service backends in percent of the target capacity, at most 100 (<see cref="InServiceCapacity.Percent"/>).</summary>
    public double InServicePercent => InServiceCapacity.Percent(InService, TargetCapacity);

    /// <summary>Requests offered per simulated second now; 0 until the meter starts, like the totals.</summary>
    public double OfferedRate => Since is null ? 0 : RequestsPerSecond;

    /// <summary>Requests served per simulated second now: min(offered, in service × capacity).</summary>
    public double ServedRate => Since is null ? 0 : Math.Min(RequestsPerSecond, InService * CapacityPerInstance);

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
            return Since is null && Started ? this with { Since = now } : this;
        }

        var seconds = (now - since).TotalSeconds;
        return WithCurrentInMinimum() with
        {
            Offered = Offered + (OfferedRate * seconds),
            Served = Served + (ServedRate * seconds),
            Since = now,
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
        return meter.Since is null ? meter : meter.WithCurrentInMinimum();
    }

    private static TrafficMeter Start(TrafficMeter meter, DateTimeOffset now) =>
        meter.Since is null && meter.Started ? meter with { Since = now } : meter;

    /// <summary>Folds the current state into the minima; a state without target has no capacity to lose.</summary>
    private TrafficMeter WithCurrentInMinimum() => TargetCapacity <= 0 ? this : this with
    {
        MinInServicePercent = Math.Min(MinInServicePercent, InServicePercent),
        MinInService = Math.Min(MinInService ?? int.MaxValue, InService),
    };
}
