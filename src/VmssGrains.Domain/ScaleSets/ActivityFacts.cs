using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>The activity log entries a run's change and an instance's report make, shared by both engines.</summary>
public static class ActivityFacts
{
    /// <summary>
    /// The activity log entry of a run fact of the machine, or null for any other command: the run started (its caller
    /// is <c>Platform</c> when the platform started it, else whoever made the request), a batch ended or started, the
    /// run ended.
    /// </summary>
    public static Audited? Of(ScaleSetCommand fact) => fact switch
    {
        RunStarted { Run: var run } =>
            new Audited("RunStarted", "Started", run.RunId, Message: $"{run.Kind}, {run.Pending.Count} instance(s) in scope", Caller: run.StartedBy == "Platform" ? "Platform" : null),
        BatchEnded { Run: var run, Batch: var batch, Failed: var failed } =>
            new Audited("BatchCompleted", failed == 0 ? "Succeeded" : "Failed", run.RunId, batch.Index, Message: $"{batch.InstanceIds.Length - failed} succeeded, {failed} failed", Caller: "Platform"),
        BatchStarted { Run: var run, Batch: var batch } =>
            new Audited("BatchStarted", "Started", run.RunId, batch.Index, Message: $"{batch.InstanceIds.Length} instance(s){(batch.Zone is null ? "" : $" in zone {batch.Zone}")}", Caller: "Platform"),
        RunFinished { Run: var run } => new Audited(
            $"Run{run.Code}",
            run.Code.ToString(),
            run.RunId,
            Message: run.Error is { } error ? $"{error.Code}: {error.Message}" : $"{run.Progress.Successful} succeeded, {run.Progress.Failed} failed",
            Caller: "Platform"),
        _ => null,
    };

    /// <summary>
    /// The entries of an instance's report, with their simulated times: one per step at its end, then the operation's
    /// result at its end (now when it had no step). Run and batch are named when the report belongs to the run under way.
    /// </summary>
    public static IEnumerable<(Audited Fact, DateTimeOffset At)> OfReport(RunState? run, InstanceReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var end = report.Steps.IsEmpty ? now : report.Steps[^1].End;
        var result = report.Outcome.Succeeded ? "Succeeded" : "Failed";
        var batch = run is not null && run.RunId == report.RunId ? run.Batches.LastOrDefault(b => b.InstanceIds.Contains(report.Outcome.InstanceId))?.Index : null;
        var runId = run?.RunId == report.RunId ? report.RunId : null;
        foreach (var step in report.Steps)
        {
            yield return (new Audited($"Instance{report.Kind}", step.Result, runId, batch, report.Outcome.InstanceId, step.Message ?? step.Extension, "Platform", step.Step), step.End);
        }

        yield return (new Audited($"Instance{report.Kind}", result, runId, batch, report.Outcome.InstanceId, report.Outcome.ErrorMessage, "Platform"), end);
    }
}
