using System.Collections.Immutable;

namespace VmssGrains.Domain.Load;

/// <summary>
/// The mutable working copy of a stepped <see cref="TrafficMeter"/> while it serves whole seconds: a queue served oldest
/// first, requests that waited their <see cref="TrafficMeter.MaxQueueSeconds"/> dropped (docs/behaviour.md#queueing).
/// </summary>
internal sealed class SteppedWork(TrafficMeter meter)
{
    /// <summary>Requests offered so far.</summary>
    public double Offered { get; set; } = meter.Offered;

    /// <summary>Requests served so far.</summary>
    public double Served { get; set; } = meter.Served;

    /// <summary>Capacity gathered in the second under way.</summary>
    public double Capacity { get; set; } = meter.SecondCapacity;

    /// <summary>The queue, oldest first.</summary>
    public List<QueuedRequests> Queue { get; } = [.. meter.Queue];

    private double dropped = meter.DroppedCount;
    private double latency = meter.LatencySum;
    private ImmutableList<LoadMinute> minutes = meter.Minutes;

    /// <summary>Serves second <paramref name="second"/> (index from the origin) in which <paramref name="offered"/> requests arrived, with <see cref="Capacity"/>.</summary>
    public void Serve(long second, double offered)
    {
        var available = Capacity;
        double served = 0, waited = 0;
        var i = 0;
        for (; i < Queue.Count && available > 0; i++)
        {
            var (arrived, count) = (Queue[i].Second, Queue[i].Count);
            var take = Math.Min(count, available);
            served += take;
            waited += take * (second - arrived);
            available -= take;
            if (take < count)
            {
                Queue[i] = Queue[i] with { Count = count - take };
                break;
            }
        }

        Queue.RemoveRange(0, Math.Min(i, Queue.Count));
        var now = Math.Min(offered, available);
        served += now;
        var rest = offered - now;
        double lost = 0;
        if (rest > 0)
        {
            if (meter.MaxQueueSeconds > 0)
            {
                Queue.Add(new QueuedRequests(second, rest));
            }
            else
            {
                lost += rest;
            }
        }

        // A request waits at most MaxQueueSeconds: one that arrived in second a is served by second a + max or dropped.
        while (Queue.Count > 0 && Queue[0].Second + meter.MaxQueueSeconds <= second)
        {
            lost += Queue[0].Count;
            Queue.RemoveAt(0);
        }

        Offered += offered;
        Served += served;
        dropped += lost;
        latency += waited;
        Capacity = 0;
        if (offered != served || lost > 0 || waited > 0)
        {
            minutes = TrafficMeter.AddMinute(minutes, second >= 0 ? second / 60 : ((second + 1) / 60) - 1, offered - served, lost, waited);
        }
    }

    /// <summary><paramref name="meter"/> with this work's totals.</summary>
    public TrafficMeter Into(TrafficMeter meter) => meter with
    {
        Offered = Offered,
        Served = Served,
        DroppedCount = dropped,
        LatencySum = latency,
        SecondCapacity = Capacity,
        Queue = [.. Queue],
        Minutes = minutes,
    };
}
