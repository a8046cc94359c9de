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
        var batch = run is not null && run.RunId == report.RunId ? BatchOf(run, report.Outcome.InstanceId) : null;
        var runId = run?.RunId == report.RunId ? report.RunId : null;
        var action = InstanceAction(report.Kind);
        foreach (var step in report.Steps)
        {
            yield return (new Audited(action, step.Result, runId, batch, report.Outcome.InstanceId, step.Message ?? step.Extension, "Platform", step.Step), step.End);
        }

        yield return (new Audited(action, result, runId, batch, report.Outcome.InstanceId, report.Outcome.ErrorMessage, "Platform"), end);
    }

    /// <summary>The index of the run's latest batch that has <paramref name="instanceId"/>, or null.</summary>
    private static int? BatchOf(RunState run, string instanceId)
    {
        for (var i = run.Batches.Count - 1; i >= 0; i--)
        {
            if (run.Batches[i].InstanceIds.Contains(instanceId))
            {
                return run.Batches[i].Index;
            }
        }

        return null;
    }

    /// <summary>The action of an instance's operation in the activity log, <c>Instance{kind}</c>: named once per kind.</summary>
    private static string InstanceAction(OperationKind kind) => kind switch
    {
        OperationKind.Upgrade => "InstanceUpgrade",
        OperationKind.Reimage => "InstanceReimage",
        OperationKind.ReimageAll => "InstanceReimageAll",
        OperationKind.Provision => "InstanceProvision",
        OperationKind.Restart => "InstanceRestart",
        OperationKind.Delete => "InstanceDelete",
        OperationKind.Extensions => "InstanceExtensions",
        _ => $"Instance{kind}",
    };
}
