using System.Diagnostics;
using System.Globalization;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Benchmarks.Fleet;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Domain.Time;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Simulation.Reference;
using VmssGrains.Tests.Shared;

// Fleet-scale rolling upgrades on an in-process multi-silo cluster on the virtual clock, and the same fleet on the
// reference engine; the ratio of their wall times.
// Usage: dotnet run -c Release --project tests/VmssGrains.Benchmarks -- [instances=5000 (a comma list: 1000,10000)] [repetitions=5] [silos=2] [store=memory|redis|redis-each]
// (silos 0: the reference engine only; redis: a redis-server of its own holds grain state and reminders; redis-each: written at every decision)
// Or: clock SCENARIO|fleet:N CLOCK [repetitions=3] — how exact a scaled clock's timeline is (ClockAccuracy.cs).
// Or: fleet SETSxINSTANCES [--silos 2] [--engine orleans|reference|both] [--repetitions 1] — a fleet of scale sets, each
// behind its own load balancer, created and rolling-upgraded on each engine, every run in its own process (Fleet/).
// Or: pollers [instances=20000] [pollers=100] [repetitions=3] [scaled clock=scaled:600] [interval ms=1000] — whether
// status pollers slow a run down on the virtual clock or move its simulated end on a scaled one (PollerBenchmark.cs).
if (args is ["clock", .. var clockArgs])
{
    await ClockAccuracy.RunAsync(clockArgs);
    return 0;
}

if (args is ["pollers", .. var pollerArgs])
{
    return await PollerBenchmark.RunAsync(pollerArgs);
}

if (args is ["fleet", .. var fleetArgs])
{
    return await FleetBenchmark.RunAsync(fleetArgs);
}

var sizes = (args.Length > 0 ? args[0] : "5000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var silos = args.Length > 2 ? short.Parse(args[2], CultureInfo.InvariantCulture) : (short)2;

await using var redis = args.Length > 3 && args[3] is "redis" or "redis-each" ? await RedisServer.StartAsync() : null;
using var host = SimulationHost.Create(ClockSpec.Virtual);
await using var cluster = SimulationClusters.Builder(Math.Max(silos, (short)1), host, store: redis is null ? null : GrainStore.Redis(redis.ConnectionString) with { WriteEveryDecision = args[3] == "redis-each" }).Build();
await cluster.DeployAsync();
await AddImagesAsync(cluster.Client);

var timing = new TimingProfile
{
    Drain = Distribution.Fixed(TimeSpan.FromSeconds(10)),
    Reimage = Distribution.Fixed(TimeSpan.FromMinutes(3)),
    Boot = Distribution.Fixed(TimeSpan.FromMinutes(1)),
    Extension = Distribution.Fixed(TimeSpan.FromMinutes(2)),
};
const string patch = """{ "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "id": "/s/galleries/g/images/web/versions/1.1.0" } } } } }""";

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", sizes)} instances, {silos} silos, {repetitions} repetitions (+1 warm-up), virtual clock, {(redis is null ? "memory" : "Redis")} store, {Environment.ProcessorCount} cores"));
var summary = new List<string>();
foreach (var instances in sizes)
{
    var json = Fleet(instances);

    // Orleans: one cluster for every size and repetition, one scale set each.
    var (orleansCreate, orleansRun, orleansEnd) = silos == 0 ? (double.NaN, double.NaN, default) : await MeasureAsync($"orleans {instances}", repetitions, async i =>
    {
        var scaleSet = cluster.Client.GetGrain<IScaleSetGrain>($"bench-{instances}-{i}");
        return await UpgradeAsync(scaleSet, json, () => host.VirtualClock!.GetUtcNow(), limit => host.VirtualClock!.RunUntilIdleAsync(limit, () => host.Monitor.IsSettled), true);
    });

    // The reference engine: a fresh engine per repetition (nothing to delete).
    var (referenceCreate, referenceRun, referenceEnd) = await MeasureAsync($"reference {instances}", repetitions, async _ =>
    {
        var engine = new ReferenceEngine(VirtualClock.DefaultEpoch);
        var grains = new ReferenceGrains(engine);
        await AddImagesAsync(grains);
        return await UpgradeAsync(grains.GetGrain<IScaleSetGrain>("bench"), json, () => engine.Now, limit => Task.FromResult(engine.RunUntilIdle(limit, () => engine.Monitor.IsSettled)), false);
    });

    summary.Add(silos == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{instances,9:N0} instances: create {referenceCreate:0.000} s, rolling upgrade {referenceRun:0.000} s (reference); simulated end {IsoDuration.Format(referenceEnd)}")
        : string.Create(CultureInfo.InvariantCulture, $"{instances,9:N0} instances: create {orleansCreate:0.000} s vs {referenceCreate:0.000} s, rolling upgrade {orleansRun:0.000} s (Orleans, {silos} silos) vs {referenceRun:0.000} s (reference): {orleansRun / referenceRun:0.0}x; simulated end {IsoDuration.Format(orleansEnd)} / {IsoDuration.Format(referenceEnd)}"));
}

