using System.Collections.Immutable;
using System.Diagnostics;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using Microsoft.Extensions.Logging;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.Telemetry;

/// <summary>
/// Metrics, spans, the activity log and the simulation monitor of one scale set: what the scale-set machine's facts
/// mean to those who watch. It observes and never decides anything.
/// </summary>
/// <param name="name">The scale set's name.</param>
/// <param name="now">Simulated time now.</param>
/// <param name="monitor">The embedded simulation's monitor (runs under way), if any.</param>
/// <param name="auditLogger">Where activity log records are also written.</param>
public sealed class ScaleSetObserver(string name, Func<DateTimeOffset> now, SimulationMonitor? monitor, ILogger auditLogger)
{
    /// <summary>How many activity log records a scale set keeps; the oldest tenth goes when it is full.</summary>
    public const int ActivityLogCapacity = 1_000_000;

    private readonly List<AuditRecord> activityLog = [];
    private Activity? runSpan;
    private Activity? batchSpan;

    private string Name => name;

    /// <summary>The span of the batch under way (W3C id), which its instances' spans belong to.</summary>
    public string? BatchSpanId => batchSpan?.Id;

    /// <summary>The activity log, chronological, filtered by <paramref name="query"/>.</summary>
    public ImmutableArray<AuditRecord> ActivityLog(ActivityLogQuery query)
    {
        // Chronological. Instance reports arrive in any order, so at one simulated instant the instances'
        // records come first, by instance id (each in its own order), then the scale set's, as they happened.
        var matching = activityLog
            .Select((record, index) => (record, index))
            .Where(r => query.Matches(r.record))
            .OrderBy(r => r.record.Time)
            .ThenBy(r => r.record.InstanceId is null ? 1 : 0)
            .ThenBy(r => r.record.InstanceId ?? "", InstanceOrder.Instance)
            .ThenBy(r => r.index)
            .Select(r => r.record);
        if (query.Limit > 0)
        {
            matching = matching.TakeLast(query.Limit);
        }

        return [.. matching];
    }

    /// <summary>The caller named by the console or driver in the request context, else "User".</summary>
    private static string Caller => RequestContext.Get(GrainKeys.CallerKey) as string ?? "User";

    /// <summary>A fact of the machine (commands that are not facts are ignored).</summary>
    public void ObserveFact(ScaleSetCommand fact)
    {
        switch (fact)
        {
            case Audited audited:
                Audit(audited);
                break;
            case InstanceChanged changed:
                if (changed.Before is { } before)
                {
                    CountInstance(before, changed.BeforeLatest, -1);
                }

                if (changed.After is { } after)
                {
                    CountInstance(after, changed.AfterLatest, 1);
                }

                break;
            case RunChanged run:
                Observe(run.Before, run.After, run.Health);
                break;
            case RunDeleted:
                EndSpan(batchSpan, now(), "deleted");
                EndSpan(runSpan, now(), "deleted");
                (batchSpan, runSpan) = (null, null);
                monitor?.RunEnded();
                break;
            case RepairObserved repair:
                VmssTelemetry.Repairs.Add(1, new TagList { { "scaleSet", Name }, { "repairAction", repair.Action.ToString() }, { "result", repair.Result } });
                break;
        }
    }

    /// <summary>Records an entry of the activity log (at <paramref name="at"/>, or now).</summary>
    public void Audit(Audited fact, DateTimeOffset? at = null)
    {
        var record = new AuditRecord
        {
            Time = at ?? now(),
            Caller = fact.Caller ?? Caller,
            ScaleSet = Name,
            Action = fact.Action,
            Result = fact.Result,
            RunId = fact.RunId,
            Batch = fact.Batch,
            InstanceId = fact.InstanceId,
            Step = fact.Step,
            Message = fact.Message,
        };
        if (activityLog.Count >= ActivityLogCapacity)
        {
            activityLog.RemoveRange(0, ActivityLogCapacity / 10);
        }

        activityLog.Add(record);
        AuditLog.Write(auditLogger, record);
    }

    /// <summary>Adds <paramref name="delta"/> to the <c>vmss.instances</c> series an instance counts in.</summary>
    public void CountInstance(InstanceSummary instance, bool latestModelApplied, int delta)
    {
        var state = instance.ProvisioningState == "Deleting" ? "Deleting" : instance.Busy ? "Upgrading" : instance.Settling ? "Settling" : "Running";
        VmssTelemetry.Instances.Add(delta, new TagList
        {
            { "scaleSet", Name },
            { "state", state },
            { "health", instance.Health.ToString() },
            { "latestModelApplied", latestModelApplied ? "true" : "false" },
        });
    }

