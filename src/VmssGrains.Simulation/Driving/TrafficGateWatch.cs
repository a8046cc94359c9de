using System.Collections.Immutable;
using VmssGrains.Domain;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Load;
using VmssGrains.Grains.Clock;

namespace VmssGrains.Simulation.Driving;

/// <summary>
/// Plays a scenario's traffic gates (docs/behaviour.md#traffic-gate) for <see cref="ScenarioRunner"/>, on either engine:
/// it moves simulated time a whole minute at a time, reads the watched load balancers' totals at each whole minute
/// of the scenario, and cancels a scale set's rolling upgrade in progress, as the <c>cancel</c> action does, when a
/// gate's window breaches its threshold. Each halt is an entry of the report's <c>actions[]</c>.
/// </summary>
internal sealed class TrafficGateWatch(IGrainFactory grains, ImmutableArray<TrafficGate> gates, DateTimeOffset start)
{
    /// <summary>Per load balancer, its totals (offered, served, dropped) at each whole minute from the start (index = minute).</summary>
    private readonly Dictionary<string, List<(double Offered, double Served, double Dropped)>> totals =
        gates.Select(g => g.LoadBalancer).Distinct(StringComparer.Ordinal).ToDictionary(n => n, _ => new List<(double, double, double)>(), StringComparer.Ordinal);

    /// <summary>The runs a gate has halted (scale set and run id): each run is halted once.</summary>
    private readonly HashSet<(string, string)> halted = [];

    /// <summary>The last whole minute read (-1 before the start was read).</summary>
    private int minute = -1;

    private static DateTimeOffset MinuteAt(DateTimeOffset start, int minute) => start + TimeSpan.FromMinutes(minute);

    /// <summary>The next whole minute of the scenario at which the gates are checked.</summary>
    public DateTimeOffset NextCheck => MinuteAt(start, minute + 1);

    /// <summary>Reads the watched load balancers' totals at the scenario's start (minute 0), before any action.</summary>
    public Task StartAsync(List<ActionResult> results, CancellationToken cancellationToken) => CheckPendingAsync(results, cancellationToken);

    /// <summary>Checks the gates at <see cref="NextCheck"/>, which simulated time has reached.</summary>
    public async Task CheckNextAsync(List<ActionResult> results, CancellationToken cancellationToken)
    {
        await CheckPendingAsync(results, cancellationToken);
        await CheckAsync(MinuteAt(start, ++minute), results, cancellationToken);
    }

    /// <summary>Runs until every run and operation has ended (or <paramref name="limit"/>), checking the gates at every whole minute on the way.</summary>
    public async Task<DateTimeOffset> RunUntilSettledAsync(IScenarioClock clock, DateTimeOffset limit, List<ActionResult> results, CancellationToken cancellationToken)
    {
        await CheckPendingAsync(results, cancellationToken);
        while (true)
        {
            var next = MinuteAt(start, minute + 1);
            if (next > limit)
            {
                return await clock.RunUntilSettledAsync(limit, cancellationToken);
            }

            // Settled before the next minute: the run is over; otherwise the gates are checked there.
            var reached = await clock.RunUntilSettledAsync(next, cancellationToken);
            if (reached < next)
            {
                return reached;
            }

            await CheckAsync(next, results, cancellationToken);
            minute++;
        }
    }

    /// <summary>Reads the start's totals once (minute 0).</summary>
    private async Task CheckPendingAsync(List<ActionResult> results, CancellationToken cancellationToken)
    {
        if (minute < 0)
        {
            await CheckAsync(start, results, cancellationToken);
            minute = 0;
        }
    }

    /// <summary>At whole minute <paramref name="at"/>: records the totals, then checks each gate whose scale set has a rolling upgrade in progress.</summary>
    private async Task CheckAsync(DateTimeOffset at, List<ActionResult> results, CancellationToken cancellationToken)
    {
        CallTime.Set(at);
        try
        {
            foreach (var (name, list) in totals)
            {
                var meter = (await grains.GetGrain<ILoadBalancerGrain>(name).GetStatusAsync()).Traffic;
                list.Add((meter.Offered, meter.Served, meter.Dropped));
            }

            foreach (var gate in gates)
            {
                await CheckAsync(gate, at, results, cancellationToken);
            }
        }
        finally
        {
            CallTime.Clear();
        }
    }

    private async Task CheckAsync(TrafficGate gate, DateTimeOffset at, List<ActionResult> results, CancellationToken cancellationToken)
    {
        var scaleSet = grains.GetGrain<IScaleSetGrain>(gate.ScaleSet);
        if (await scaleSet.GetLatestRollingUpgradeAsync(cancellationToken) is not { Run: { IsEnded: false } run } || halted.Contains((gate.ScaleSet, run.RunId)))
        {
            return;
        }

        // The window's traffic: the totals now less those a window ago (or at the start).
        var list = totals[gate.LoadBalancer];
        var (now, then) = (list[^1], list[Math.Max(0, list.Count - 1 - (int)(gate.Window.Ticks / TimeSpan.TicksPerMinute))]);
        if (gate.Breach(now.Offered - then.Offered, now.Served - then.Served, now.Dropped - then.Dropped) is not { } breach)
        {
            return;
        }

        halted.Add((gate.ScaleSet, run.RunId));
        try
        {
            await scaleSet.CancelRollingUpgradeAsync(cancellationToken);
            results.Add(new ActionResult(at - start, TrafficGate.ActionName, gate.ScaleSet, "Succeeded", Message: breach));
        }
        catch (AzureException e)
        {
            results.Add(new ActionResult(at - start, TrafficGate.ActionName, gate.ScaleSet, "Failed", e.Code, e.Message, Message: breach));
        }
    }
}
