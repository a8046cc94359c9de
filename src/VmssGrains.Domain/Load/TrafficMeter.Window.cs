namespace VmssGrains.Domain.Load;

/// <summary>The traffic of one scenario on a load balancer that served others before it (a shared cluster).</summary>
public sealed partial record TrafficMeter
{
    /// <summary>
    /// The traffic counted from <paramref name="start"/> on: this meter less <paramref name="start"/>, the same meter read
    /// earlier (at a scenario's start). Offered, served and dropped requests and the queueing delay are the differences;
    /// requests already waiting in the queue at the start count as offered at the start (so offered = served + dropped +
    /// queued still holds); <see cref="Minutes"/> keeps only the minutes recorded after the start (a minute under way at
    /// the start keeps what was added to it since). The rest (rates, backends, the minima, the queue now) is this meter's.
    /// A meter that had not started at <paramref name="start"/> is returned unchanged.
    /// </summary>
    /// <param name="start">The same load balancer's meter at the start, read before this one.</param>
    /// <exception cref="ArgumentException"><paramref name="start"/> is not an earlier reading of this meter (it recorded more minutes).</exception>
    public TrafficMeter CountedFrom(TrafficMeter start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (start.Since is null)
        {
            return this;
        }

        if (start.Minutes.Count > Minutes.Count)
        {
            throw new ArgumentException("the start's meter recorded more minutes than this one: it is not an earlier reading of it", nameof(start));
        }

        var minutes = Minutes.RemoveRange(0, Math.Max(0, start.Minutes.Count - 1));
        if (start.Minutes.Count > 0)
        {
            // The minute under way at the start, if anything was added to it since.
            var (before, after) = (start.Minutes[^1], minutes[0]);
            var since = after with { Deficit = after.Deficit - before.Deficit, Dropped = after.Dropped - before.Dropped, LatencySum = after.LatencySum - before.LatencySum };
            minutes = since == after with { Deficit = 0, Dropped = 0, LatencySum = 0 } ? minutes.RemoveAt(0) : minutes.SetItem(0, since);
        }

        return this with
        {
            Offered = Offered - start.Offered + start.Queued,
            Served = Served - start.Served,
            DroppedCount = DroppedCount - start.DroppedCount,
            LatencySum = LatencySum - start.LatencySum,
            Minutes = minutes,
            StartedAt = start.Since > StartedAt ? start.Since : StartedAt,
        };
    }
}
