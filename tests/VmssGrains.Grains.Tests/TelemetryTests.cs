using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Faults;
using VmssGrains.Grains.Telemetry;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Grains.Tests;

/// <summary>What a run exports through OpenTelemetry, read back with the in-memory exporters.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TelemetryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task RollingRun_ExportsExactInstrumentValues()
    {
        const string name = "telemetry-metrics";
        var metrics = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(VmssTelemetry.Name).AddInMemoryExporter(metrics).Build();
        await fixture.CreateAsync(name, Fleets.ScaleSet(10));

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();
        provider.ForceFlush();

        Assert.Equal(1, Sum(metrics, "vmss.runs.started", name));
        Assert.Equal(1, Sum(metrics, "vmss.runs.completed", name));
        Assert.Equal(0, Sum(metrics, "vmss.runs.faulted", name));
        Assert.Equal(10, Sum(metrics, "vmss.instances", name, ("state", "Running"), ("health", "Healthy"), ("latestModelApplied", "true")));
        Assert.Equal(0, Sum(metrics, "vmss.instances", name, ("latestModelApplied", "false")));
        Assert.Equal((5, 5 * 380.0), Histogram(metrics, "vmss.batch.duration", name));
        Assert.Equal((10, 10 * 380.0), Histogram(metrics, "vmss.instance.upgrade.duration", name, ("result", "Succeeded"), ("imageVersion", "1.1.0")));
        Assert.Equal(10, Gauge(metrics, "vmss.run.instances", name, ("progress", "successful")));
        Assert.Equal(0, Gauge(metrics, "vmss.run.instances", name, ("progress", "pending")));
        Assert.Equal(20, Gauge(metrics, "vmss.unhealthy.limit.percent", name));
        Assert.Equal(0, Gauge(metrics, "vmss.upgraded_unhealthy.percent", name));
    }

    [Fact]
    public async Task FaultedRun_CountsTheFaultAndTheUpgradedUnhealthyPercent()
    {
        const string name = "telemetry-faulted";
        var metrics = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(VmssTelemetry.Name).AddInMemoryExporter(metrics).Build();
        var faults = new FaultRules { ExtensionFailures = [new ExtensionFault("app", 0, ["0"])] };
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, policy: Fleets.Policy(upgradedUnhealthy: 0)), faults: faults);

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();
        provider.ForceFlush();

        Assert.Equal(1, Sum(metrics, "vmss.runs.faulted", name));
        Assert.Equal(0, Sum(metrics, "vmss.runs.completed", name));
        Assert.Equal(50, Gauge(metrics, "vmss.upgraded_unhealthy.percent", name));
        Assert.Equal(0, Gauge(metrics, "vmss.upgraded_unhealthy.limit.percent", name));
        Assert.Equal(1, Histogram(metrics, "vmss.instance.upgrade.duration", name, ("result", "Failed")).Count);
    }

    [Fact]
    public async Task RollingRun_TracesOneRunSpanWithABatchSpanPerBatchAndAnInstanceSpanPerInstanceWithItsSteps()
    {
        const string name = "telemetry-traces";
        var spans = new List<Activity>();
        using var provider = Sdk.CreateTracerProviderBuilder().AddSource(VmssTelemetry.Name).AddInMemoryExporter(spans).Build();
        await fixture.CreateAsync(name, Fleets.ScaleSet(4, policy: Fleets.Policy(batch: 50, unhealthy: 50)));
        var start = fixture.Now;

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();
        provider.ForceFlush();

        var run = Assert.Single(spans, s => s.DisplayName == $"RollingUpgrade {name}");
        Assert.Equal((start.UtcDateTime, TimeSpan.FromSeconds(760)), (run.StartTimeUtc, run.Duration));
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
        var batches = spans.Where(s => s.ParentSpanId == run.SpanId).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(["batch 1", "batch 2"], batches.Select(b => b.DisplayName).ToArray());
        Assert.All(batches, b => Assert.Equal(TimeSpan.FromSeconds(380), b.Duration));
        var instances = batches.Select(b => spans.Where(s => s.ParentSpanId == b.SpanId).Select(s => s.DisplayName).Order().ToArray()).ToArray();
        Assert.Equal([["instance 0 Upgrade", "instance 1 Upgrade"], ["instance 2 Upgrade", "instance 3 Upgrade"]], instances);
        var instance = spans.Single(s => s.DisplayName == "instance 3 Upgrade" && s.TraceId == run.TraceId);
        var steps = spans.Where(s => s.ParentSpanId == instance.SpanId).OrderBy(s => s.StartTimeUtc).ThenBy(s => s.Duration).ToList();
        Assert.Equal(
            [("drain", 10.0), ("reimage", 180), ("boot", 60), ("extension app", 120), ("probe", 10), ("rejoin", 0)],
            steps.Select(s => (s.DisplayName, Math.Round(s.Duration.TotalSeconds))).ToArray());
        Assert.All(spans.Where(s => s.TraceId == run.TraceId), s => Assert.Equal(name, s.GetTagItem("scaleSet")));
    }

    [Fact]
    public async Task RunSpan_JoinsTheCallersTrace_AcrossTheClientAndTheSilos()
    {
        const string name = "telemetry-propagation";
        var spans = new List<Activity>();
        using var caller = new ActivitySource("VmssGrains.Tests");
        using var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(VmssTelemetry.Name, caller.Name)
            .AddSource(TelemetryExtensions.OrleansSources)
            .AddInMemoryExporter(spans)
            .Build();
        await fixture.CreateAsync(name, Fleets.ScaleSet(2, policy: Fleets.Policy(batch: 50, unhealthy: 50)));

        using (var update = caller.StartActivity("vmss update"))
        {
            Assert.NotNull(update);
            await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        }

        await fixture.SettleAsync();
        provider.ForceFlush();

        var root = Assert.Single(spans, s => s.DisplayName == "vmss update");
        var run = Assert.Single(spans, s => s.DisplayName == $"RollingUpgrade {name}");
        Assert.Equal(root.TraceId, run.TraceId);
        var inTrace = spans.Where(s => s.TraceId == root.TraceId).Select(s => s.DisplayName).ToList();
        Assert.Equal(2, inTrace.Count(n => n.StartsWith("batch ", StringComparison.Ordinal)));
        Assert.Equal(["instance 0 Upgrade", "instance 1 Upgrade"], inTrace.Where(n => n.StartsWith("instance ", StringComparison.Ordinal)).Order());
    }

    /// <summary>
    /// The rate gauges are the traffic model's requests per simulated second, and the counters grow by exactly that
    /// per simulated second: 1,500 offered, 100 per in-service instance, 10 instances, batches of 2 (8 in service
    /// for the whole run of 5 × 380 s). On the virtual clock the run takes a fraction of a wall second, so a rate
    /// over wall time would be thousands of times larger; the gauges do not depend on the clock.
    /// </summary>
    [Fact]
    public async Task LoadBalancerRates_ArePerSimulatedSecond_AndTheCountersGrowByThemOverSimulatedTime()
    {
        const string name = "telemetry-rates";
        const string lb = "telemetry-rates-lb";
        var metrics = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(VmssTelemetry.Name).AddInMemoryExporter(metrics).Build();
        await fixture.Grains.GetGrain<ILoadBalancerGrain>(lb).ConfigureAsync(new LoadBalancerConfig { RequestsPerSecond = 1500, CapacityPerInstance = 100 });
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, loadBalancer: lb));
        var start = fixture.Now;

        var before = await LoadBalancerReadingAsync(provider, metrics, lb, 0);
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.Clock.RunUntilAsync(start + TimeSpan.FromSeconds(100));
        var during = await LoadBalancerReadingAsync(provider, metrics, lb, 1500 * 100);
        var end = await fixture.SettleAsync();
        var after = await LoadBalancerReadingAsync(provider, metrics, lb, 1500 * 1900);

        Assert.Equal(TimeSpan.FromSeconds(1900), end - start);
        Assert.Equal(new LoadBalancerReading(1500, 1000, 500, 0, 0, 0, 100, 10), before);
        Assert.Equal(new LoadBalancerReading(1500, 800, 700, 150_000, 80_000, 70_000, 80, 10), during);
        Assert.Equal(new LoadBalancerReading(1500, 1000, 500, 2_850_000, 1_520_000, 1_330_000, 100, 10), after);
    }

    /// <summary>
    /// Collects until the offered counter of <paramref name="loadBalancer"/> is <paramref name="offered"/> (the
    /// instruments cache one reading of every load balancer for 250 ms of wall time), or for at most 10 s of wall time.
    /// </summary>
    private static async Task<LoadBalancerReading?> LoadBalancerReadingAsync(MeterProvider provider, List<Metric> metrics, string loadBalancer, double offered)
    {
        var deadline = Stopwatch.StartNew();
        LoadBalancerReading? reading = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            metrics.Clear();
            provider.ForceFlush();
            double Value(string instrument) => LoadBalancerPoints(metrics, instrument, loadBalancer)
                .Select(p => p.Type.IsSum() ? p.Point.GetSumDouble() : p.Point.GetGaugeLastValueDouble()).DefaultIfEmpty(double.NaN).Last();
            reading = new LoadBalancerReading(
                Value("vmss.lb.requests.offered.per_second"),
                Value("vmss.lb.requests.served.per_second"),
                Value("vmss.lb.requests.dropped.per_second"),
                Value("vmss.lb.requests.offered"),
                Value("vmss.lb.requests.served"),
                Value("vmss.lb.requests.dropped"),
                Value("vmss.lb.in_service.percent"),
                Value("vmss.lb.target_capacity"));
            if (reading.Offered == offered)
            {
                return reading;
            }

            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }

        return reading;
    }

    private static IEnumerable<(MetricPoint Point, MetricType Type)> LoadBalancerPoints(List<Metric> metrics, string instrument, string loadBalancer)
    {
        var found = new List<(MetricPoint, MetricType)>();
        foreach (var metric in metrics.Where(m => m.Name == instrument))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == "loadBalancer" && Equals(tag.Value, loadBalancer))
                    {
                        found.Add((point, metric.MetricType));
                    }
                }
            }
        }

        return found;
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string instrument, string scaleSet, params (string Key, string Value)[] tags)
    {
        foreach (var metric in metrics.Where(m => m.Name == instrument))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    pointTags[tag.Key] = tag.Value;
                }

                if (Equals(pointTags.GetValueOrDefault("scaleSet"), scaleSet) && tags.All(t => Equals(pointTags.GetValueOrDefault(t.Key), t.Value)))
                {
                    yield return point;
                }
            }
        }
    }

    private static long Sum(List<Metric> metrics, string instrument, string scaleSet, params (string, string)[] tags) =>
        Points(metrics, instrument, scaleSet, tags).Sum(p => p.GetSumLong());

    private static double Gauge(List<Metric> metrics, string instrument, string scaleSet, params (string, string)[] tags)
    {
        var points = Points(metrics, instrument, scaleSet, tags).ToList();
        Assert.NotEmpty(points);
        return points.Sum(p => instrument == "vmss.run.instances" ? p.GetGaugeLastValueLong() : p.GetGaugeLastValueDouble());
    }

    private static (long Count, double Sum) Histogram(List<Metric> metrics, string instrument, string scaleSet, params (string, string)[] tags)
    {
        var points = Points(metrics, instrument, scaleSet, tags).ToList();
        return (points.Sum(p => p.GetHistogramCount()), points.Sum(p => p.GetHistogramSum()));
    }
}
