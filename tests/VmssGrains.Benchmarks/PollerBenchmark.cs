using System.Diagnostics;
using System.Globalization;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain;
using VmssGrains.Domain.Time;
using VmssGrains.Grains.Clock;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Scenarios;

/// <summary>
/// Whether observers change the run they observe: the seed's 6-VM demo with N instances (a rolling upgrade in batches of
/// 34 %) played on the embedded silo (as <c>simulate</c> plays it) with no status pollers and with P of them (from the
/// upgrade's start), each polling
/// in a loop what <c>watch</c> and an operator read (<c>get-latest</c>, one page of <c>list-instances --top 100</c>, one
/// instance's view), every interval of wall time. On the virtual clock it prints the upgrade's wall time (from the update
/// action to the end of the run) both ways and the slowdown;
/// on a scaled clock the simulated end both ways and its change. Medians over the repetitions.
/// Usage: <c>pollers [instances=20000] [pollers=100] [repetitions=3] [scaled clock=scaled:600] [interval ms=1000]</c>.
/// </summary>
internal static class PollerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var instances = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var pollers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var repetitions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        if (!ClockSpec.TryParse(args.Length > 3 ? args[3] : "scaled:600", out var scaled, out var error))
        {
            throw new ArgumentException(error);
        }

        var interval = TimeSpan.FromMilliseconds(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1000);
        var scenario = ScenarioReader.Read(ClockAccuracy.Demo(instances));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{instances:N0} instances (the 6-VM demo), 0 and {pollers} pollers (get-latest + a page of 100 + an instance view every {interval.TotalMilliseconds:0} ms each), {repetitions} repetitions (+1 warm-up), {Environment.ProcessorCount} cores"));

        var summary = new List<string>();
        foreach (var clock in new[] { ClockSpec.Virtual, scaled })
        {
            var quiet = await MeasureAsync(scenario, clock, 0, interval, repetitions);
            var observed = await MeasureAsync(scenario, clock, pollers, interval, repetitions);
            summary.Add(clock.Kind == ClockKind.Virtual
                ? string.Create(CultureInfo.InvariantCulture, $"virtual: upgrade {quiet.Wall:0.00} s wall without pollers, {observed.Wall:0.00} s with {pollers}: {(observed.Wall / quiet.Wall) - 1:+0.0%;-0.0%} (target at most +20 %); simulated end {IsoDuration.Format(quiet.End)} / {IsoDuration.Format(observed.End)}; {observed.Polls:N0} polls")
                : string.Create(CultureInfo.InvariantCulture, $"{clock}: simulated end {IsoDuration.Format(quiet.End)} without pollers, {IsoDuration.Format(observed.End)} with {pollers}: {(observed.End.TotalSeconds / quiet.End.TotalSeconds) - 1:+0.00%;-0.00%;0.00%} (target within 1 %); upgrade wall {quiet.Wall:0.00} s / {observed.Wall:0.00} s; {observed.Polls:N0} polls"));
        }

        Console.WriteLine("medians:");
        summary.ForEach(Console.WriteLine);
        return 0;
    }

    private static async Task<(double Wall, TimeSpan End, long Polls)> MeasureAsync(Scenario scenario, ClockSpec clock, int pollers, TimeSpan interval, int repetitions)
    {
        var walls = new List<double>();
        var ends = new List<TimeSpan>();
        long polls = 0;
        for (var i = 0; i <= repetitions; i++)
        {
            var (wall, end, count) = await PlayAsync(scenario, clock, pollers, interval);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {clock}, {pollers} pollers, {(i == 0 ? "warm-up" : $"run {i}")}: {wall.TotalSeconds:0.00} s wall, simulated {IsoDuration.Format(end)}, {count:N0} polls"));
            if (i > 0)
            {
                walls.Add(wall.TotalSeconds);
                ends.Add(end);
                polls = count;
            }
        }

        return (Median(walls), TimeSpan.FromTicks((long)Median([.. ends.Select(e => (double)e.Ticks)])), polls);
    }

    private static async Task<(TimeSpan Wall, TimeSpan End, long Polls)> PlayAsync(Scenario scenario, ClockSpec clock, int pollers, TimeSpan interval)
    {
        await using var cluster = await EmbeddedCluster.StartAsync(clock, Environment.GetEnvironmentVariable("VMSS_BENCH_LOG") == "1" ? Microsoft.Extensions.Logging.LogLevel.Warning : Microsoft.Extensions.Logging.LogLevel.Error);
        using var stop = new CancellationTokenSource();
        var count = new long[1];
        var name = scenario.ScaleSets[0].Name;
        var capacity = scenario.ScaleSets[0].Resource["sku"]!["capacity"]!.GetValue<int>();
        var polling = new List<Task>();
        try
        {
            // The upgrade's wall time: from the action that starts it (the image update) to the end of the run. The
            // pollers start with it, on a fleet that exists.
            var upgrade = Stopwatch.StartNew();
            var runner = new ScenarioRunner(cluster.Grains, cluster.ScenarioClock)
            {
                AfterAction = (_, _) =>
                {
                    polling.AddRange(Enumerable.Range(0, pollers).Select(p => PollAsync(cluster.Grains, name, capacity, p, interval, count, stop.Token)));
                    upgrade.Restart();
                    return Task.CompletedTask;
                },
            };
            var report = await runner.RunAsync(scenario);
            return (upgrade.Elapsed, report.SimulatedDuration, Interlocked.Read(ref count[0]));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(polling);
        }
    }

    /// <summary>One poller: get-latest, the next page of 100 instances, one instance's view; then waits out the interval.</summary>
    private static async Task PollAsync(IGrainFactory grains, string name, int capacity, int index, TimeSpan interval, long[] count, CancellationToken stop)
    {
        var scaleSet = grains.GetGrain<IScaleSetGrain>(name);
        string? page = null;
        var instance = index;

        // Spread over the interval, as independent observers are.
        await Wait(TimeSpan.FromTicks(interval.Ticks * (index % 100) / 100), stop);
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                _ = await scaleSet.GetLatestRollingUpgradeAsync(stop);
                page = (await scaleSet.ListInstancesPageAsync(100, page, cancellationToken: stop)).SkipToken;
                instance = (instance + 7919) % capacity;
                _ = await grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance(name, instance.ToString(CultureInfo.InvariantCulture))).GetStateAsync();
                Interlocked.Increment(ref count[0]);
            }
            catch (AzureException)
            {
                // Not created yet.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await Wait(interval - Stopwatch.GetElapsedTime(started), stop);
        }
    }

    private static async Task Wait(TimeSpan delay, CancellationToken stop)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await WallTime.DelayAsync(delay, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