    /// <summary>What a run's change means for metrics, spans, the activity log and the simulation monitor.</summary>
    private void Observe(RunState? before, RunState after, RunHealth? health)
    {
        var at = now();
        var tags = new TagList { { "scaleSet", Name }, { "kind", after.Kind.ToString() }, { "startedBy", after.StartedBy } };
        if (before is null)
        {
            monitor?.RunStarted();
            VmssTelemetry.RunsStarted.Add(1, tags);
            runSpan = StartSpan($"{after.Kind} {Name}", Activity.Current?.Context ?? default, at);
            runSpan?.SetTag("scaleSet", Name).SetTag("runId", after.RunId).SetTag("kind", after.Kind.ToString()).SetTag("startedBy", after.StartedBy)
                .SetTag("targetModelVersion", after.TargetModelVersion);
            Audit(new Audited("RunStarted", "Started", after.RunId, Message: $"{after.Kind}, {after.Pending.Count} instance(s) in scope", Caller: after.StartedBy == "Platform" ? "Platform" : null));
        }

        if (RunFacts.EndedBatch(before, after) is { EndTime: { } end } ended)
        {
            VmssTelemetry.BatchDuration.Record((end - ended.StartTime).TotalSeconds, new TagList { { "scaleSet", Name }, { "runId", after.RunId }, { "zone", ended.Zone ?? "" } });
            var failed = ended.InstanceIds.Count(after.Failed.ContainsKey);
            EndSpan(batchSpan, end, failed == 0 ? null : $"{failed} instance(s) failed");
            batchSpan = null;
            Audit(new Audited("BatchCompleted", failed == 0 ? "Succeeded" : "Failed", after.RunId, ended.Index, Message: $"{ended.InstanceIds.Length - failed} succeeded, {failed} failed", Caller: "Platform"));
            MeasureHealth(after, health);
        }

        if (RunFacts.StartedBatch(before, after) is { } batch)
        {
            batchSpan = StartSpan($"batch {batch.Index}", runSpan?.Context ?? default, batch.StartTime);
            batchSpan?.SetTag("scaleSet", Name).SetTag("runId", after.RunId).SetTag("batch", batch.Index).SetTag("zone", batch.Zone).SetTag("instanceCount", batch.InstanceIds.Length);
            Audit(new Audited("BatchStarted", "Started", after.RunId, batch.Index, Message: $"{batch.InstanceIds.Length} instance(s){(batch.Zone is null ? "" : $" in zone {batch.Zone}")}", Caller: "Platform"));
            MeasureHealth(after, health);
        }

        var (successful, failedCount, inProgress, pending) = after.Progress;
        VmssTelemetry.RunInstances.Record(successful, Progress(after, "successful"));
        VmssTelemetry.RunInstances.Record(failedCount, Progress(after, "failed"));
        VmssTelemetry.RunInstances.Record(inProgress, Progress(after, "inProgress"));
        VmssTelemetry.RunInstances.Record(pending, Progress(after, "pending"));

        if (RunFacts.Ended(before, after))
        {
            monitor?.RunEnded();
            (after.Code switch
            {
                RunStatusCode.Completed => VmssTelemetry.RunsCompleted,
                RunStatusCode.Faulted => VmssTelemetry.RunsFaulted,
                RunStatusCode.Failed => VmssTelemetry.RunsFailed,
                _ => VmssTelemetry.RunsCancelled,
            }).Add(1, tags);
            MeasureHealth(after, health);
            EndSpan(batchSpan, at, "cancelled with the run");
            batchSpan = null;
            runSpan?.SetTag("code", after.Code.ToString()).SetTag("successfulInstanceCount", successful).SetTag("failedInstanceCount", failedCount);
            EndSpan(runSpan, at, after.Code is RunStatusCode.Faulted or RunStatusCode.Failed ? after.Error?.Code : null);
            runSpan = null;
            Audit(new Audited($"Run{after.Code}", after.Code.ToString(), after.RunId, Message: after.Error is { } error ? $"{error.Code}: {error.Message}" : $"{successful} succeeded, {failedCount} failed", Caller: "Platform"));
        }
    }

    private TagList Progress(RunState run, string progress) =>
        new() { { "scaleSet", Name }, { "runId", run.RunId }, { "kind", run.Kind.ToString() }, { "progress", progress } };

    private void MeasureHealth(RunState run, RunHealth? health)
    {
        if (health is not { } measured)
        {
            return;
        }

        var tags = new TagList { { "scaleSet", Name }, { "runId", run.RunId } };
        VmssTelemetry.UnhealthyPercent.Record(measured.UnhealthyPercent, tags);
        VmssTelemetry.UnhealthyLimitPercent.Record(measured.UnhealthyLimitPercent, tags);
        VmssTelemetry.UpgradedUnhealthyPercent.Record(measured.UpgradedUnhealthyPercent, tags);
        VmssTelemetry.UpgradedUnhealthyLimitPercent.Record(measured.UpgradedUnhealthyLimitPercent, tags);
    }

    /// <summary>An instance's operation: its duration, and its steps in the activity log.</summary>
    public void ObserveReport(InstanceReport report, RunState? run)
    {
        var end = report.Steps.IsEmpty ? now() : report.Steps[^1].End;
        var result = report.Outcome.Succeeded ? "Succeeded" : "Failed";
        VmssTelemetry.InstanceUpgradeDuration.Record(
            (end - report.StartedAt).TotalSeconds,
            new TagList { { "scaleSet", Name }, { "kind", report.Kind.ToString() }, { "result", result }, { "imageVersion", report.Summary.Image.Version } });
        var batch = run is not null && run.RunId == report.RunId ? run.Batches.LastOrDefault(b => b.InstanceIds.Contains(report.Outcome.InstanceId))?.Index : null;
        var runId = run?.RunId == report.RunId ? report.RunId : null;
        foreach (var step in report.Steps)
        {
            Audit(new Audited($"Instance{report.Kind}", step.Result, runId, batch, report.Outcome.InstanceId, step.Message ?? step.Extension, "Platform", step.Step), step.End);
        }

        Audit(new Audited($"Instance{report.Kind}", result, runId, batch, report.Outcome.InstanceId, report.Outcome.ErrorMessage, "Platform"), end);
    }

    private static Activity? StartSpan(string name, ActivityContext parent, DateTimeOffset start)
    {
        // The span is held by the grain across turns; it must not become the ambient activity of this turn.
        var ambient = Activity.Current;
        var span = VmssTelemetry.Source.StartActivity(name, ActivityKind.Internal, parent, startTime: start);
        Activity.Current = ambient;
        return span;
    }

    private static void EndSpan(Activity? span, DateTimeOffset end, string? error)
    {
        if (span is null)
        {
            return;
        }

        InstanceSpans.Finish(span, end, error);
    }
}
