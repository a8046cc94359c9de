namespace VmssGrains.Domain.Load;

/// <summary>
/// The traffic model of SPEC 7: per simulated second, served = min(offered, in-service × capacity) and
/// the rest is dropped. In-service counts change only at event times, so the meter integrates exactly
/// between changes instead of ticking: the same totals as one-second ticks, at no cost while idle.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.TrafficMeter")]
public sealed record TrafficMeter
{
    /// <summary>Offered requests per second.</summary>
    [Id(0)] public double RequestsPerSecond { get; init; }

    /// <summary>Requests per second one in-service backend serves.</summary>
    [Id(1)] public double CapacityPerInstance { get; init; } = 1000;

    /// <summary>Registered backends (the denominator of the in-service percentage).</summary>
    [Id(2)] public int Backends { get; init; }

    /// <summary>Backends in the pool and healthy.</summary>
    [Id(3)] public int InService { get; init; }

    /// <summary>When the counts last changed (null before the first change).</summary>
    [Id(4)] public DateTimeOffset? Since { get; init; }

    /// <summary>Requests offered so far.</summary>
    [Id(5)] public double Offered { get; init; }

    /// <summary>Requests served so far.</summary>
    [Id(6)] public double Served { get; init; }

    /// <summary>The lowest in-service percentage that lasted any simulated time.</summary>
    [Id(7)] public double MinInServicePercent { get; init; } = 100;

    /// <summary>Requests dropped so far.</summary>
    public double Dropped => Offered - Served;

    /// <summary>Served over offered, in percent; 100 when nothing was offered.</summary>
    public double AvailabilityPercent => Offered <= 0 ? 100 : Math.Round(Served * 100 / Offered, 3);

    /// <summary>In-service backends over registered ones, in percent.</summary>
    public double InServicePercent => Backends == 0 ? 100 : InService * 100.0 / Backends;

    /// <summary>Serves the current load up to <paramref name="now"/>.</summary>
    /// <remarks>The meter starts with the first backend: a load balancer configured before its scale set exists drops nothing.</remarks>
    public TrafficMeter AdvanceTo(DateTimeOffset now)
    {
        if (Since is not { } since || now <= since)
        {
            return Since is null && Backends > 0 ? this with { Since = now } : this;
        }

        var seconds = (now - since).TotalSeconds;
        var served = Math.Min(RequestsPerSecond, InService * CapacityPerInstance) * seconds;
        return this with
        {
            Offered = Offered + (RequestsPerSecond * seconds),
            Served = Served + served,
            MinInServicePercent = Backends == 0 ? MinInServicePercent : Math.Min(MinInServicePercent, InServicePercent),
            Since = now,
        };
    }

    /// <summary>New backend counts from <paramref name="now"/> on.</summary>
    public TrafficMeter With(int backends, int inService, DateTimeOffset now)
    {
        var meter = AdvanceTo(now) with { Backends = backends, InService = inService };
        return meter.Since is null && backends > 0 ? meter with { Since = now } : meter;
    }

    /// <summary>The totals at <paramref name="now"/>, counting the current state even if it has lasted no time yet.</summary>
    public TrafficMeter Closed(DateTimeOffset now)
    {
        var meter = AdvanceTo(now);
        return meter.Backends == 0 ? meter : meter with { MinInServicePercent = Math.Min(meter.MinInServicePercent, meter.InServicePercent) };
    }
}