Console.WriteLine($"medians (wall time); clock underflows {host.VirtualClock!.Underflows}:");
summary.ForEach(Console.WriteLine);
return 0;

async Task<(double Create, double Run, TimeSpan Simulated)> MeasureAsync(string label, int count, Func<int, Task<(TimeSpan Create, TimeSpan Run, TimeSpan Simulated, string Outcome)>> once)
{
    var creates = new List<double>();
    var runs = new List<double>();
    TimeSpan simulated = default;
    for (var i = 0; i <= count; i++)
    {
        var (created, ran, end, outcome) = await once(i);
        simulated = end;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label} {(i == 0 ? "warm-up" : $"run {i}")}: create {created.TotalSeconds:0.000} s, upgrade {ran.TotalSeconds:0.000} s wall, simulated {IsoDuration.Format(end)}, {outcome}"));
        if (i > 0)
        {
            creates.Add(created.TotalSeconds);
            runs.Add(ran.TotalSeconds);
        }
    }

    return (Median(creates), Median(runs), simulated);
}

async Task<(TimeSpan Create, TimeSpan Run, TimeSpan Simulated, string Outcome)> UpgradeAsync(
    IScaleSetGrain scaleSet, string json, Func<DateTimeOffset> now, Func<DateTimeOffset, Task<DateTimeOffset>> runUntilSettled, bool delete)
{
    var wall = Stopwatch.StartNew();
    await scaleSet.CreateOrUpdateAsync(json, new SimulationSettings { Seed = 1, Timing = timing });
    var created = wall.Elapsed;
    var start = now();
    wall.Restart();
    await scaleSet.UpdateAsync(patch);
    var end = await runUntilSettled(start + TimeSpan.FromDays(10));
    var ran = wall.Elapsed;
    var latest = await scaleSet.GetLatestRollingUpgradeAsync();
    if (delete)
    {
        await scaleSet.DeleteAsync();
    }

    return (created, ran, end - start, $"{latest!.Run.Code}, {latest.Run.Succeeded.Count} upgraded");
}

static Task AddImagesAsync(IGrainFactory grains) => grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).AddVersionsAsync([
    new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.0.0") },
    new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.1.0") }]);

static string Fleet(int instances) => $$"""
{ "sku": { "capacity": {{instances}} }, "properties": { "upgradePolicy": { "mode": "Rolling", "rollingUpgradePolicy": { "maxBatchInstancePercent": 20, "pauseTimeBetweenBatches": "PT5M" } },
  "virtualMachineProfile": {
    "storageProfile": { "imageReference": { "id": "/s/galleries/g/images/web/versions/1.0.0" } },
    "networkProfile": { "healthProbe": { "id": "/s/loadBalancers/bench-lb/probes/http" } },
    "extensionProfile": { "extensions": [ { "name": "app", "properties": { "type": "CustomScript" } } ] } } } }
""";

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
