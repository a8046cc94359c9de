using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using VmssGrains.Domain.Load;

namespace VmssGrains.Grains.Telemetry;

/// <summary>
/// The load balancers active in this process, read when metrics are collected: traffic totals are the
/// <see cref="TrafficMeter"/> advanced to the simulated time of the collection, so a dashboard sees the
/// requests dropped during an outage while it lasts, not when it ends. The totals advance with simulated time,
/// so their rate over wall time grows with the clock's speed; the <c>.per_second</c> gauges are the traffic
/// model's own rates, in requests per simulated second, whatever the clock.
/// </summary>
public static class ObservedLoadBalancers
{
    private static readonly ConcurrentDictionary<string, Func<(TrafficMeter Meter, int Registered, int InPool, int InService)>> Active = new(StringComparer.Ordinal);
    private static Dictionary<string, (TrafficMeter Meter, int Registered, int InPool, int InService)>? snapshot;
    private static long snapshotAt;

    static ObservedLoadBalancers()
    {
        VmssTelemetry.Meter.CreateObservableCounter("vmss.lb.requests.offered", () => Measure(m => m.Offered), "{request}", "Requests offered");
        VmssTelemetry.Meter.CreateObservableCounter("vmss.lb.requests.served", () => Measure(m => m.Served), "{request}", "Requests served");
        VmssTelemetry.Meter.CreateObservableCounter("vmss.lb.requests.dropped", () => Measure(m => m.Dropped), "{request}", "Requests dropped (offered beyond the in-service capacity)");
        VmssTelemetry.Meter.CreateObservableGauge("vmss.lb.requests.offered.per_second", () => Measure(m => m.OfferedRate), "{request}/s", "Requests offered per simulated second now");
        VmssTelemetry.Meter.CreateObservableGauge("vmss.lb.requests.served.per_second", () => Measure(m => m.ServedRate), "{request}/s", "Requests served per simulated second now");
        VmssTelemetry.Meter.CreateObservableGauge("vmss.lb.requests.dropped.per_second", () => Measure(m => m.DroppedRate), "{request}/s", "Requests dropped per simulated second now");
        VmssTelemetry.Meter.CreateObservableGauge("vmss.lb.in_service.percent", () => Measure(m => m.InServicePercent), "%", "In-service backends in percent of the target capacity (sum of sku.capacity behind the load balancer), at most 100");
        VmssTelemetry.Meter.CreateObservableGauge("vmss.lb.target_capacity", () => Measure(m => m.TargetCapacity), "{instance}", "Target capacity: the sum of sku.capacity of the scale sets behind the load balancer");
        VmssTelemetry.Meter.CreateObservableGauge("vmss.lb.backends", Backends, "{backend}", "Load balancer backends by state (registered, inPool, inService)");
    }

    /// <summary>Starts reporting a load balancer.</summary>
    public static void Add(string name, Func<(TrafficMeter Meter, int Registered, int InPool, int InService)> read) => Active[name] = read;

    /// <summary>Stops reporting it (its activation ended).</summary>
    public static void Remove(string name) => Active.TryRemove(name, out _);

    private static IEnumerable<Measurement<double>> Measure(Func<TrafficMeter, double> value) =>
        Snapshot().Select(kv => new Measurement<double>(value(kv.Value.Meter), new KeyValuePair<string, object?>("loadBalancer", kv.Key)));

    private static IEnumerable<Measurement<long>> Backends()
    {
        foreach (var (name, (_, registered, inPool, inService)) in Snapshot())
        {
            yield return new Measurement<long>(registered, Tags(name, "registered"));
            yield return new Measurement<long>(inPool, Tags(name, "inPool"));
            yield return new Measurement<long>(inService, Tags(name, "inService"));
        }
    }

    /// <summary>
    /// One reading of every load balancer per collection: offered, served and dropped are separate instruments,
    /// and on a scaled clock reading each at its own moment would let served exceed offered in one scrape.
    /// </summary>
    private static Dictionary<string, (TrafficMeter Meter, int Registered, int InPool, int InService)> Snapshot()
    {
        lock (Active)
        {
            var now = Environment.TickCount64;
            if (snapshot is null || now - snapshotAt > 250)
            {
                snapshot = Active.ToDictionary(kv => kv.Key, kv => kv.Value(), StringComparer.Ordinal);
                snapshotAt = now;
            }

            return snapshot;
        }
    }

    private static TagList Tags(string name, string state) => new() { { "loadBalancer", name }, { "state", state } };
}
