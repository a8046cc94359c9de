using System.Text.Json.Nodes;
using VmssGrains.Domain.Load;
using VmssGrains.Domain.Time;

namespace VmssGrains.Simulation.Reporting;

/// <summary>
/// The load model's part of the report's <c>load</c> (docs/report.md#load): the mean queueing delay, overall and per load
/// balancer, and <c>perMinute[]</c>, overall only. Only when the scenario offers load: a report without load stays as it was.
/// </summary>
internal static class LoadReport
{
    /// <summary><paramref name="load"/> (overall, with <c>loadBalancers[]</c> in the order of <paramref name="meters"/>) with the load model's figures.</summary>
    public static JsonObject WithModel(JsonObject load, IReadOnlyList<(string Name, TrafficMeter Meter)> meters, bool offersLoad, DateTimeOffset start, DateTimeOffset end)
    {
        if (!offersLoad)
        {
            return load;
        }

        load.Insert(load.IndexOf("availabilityPercent") + 1, "meanLatencySeconds", MeanLatency(meters.Select(m => m.Meter)));
        var each = (JsonArray)load["loadBalancers"]!;
        for (var i = 0; i < meters.Count; i++)
        {
            var one = (JsonObject)each[i]!;
            one.Insert(one.IndexOf("availabilityPercent") + 1, "meanLatencySeconds", MeanLatency([meters[i].Meter]));
        }

        load["perMinute"] = PerMinute([.. meters.Select(m => m.Meter).Where(m => m.StartedAt is not null && (m.Curve is not null || m.RequestsPerSecond > 0))], start, end);
        return load;
    }

    private static double MeanLatency(IEnumerable<TrafficMeter> meters)
    {
        var (latency, served) = meters.Aggregate((0.0, 0.0), (sum, m) => (sum.Item1 + m.LatencySum, sum.Item2 + m.Served));
        return served <= 0 ? 0 : Math.Round(latency / served, 3);
    }

    /// <summary>
    /// Every whole simulated minute from the start to the end (the last one cut at the end), summed over the load
    /// balancers: the requests offered in it (exactly, from each one's rate or curve), served and dropped in it, and the
    /// mean queueing delay of those served in it. A 7-day horizon is 10,080 entries at most, however many load balancers.
    /// </summary>
    private static JsonArray PerMinute(List<TrafficMeter> meters, DateTimeOffset start, DateTimeOffset end)
    {
        var count = (int)Math.Ceiling((end - start).Ticks / (double)TimeSpan.TicksPerMinute);
        var offered = new double[count];
        var deficit = new double[count];
        var dropped = new double[count];
        var latency = new double[count];
        foreach (var meter in meters)
        {
            for (var i = 0; i < count; i++)
            {
                var from = start + TimeSpan.FromMinutes(i);
                var to = start + TimeSpan.FromMinutes(i + 1);
                offered[i] += meter.OfferedBetween(from, to < end ? to : end);
            }

            foreach (var minute in meter.Minutes)
            {
                if (minute.Minute >= 0 && minute.Minute < count)
                {
                    deficit[minute.Minute] += minute.Deficit;
                    dropped[minute.Minute] += minute.Dropped;
                    latency[minute.Minute] += minute.LatencySum;
                }
            }
        }

        var result = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var served = offered[i] - deficit[i];
            result.Add(new JsonObject
            {
                ["t"] = IsoDuration.Format(TimeSpan.FromMinutes(i)),
                ["offered"] = Math.Round(offered[i], 3),
                ["served"] = Math.Round(served, 3),
                ["dropped"] = Math.Round(dropped[i], 3),
                ["meanLatencySeconds"] = served <= 0 ? 0 : Math.Round(latency[i] / served, 3),
            });
        }

        return result;
    }
}
