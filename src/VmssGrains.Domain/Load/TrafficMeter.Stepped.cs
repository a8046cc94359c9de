using System.Collections.Immutable;

namespace VmssGrains.Domain.Load;

/// <summary>The stepped model (docs/behaviour.md#queueing) and the per-minute records.</summary>
public sealed partial record TrafficMeter
{
    private const long Second = TimeSpan.TicksPerSecond;
    private const long Minute = TimeSpan.TicksPerMinute;

    /// <summary>Requests offered over [<paramref name="from"/>, <paramref name="to"/>] while the meter ran (up to <paramref name="to"/>; exact).</summary>
    public double OfferedBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (StartedAt is not { } started)
        {
            return 0;
        }

        var a = SecondsOf(from < started ? started : from);
        var b = SecondsOf(to);
        return OfferedIntegral(a, b);
    }

    /// <summary>The backend that rejoined at <paramref name="since"/> warms up from then (<see cref="Load.WarmUp"/>).</summary>
    public TrafficMeter WithWarming(DateTimeOffset since, DateTimeOffset now) => AdvanceTo(now) with { Warming = Warming.Add(since) };

    /// <summary>The backend that rejoined at <paramref name="since"/> stops warming up (it left service), at <paramref name="now"/>.</summary>
    public TrafficMeter WithoutWarming(DateTimeOffset since, DateTimeOffset now) => AdvanceTo(now) with { Warming = Warming.Remove(since) };

    /// <summary>Simulated seconds from the origin to <paramref name="time"/>.</summary>
    public double SecondsOf(DateTimeOffset time) => (double)TicksOf(time) / Second;

    private long TicksOf(DateTimeOffset time) => (time - (Origin ?? DateTimeOffset.UnixEpoch)).Ticks;

    private double OfferedIntegral(double from, double to) =>
        to <= from ? 0 : Curve?.Integral(from, to) ?? (RequestsPerSecond * (to - from));

    private double OfferedMax(double from, double to) => Curve?.Max(from, to) ?? RequestsPerSecond;

    /// <summary>Requests per second the backends in service serve at <paramref name="t"/> (seconds), warming ones at their share.</summary>
    private double CapacityRate(double t)
    {
        var units = (double)(InService - Warming.Count);
        foreach (var since in Warming)
        {
            units += WarmUp!.Share(SecondsOf(since), t);
        }

        return Math.Max(0, units) * CapacityPerInstance;
    }

    /// <summary>Requests the backends in service can serve over [<paramref name="from"/>, <paramref name="to"/>] (seconds).</summary>
    private double CapacityIntegral(double from, double to)
    {
        var units = (double)(InService - Warming.Count) * (to - from);
        foreach (var since in Warming)
        {
            units += WarmUp!.ShareIntegral(SecondsOf(since), from, to);
        }

        return Math.Max(0, units) * CapacityPerInstance;
    }

    /// <summary>Advances the stepped model to <paramref name="now"/>: every whole second that ended is served.</summary>
    private TrafficMeter StepTo(DateTimeOffset now)
    {
        var work = new SteppedWork(this);
        long t = TicksOf(Since!.Value), end = TicksOf(now);
        while (t < end)
        {
            var secondStart = FloorTo(t, Second);
            var secondEnd = secondStart + Second;
            if (t == secondStart && work.Queue.Count == 0 && end - t >= Second)
            {
                // Nothing waits and the second starts afresh: a stretch in which capacity never falls below the offered
                // rate is served whole (capacity only rises while backends warm up).
                var stretch = FloorTo(end, Second);
                if (!Quiet(t, stretch))
                {
                    stretch = Math.Min(stretch, FloorTo(t, Minute) + Minute);
                }

                if (stretch > t && Quiet(t, stretch))
                {
                    var offered = OfferedIntegral((double)t / Second, (double)stretch / Second);
                    work.Offered += offered;
                    work.Served += offered;
                    t = stretch;
                    continue;
                }
            }

            var segmentEnd = Math.Min(end, secondEnd);
            work.Capacity += CapacityIntegral((double)t / Second, (double)segmentEnd / Second);
            t = segmentEnd;
            if (t == secondEnd)
            {
                work.Serve(secondStart / Second, OfferedIntegral(Math.Max(secondStart, TicksOf(StartedAt ?? Since!.Value)) / (double)Second, (double)secondEnd / Second));
            }
        }

        var warming = WarmUp is { } warmUp ? Warming.RemoveAll(s => SecondsOf(s) + warmUp.DurationSeconds <= SecondsOf(now)) : Warming;
        return work.Into(this) with { Since = now, Warming = warming };
    }

    /// <summary>The second under way served as if it ended now (for the totals at an instant between whole seconds).</summary>
    private TrafficMeter ClosedSecond()
    {
        if (!Stepped || Since is not { } since)
        {
            return this;
        }

        var t = TicksOf(since);
        var secondStart = FloorTo(t, Second);
        if (t == secondStart)
        {
            return this;
        }

        var work = new SteppedWork(this);
        work.Serve(secondStart / Second, OfferedIntegral(Math.Max(secondStart, TicksOf(StartedAt ?? since)) / (double)Second, (double)t / Second));
        return work.Into(this);
    }

    private bool Quiet(long from, long to) =>
        to > from && OfferedMax((double)from / Second, (double)to / Second) <= CapacityRate((double)from / Second);

    /// <summary>The continuous model's drops over [<paramref name="from"/>, <paramref name="to"/>] at <paramref name="rate"/>, added minute by minute.</summary>
    private ImmutableList<LoadMinute> DroppedMinutes(DateTimeOffset from, DateTimeOffset to, double rate)
    {
        var minutes = Minutes;
        long t = TicksOf(from), end = TicksOf(to);
        while (t < end)
        {
            var minute = FloorTo(t, Minute);
            var next = Math.Min(end, minute + Minute);
            var dropped = rate * (next - t) / Second;
            minutes = AddMinute(minutes, minute / Minute, dropped, dropped, 0);
            t = next;
        }

        return minutes;
    }

    /// <summary>Adds to the record of <paramref name="minute"/> (the last one, or a new one after it).</summary>
    internal static ImmutableList<LoadMinute> AddMinute(ImmutableList<LoadMinute> minutes, long minute, double deficit, double dropped, double latency)
    {
        if (minutes.Count > 0 && minutes[^1] is var last && last.Minute == minute)
        {
            return minutes.SetItem(minutes.Count - 1, last with { Deficit = last.Deficit + deficit, Dropped = last.Dropped + dropped, LatencySum = last.LatencySum + latency });
        }

        return minutes.Add(new LoadMinute(minute, deficit, dropped, latency));
    }

    private static long FloorTo(long ticks, long unit) => ticks >= 0 ? ticks / unit * unit : -((-ticks + unit - 1) / unit * unit);
}
