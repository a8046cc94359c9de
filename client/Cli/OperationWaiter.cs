using System.Diagnostics;
using System.Globalization;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Client.Cli;

/// <summary>
/// Waits for a long-running operation like az does, polling its status on wall time; while it waits, live
/// progress (the operation, simulated time since it started, its run's batch and counters, instances in service)
/// is shown on the running verb's standard error when that is a terminal (<see cref="CommandScope"/>).
/// </summary>
public static class OperationWaiter
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Polls until the operation ends and returns its final status.</summary>
    public static async Task<OperationStatus> WaitAsync(IScaleSetGrain scaleSet, OperationStatus operation, CancellationToken cancellationToken)
    {
        if (operation.IsDone)
        {
            return operation;
        }

        var error = CommandScope.Current?.Error ?? TextWriter.Null;
        var clock = CommandScope.Grains?.GetGrain<IClusterClockGrain>(0);
        var started = operation;
        var wall = Stopwatch.StartNew();
        var simulated = "";
        await using var progress = LiveProgress.Start(
            error,
            () => string.Create(CultureInfo.InvariantCulture, $"{started.Operation} in progress{simulated} · {wall.Elapsed.TotalSeconds:0} s of wall time"),
            async ct =>
            {
                var (time, line) = await ProgressAsync(scaleSet, clock, started, ct);
                simulated = time is { } t ? $" · {ProgressText.Simulated(t)}" : "";
                return [line];
            },
            cancellationToken);
        while (!operation.IsDone)
        {
            await WallTime.DelayAsync(Poll, cancellationToken);
            operation = await scaleSet.GetOperationAsync(operation.Name, cancellationToken);
        }

        return operation;
    }

    /// <summary>The exit code of a finished operation: a failed or cancelled operation is a runtime failure, reported on standard error.</summary>
    public static async Task<int> ExitCodeAsync(CliContext context, OperationStatus operation)
    {
        if (operation.Status is "Succeeded" or "InProgress")
        {
            return ExitCodes.Ok;
        }

        await context.Error.WriteLineAsync(operation.ErrorCode is null
            ? $"error: operation {operation.Operation} {operation.Status}"
            : $"error: operation {operation.Operation} {operation.Status}: ({operation.ErrorCode}) {operation.ErrorMessage}");
        return ExitCodes.Failure;
    }

    /// <summary>Simulated time since the operation started (when the cluster's clock is at hand) and the scale set's line with the operation's run.</summary>
    private static async Task<(TimeSpan? Simulated, string Line)> ProgressAsync(IScaleSetGrain scaleSet, IClusterClockGrain? clock, OperationStatus operation, CancellationToken cancellationToken)
    {
        var snapshot = await scaleSet.GetSnapshotAsync(cancellationToken);
        TimeSpan? simulated = clock is null ? null : (await clock.GetNowAsync()).Now - operation.StartTime;

        // The operation's run when the scale set names it; otherwise the newest run that started with or after it.
        var runId = snapshot.Operations.LastOrDefault(o => o.Name == operation.Name)?.RunId ?? operation.RunId;
        var runs = snapshot.Runs.Select(r => r.Run);
        var run = runId is null ? runs.LastOrDefault(r => r.StartTime >= operation.StartTime) : runs.LastOrDefault(r => r.RunId == runId);
        return (simulated, $"  {ProgressText.ScaleSet(snapshot, run)}");
    }
}
