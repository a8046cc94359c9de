using System.Globalization;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.Time;

namespace VmssGrains.Client.Rendering;

/// <summary>The lines of live progress: simulated time, a scale set's run and batches, its instances in service.</summary>
public static class ProgressText
{
    /// <summary>Simulated time elapsed, as the report prints it, e.g. <c>simulated PT12M30S</c>.</summary>
    public static string Simulated(TimeSpan elapsed) => $"simulated {IsoDuration.Format(elapsed < TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Floor(elapsed.TotalSeconds)))}";

    /// <summary>The newest run of a scale set, or null when it never had one.</summary>
    public static RunState? Newest(ScaleSetSnapshot snapshot) => snapshot.Runs.Length > 0 ? snapshot.Runs[^1].Run : null;

    /// <summary>
    /// One scale set on one line: <paramref name="run"/> (none when null) with its batch count and counters, and
    /// the instances in service (healthy and not in an operation) out of the target capacity (<c>sku.capacity</c>: surge
    /// and replacement instances add backends, not target).
    /// </summary>
    public static string ScaleSet(ScaleSetSnapshot snapshot, RunState? run)
    {
        var inService = snapshot.Instances.Count(i => !i.Busy && i.Health == HealthState.Healthy);
        var runText = run is null
            ? "no run"
            : string.Create(CultureInfo.InvariantCulture, $"{run.Kind} {run.Code} · batch {run.Batches.Count} · {run.Succeeded.Count} succeeded, {run.Failed.Count} failed, {run.InFlight.Count} in progress, {run.Pending.Count} pending");
        return string.Create(CultureInfo.InvariantCulture, $"{snapshot.Name}: {runText} · in service {inService}/{snapshot.Model.Capacity}");
    }
}
