using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>The activity log entries a run's change and an instance's report make, shared by both engines.</summary>
public static class ActivityFacts
{
    /// <summary>
    /// The entries of a run's change, in order: the run started (its caller is <c>Platform</c> when the platform started
    /// it, else whoever made the request), the batch that ended, the batch that started, the run that ended.
    /// </summary>
    public static IEnumerable<Audited> OfRun(RunState? before, RunState after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            yield return new Audited("RunStarted", "Started", after.RunId, Message: $"{after.Kind}, {after.Pending.Count} instance(s) in scope", Caller: after.StartedBy == "Platform" ? "Platform" : null);
        }

        if (RunFacts.EndedBatch(before, after) is { } ended)
        {
            var failed = ended.InstanceIds.Count(after.Failed.ContainsKey);
            yield return new Audited("BatchCompleted", failed == 0 ? "Succeeded" : "Failed", after.RunId, ended.Index, Message: $"{ended.InstanceIds.Length - failed} succeeded, {failed} failed", Caller: "Platform");
        }

        if (RunFacts.StartedBatch(before, after) is { } batch)
        {
            yield return new Audited("BatchStarted", "Started", after.RunId, batch.Index, Message: $"{batch.InstanceIds.Length} instance(s){(batch.Zone is null ? "" : $" in zone {batch.Zone}")}", Caller: "Platform");
        }

        if (RunFacts.Ended(before, after))
        {
            var (successful, failedCount, _, _) = after.Progress;
            yield return new Audited($"Run{after.Code}", after.Code.ToString(), after.RunId, Message: after.Error is { } error ? $"{error.Code}: {error.Message}" : $"{successful} succeeded, {failedCount} failed", Caller: "Platform");
        }
    }

    /// <summary>
    /// The entries of an instance's report, with their simulated times: one per step at its end, then the operation's
    /// result at its end (now when it had no step). Run and batch are named when the report belongs to the run under way.
    /// </summary>
    public static IEnumerable<(Audited Fact, DateTimeOffset At)> OfReport(ScaleSetState state, InstanceReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(report);
        var end = report.Steps.IsEmpty ? now : report.Steps[^1].End;
        var result = report.Outcome.Succeeded ? "Succeeded" : "Failed";
        var batch = state.Run is { } run && run.RunId == report.RunId ? run.Batches.LastOrDefault(b => b.InstanceIds.Contains(report.Outcome.InstanceId))?.Index : null;
        var runId = state.Run?.RunId == report.RunId ? report.RunId : null;
        foreach (var step in report.Steps)
        {
            yield return (new Audited($"Instance{report.Kind}", step.Result, runId, batch, report.Outcome.InstanceId, step.Message ?? step.Extension, "Platform", step.Step), step.End);
        }

        yield return (new Audited($"Instance{report.Kind}", result, runId, batch, report.Outcome.InstanceId, report.Outcome.ErrorMessage, "Platform"), end);
    }
}
