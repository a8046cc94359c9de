using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Domain.Time;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

// Fleet-scale rolling upgrades on an in-process 2-silo cluster on the virtual clock.
// Usage: dotnet run -c Release --project tests/VmssGrains.Benchmarks -- [instances=5000] [repetitions=5] [silos=2]
var instances = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var silos = args.Length > 2 ? short.Parse(args[2], CultureInfo.InvariantCulture) : (short)2;

using var host = SimulationHost.Create(ClockSpec.Virtual);
var builder = new InProcessTestClusterBuilder(silos);
builder.ConfigureSilo((_, silo) => silo.AddVmssGrains(host));
builder.ConfigureSiloHost((_, siloHost) => siloHost.Logging.SetMinimumLevel(LogLevel.Warning));
builder.ConfigureClientHost(clientHost => clientHost.Logging.SetMinimumLevel(LogLevel.Warning));
builder.ConfigureClient(client => client.AddVmssSimulationClient(host));
await using var cluster = builder.Build();
await cluster.DeployAsync();
var grains = cluster.Client;
await grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).AddVersionsAsync([
    new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.0.0") },
    new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.1.0") }]);

var timing = new TimingProfile
{
    Drain = Distribution.Fixed(TimeSpan.FromSeconds(10)),
    Reimage = Distribution.Fixed(TimeSpan.FromMinutes(3)),
    Boot = Distribution.Fixed(TimeSpan.FromMinutes(1)),
    Extension = Distribution.Fixed(TimeSpan.FromMinutes(2)),
};
var json = $$"""
{ "sku": { "capacity": {{instances}} }, "properties": { "upgradePolicy": { "mode": "Rolling", "rollingUpgradePolicy": { "maxBatchInstancePercent": 20, "pauseTimeBetweenBatches": "PT5M" } },
  "virtualMachineProfile": {
    "storageProfile": { "imageReference": { "id": "/s/galleries/g/images/web/versions/1.0.0" } },
    "networkProfile": { "healthProbe": { "id": "/s/loadBalancers/bench-lb/probes/http" } },
    "extensionProfile": { "extensions": [ { "name": "app", "properties": { "type": "CustomScript" } } ] } } } }
""";
const string patch = """{ "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "id": "/s/galleries/g/images/web/versions/1.1.0" } } } } }""";

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instances} instances, {silos} silos, {repetitions} repetitions (+1 warm-up), virtual clock, {Environment.ProcessorCount} cores"));
var creates = new List<double>();
var runs = new List<double>();
TimeSpan simulated = default;
for (var i = 0; i <= repetitions; i++)
{
    var name = $"bench-{i}";
    var scaleSet = grains.GetGrain<IScaleSetGrain>(name);
    var wall = Stopwatch.StartNew();
    await scaleSet.CreateOrUpdateAsync(json, new SimulationSettings { Seed = 1, Timing = timing });
    var created = wall.Elapsed;
    var start = host.VirtualClock!.GetUtcNow();
    wall.Restart();
    await scaleSet.UpdateAsync(patch);
    var end = await host.VirtualClock.RunUntilIdleAsync(start + TimeSpan.FromDays(10), () => host.Monitor.IsSettled);
    var ran = wall.Elapsed;
    var latest = await scaleSet.GetLatestRollingUpgradeAsync();
    simulated = end - start;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(i == 0 ? "warm-up" : $"run {i}")}: create {created.TotalSeconds:0.00} s, upgrade {ran.TotalSeconds:0.00} s wall, simulated {IsoDuration.Format(simulated)}, {latest!.Run.Code}, {latest.Run.Succeeded.Count} upgraded"));
    if (i > 0)
    {
        creates.Add(created.TotalSeconds);
        runs.Add(ran.TotalSeconds);
    }

    await scaleSet.DeleteAsync();
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: create {Median(creates):0.00} s, rolling upgrade {Median(runs):0.00} s wall, simulated end {IsoDuration.Format(simulated)}; clock underflows {host.VirtualClock!.Underflows}"));

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
