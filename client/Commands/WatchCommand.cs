using System.CommandLine;
using System.Diagnostics;
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
/// <c>watch -n NAME [--until-settled [--timeout T]]</c>: live progress of a scale set (run status, batches,
/// instances by state, in-service count, simulated clock) redrawn in place on a terminal, one plain line per
/// change otherwise.
/// </summary>
/// <remarks>
/// With <c>--until-settled</c> it stops once no run or operation is under way, and the exit code gates on the run
/// it watched: the run under way when watch started, or the newest run that started while it watched, or — when
/// neither — the newest run the scale set has (so <c>update --no-wait</c> then <c>watch --until-settled</c> gates
/// even when the run ended before watch connected). One run runs at a time and runs are kept oldest first, so that
/// run is the newest run once the scale set has settled. It exits 3 (<see cref="ExitCodes.RunFailed"/>) with one
/// line on standard error when that run ended in any code but Completed; 0 when it completed or there was no run.
/// <c>--timeout</c> (wall time) ends the wait with exit 1 when the scale set has not settled in time.
/// </remarks>
public static class WatchCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        var interval = new Option<double>("--interval") { Description = "Seconds of wall time between refreshes", DefaultValueFactory = _ => 1 };
        var untilDone = new Option<bool>("--until-settled") { Description = "Stop once no run or operation is under way; exit 3 when the run watched ended Faulted, Cancelled or Failed" };
        var timeout = new Option<string>("--timeout")
        {
            Description = "With --until-settled: give up after this much wall time, in seconds (90) or ISO 8601 (PT1M30S), exit 1",
        };
        timeout.Validators.Add(r =>
        {
            if (!WallTimeout.TryParse(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError($"--timeout: '{r.GetValueOrDefault<string>()}' is not a wall time; use seconds (e.g. 90) or an ISO 8601 duration (e.g. PT1M30S), more than 0 and at most 7 days");
            }
        });
        var command = Verb.Create("watch", "Watch a scale set's upgrade live", output, error, [name, interval, untilDone, timeout], async (context, client, cancellationToken) =>
        {
            var scaleSet = client.GetGrain<IScaleSetGrain>(context.Get(name)!);
            var clock = client.GetGrain<IClusterClockGrain>(0);
            var period = TimeSpan.FromSeconds(Math.Clamp(context.Get(interval), 0.1, 60));
            var stop = context.Get(untilDone);
            var limit = context.Get(timeout) is { } text && WallTimeout.TryParse(text, out var parsed) ? parsed : (TimeSpan?)null;
            var watching = Stopwatch.StartNew();
            WatchView? settledView = null;

            // Reads until settled (with --until-settled), the timeout, or Ctrl+C; shows every view through show.
            async Task WatchAsync(Func<WatchView, Task> show)
            {
                while (true)
                {
                    var (view, settled) = await ReadAsync(scaleSet, clock, cancellationToken);
                    await show(view);
                    if (stop && settled)
                    {
                        settledView = view;
                        return;
                    }

                    var wait = period;
                    if (limit is { } l)
                    {
                        var left = l - watching.Elapsed;
                        if (left <= TimeSpan.Zero)
                        {
                            return;
                        }

                        wait = left < wait ? left : wait;
                    }

                    await WallTime.DelayAsync(wait, cancellationToken);
                }
            }

            if (Terminal.IsInteractive(context.Out) && !context.Json)
            {
                await Terminal.For(context.Out).Live(new Text("connecting…")).StartAsync(live => WatchAsync(view =>
                {
                    live.UpdateTarget(Render(view));
                    live.Refresh();
                    return Task.CompletedTask;
                }));
            }
            else
            {
                string? last = null;
                await WatchAsync(async view =>
                {
                    var line = Line(view);
                    if (line != last)
                    {
                        await context.Out.WriteLineAsync($"{view.Time.Now:HH:mm:ss} {line}");
                        last = line;
                    }
                });
            }

            if (settledView is null)
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"error: scale set '{context.Get(name)}' did not settle within --timeout {context.Get(timeout)} ({limit!.Value.TotalSeconds:0.###} s of wall time)"));
                return ExitCodes.Failure;
            }

            return await GateAsync(context, settledView.Snapshot);
        });
        command.Validators.Add(r =>
        {
            if (r.GetResult(timeout) is not null && !r.GetValue(untilDone))
            {
                r.AddError("--timeout: only with --until-settled (without it, watch runs until Ctrl+C)");
            }
        });
        return command;
    }

    /// <summary>The exit code of a settled scale set: 3 and one line on standard error when its newest run did not complete.</summary>
    private static async Task<int> GateAsync(CliContext context, ScaleSetSnapshot snapshot)
    {
        if (ProgressText.Newest(snapshot) is not { } run || !RunOutcome.Failed(run.Code))
        {
            return ExitCodes.Ok;
        }

        await context.Error.WriteLineAsync(RunOutcome.Describe(snapshot.Name, run));
        return ExitCodes.RunFailed;
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
        return string.Create(CultureInfo.InvariantCulture, $"{s.Name}: {runText} | in service {counts.InService}/{s.Model.Capacity}, upgrading {counts.Upgrading}, unhealthy {counts.Unhealthy}, stale {counts.Stale}");
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
