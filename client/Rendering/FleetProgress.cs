using System.Globalization;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Client.Rendering;

/// <summary>
/// Where live progress reads the fleet. In this process (the embedded silo, the reference engine) the counters are the
/// <see cref="SimulationMonitor"/>'s instance operations, read at no cost to the simulation; on <c>--cluster</c> there is
/// no monitor here, and they are the scenario's scale sets' newest rolling upgrades (instance upgrades ended and in
/// progress), read at most every <see cref="RunsEvery"/>. The run summary reads those too, where the scale sets can
/// be called (not on the reference engine, whose objects only its own thread may touch).
/// </summary>
public sealed class FleetProgress
{
    /// <summary>The shortest wall time between two reads of the scale sets' runs.</summary>
    public static readonly TimeSpan RunsEvery = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<string> scaleSets;
    private readonly SimulationMonitor? monitor;
    private readonly IGrainFactory? grains;
    private readonly Func<DateTimeOffset>? nowHere;
    private readonly Func<Task<DateTimeOffset>> now;
    private readonly TimeProvider wall;
    private readonly FleetRuns runs = new();
    private DateTimeOffset start;
    private long? runsReadAt;
    private FleetCounters latest = FleetCounters.Zero;

    private FleetProgress(IReadOnlyList<string> scaleSets, SimulationMonitor? monitor, IGrainFactory? grains, Func<DateTimeOffset>? nowHere, Func<Task<DateTimeOffset>> now, TimeProvider? wall)
    {
        this.scaleSets = scaleSets;
        this.monitor = monitor;
        this.grains = grains;
        this.nowHere = nowHere;
        this.now = now;
        this.wall = wall ?? TimeProvider.System;
    }

    /// <summary>What the counters count: <c>instance operations</c> (a monitor) or <c>instance upgrades</c> (rolling upgrades on a cluster).</summary>
    public string Noun => monitor is null ? "instance upgrades" : "instance operations";

    /// <summary>The scenario's scale sets.</summary>
    public IReadOnlyList<string> ScaleSets => scaleSets;

    /// <summary>The scale sets can be called from the progress thread (not on the reference engine).</summary>
    public IGrainFactory? Grains => grains;

    /// <summary>
    /// The counters in this process: <paramref name="monitor"/>'s instance operations, and simulated time from
    /// <paramref name="now"/> (both safe to read from any thread). <paramref name="grains"/>: the scale sets, when
    /// they may be called from another thread; null on the reference engine.
    /// </summary>
    public static Task<FleetProgress> StartAsync(IReadOnlyList<string> scaleSets, SimulationMonitor monitor, Func<DateTimeOffset> now, IGrainFactory? grains, TimeProvider? wall = null) =>
        new FleetProgress(scaleSets, monitor, grains, now, () => Task.FromResult(now()), wall).StartAsync();

    /// <summary>The counters of a remote cluster: the scale sets' newest rolling upgrades, and simulated time from <paramref name="now"/> (a grain call).</summary>
    public static Task<FleetProgress> StartAsync(IReadOnlyList<string> scaleSets, IGrainFactory grains, Func<Task<DateTimeOffset>> now, TimeProvider? wall = null) =>
        new FleetProgress(scaleSets, null, grains, null, now, wall).StartAsync();

    /// <summary>
    /// The counters as cheaply as they can be had, with no call: the monitor's now, or those of the last
    /// <see cref="ReadAsync(CancellationToken)"/> on a cluster. Safe from any thread.
    /// </summary>
    public FleetCounters Current => monitor is not null && nowHere is not null ? Counters(nowHere()) : Volatile.Read(ref latest);

    /// <summary>Reads the counters (on a cluster: the runs, when <see cref="RunsEvery"/> has passed since the last read, and the clock).</summary>
    public Task<FleetCounters> ReadAsync(CancellationToken cancellationToken) => ReadAsync(false, cancellationToken);

    /// <summary>Reads the final counters (on a cluster: the runs whenever they were last read, and the clock).</summary>
    public Task<FleetCounters> ReadFinalAsync(CancellationToken cancellationToken) => ReadAsync(true, cancellationToken);

    /// <summary>
    /// The summary lines under the fleet line (<see cref="FleetRuns.Summary"/>), the runs read at most every
    /// <see cref="RunsEvery"/>; without callable scale sets, the runs under way as the monitor counts them.
    /// </summary>
    public async Task<IReadOnlyList<string>> SummaryAsync(CancellationToken cancellationToken)
    {
        if (grains is null)
        {
            return [string.Create(CultureInfo.InvariantCulture, $"  runs under way: {monitor?.ActiveRuns ?? 0:N0}")];
        }

        await ReadRunsAsync(false, cancellationToken);
        return runs.Summary();
    }

    private FleetCounters Counters(DateTimeOffset time) => monitor is not null
        ? new(monitor.OperationsEnded, monitor.ActiveOperations, time - start)
        : new(runs.Ended, runs.UnderWay, time - start);

    private async Task<FleetProgress> StartAsync()
    {
        start = await now();
        return this;
    }

    private async Task<FleetCounters> ReadAsync(bool fresh, CancellationToken cancellationToken)
    {
        if (monitor is null)
        {
            await ReadRunsAsync(fresh, cancellationToken);
        }

        var counters = Counters(await now());
        Volatile.Write(ref latest, counters);
        return counters;
    }

    private async Task ReadRunsAsync(bool fresh, CancellationToken cancellationToken)
    {
        if (grains is null || (!fresh && runsReadAt is { } at && wall.GetElapsedTime(at) < RunsEvery))
        {
            return;
        }

        runsReadAt = wall.GetTimestamp();
        runs.Observe(await Task.WhenAll(scaleSets.Select(async name =>
        {
            var scaleSet = grains.GetGrain<IScaleSetGrain>(name);
            return await scaleSet.ExistsAsync()
                ? new ScaleSetRun(name, true, (await scaleSet.GetLatestRollingUpgradeAsync(cancellationToken))?.Run)
                : new ScaleSetRun(name, false, null);
        })));
    }
}
