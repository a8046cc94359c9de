using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Client.Cli;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain.Model;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Client.Commands;

/// <summary>
/// <c>watch -n NAME</c>: live progress of a scale set (run status, batches, instances by state, in-service
/// count, simulated clock) redrawn in place on a terminal, one plain line per change otherwise.
/// </summary>
public static class WatchCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        var interval = new Option<double>("--interval") { Description = "Seconds of wall time between refreshes", DefaultValueFactory = _ => 1 };
        var untilDone = new Option<bool>("--until-settled") { Description = "Stop once no run or operation is under way" };
        return Verb.Create("watch", "Watch a scale set's upgrade live", output, error, [name, interval, untilDone], async (context, client, cancellationToken) =>
        {
            var scaleSet = client.GetGrain<IScaleSetGrain>(context.Get(name)!);
            var clock = client.GetGrain<IClusterClockGrain>(0);
            var period = TimeSpan.FromSeconds(Math.Clamp(context.Get(interval), 0.1, 60));
            var stop = context.Get(untilDone);
            if (Terminal.IsInteractive(context.Out) && !context.Json)
            {
                await Terminal.For(context.Out).Live(new Text("connecting…")).StartAsync(async live =>
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        var (view, settled) = await ReadAsync(scaleSet, clock, cancellationToken);
                        live.UpdateTarget(Render(view));
                        live.Refresh();
                        if (stop && settled)
                        {
                            return;
                        }

                        await WallTime.DelayAsync(period, cancellationToken);
                    }
                });
                return ExitCodes.Ok;
            }

            string? last = null;
            while (!cancellationToken.IsCancellationRequested)
            {
                var (view, settled) = await ReadAsync(scaleSet, clock, cancellationToken);
                var line = Line(view);
                if (line != last)
                {
                    await context.Out.WriteLineAsync($"{view.Time.Now:HH:mm:ss} {line}");
                    last = line;
                }

                if (stop && settled)
                {
                    return ExitCodes.Ok;
                }

                await WallTime.DelayAsync(period, cancellationToken);
            }

            return ExitCodes.Ok;
        });
    }

    private static async Task<(WatchView View, bool Settled)> ReadAsync(IScaleSetGrain scaleSet, IClusterClockGrain clock, CancellationToken cancellationToken)
    {
        // Settled first, then the view: read the other way round, a run that ends between the two reads would
        // stop --until-settled on a view from before its end, and the last line printed would be stale.
        var settled = await scaleSet.IsSettledAsync();
        var snapshot = await scaleSet.GetSnapshotAsync(cancellationToken);
        var time = await clock.GetNowAsync();
        return (new WatchView(snapshot, time), settled);
    }

    private static string Line(WatchView view)
    {
        var s = view.Snapshot;
        var run = s.Runs.Length > 0 ? s.Runs[^1].Run : null;
        var counts = Counts(s);
        var runText = run is null ? "no run" : $"{run.Kind} {run.Code} batch {run.Batches.Count} ({run.Succeeded.Count} ok, {run.Failed.Count} failed, {run.InFlight.Count} in progress, {run.Pending.Count} pending)";
        return string.Create(CultureInfo.InvariantCulture, $"{s.Name}: {runText} | in service {counts.InService}/{s.Instances.Length}, upgrading {counts.Upgrading}, unhealthy {counts.Unhealthy}, stale {counts.Stale}");
    }

    private static (int InService, int Upgrading, int Unhealthy, int Stale) Counts(ScaleSetSnapshot s) => (
        s.Instances.Count(i => !i.Busy && i.Health == HealthState.Healthy),
        s.Instances.Count(i => i.Busy),
        s.Instances.Count(i => !i.Busy && i.IsUnhealthy),
        s.Instances.Count(i => i.ModelVersion != s.ModelVersion));

    private static IRenderable Render(WatchView view)
    {
        var s = view.Snapshot;
        var counts = Counts(s);
        var header = new Markup(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{s.Name} · model version {s.ModelVersion} · simulated {view.Time.Now:yyyy-MM-dd HH:mm:ss} ({view.Time.Clock})")));
        var fleet = new BarChart()
            .Width(60)
            .Label("Instances")
            .AddItem("In service", counts.InService, Color.Green)
            .AddItem("Upgrading", counts.Upgrading, Color.Blue)
            .AddItem("Unhealthy", counts.Unhealthy, Color.Red)
            .AddItem("Stale", counts.Stale, Color.Grey);
        var rows = new List<IRenderable> { header, fleet };
        if (s.Runs.Length > 0)
        {
            var run = s.Runs[^1].Run;
            rows.Add(new Markup(Markup.Escape($"{run.Kind} run: {run.Code} · {run.Succeeded.Count} succeeded, {run.Failed.Count} failed, {run.InFlight.Count} in progress, {run.Pending.Count} pending")));
            if (run.Error is { } e)
            {
                rows.Add(new Markup($"[red]{Markup.Escape(e.Code)}[/]"));
            }

            var batches = new Table().Border(TableBorder.Simple).AddColumns("Batch", "Zone", "Instances", "Started", "Ended");
            foreach (var b in run.Batches.TakeLast(8))
            {
                batches.AddRow($"{b.Index}", b.Zone ?? "—", $"{b.InstanceIds.Length}", $"{b.StartTime:HH:mm:ss}", b.EndTime is { } end ? $"{end:HH:mm:ss}" : "running");
            }

            rows.Add(batches);
        }

        return new Rows(rows);
    }

    private sealed record WatchView(ScaleSetSnapshot Snapshot, ClusterTime Time);
}
