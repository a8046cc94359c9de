using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
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
    public const int ActivityLogCapacity = Abstractions.Views.ActivityLog.Capacity;

    private Abstractions.Views.ActivityLog activityLog = new();
    private Activity? runSpan;
    private Activity? batchSpan;

    private string Name => name;

    /// <summary>The span of the batch under way (W3C id), which its instances' spans belong to.</summary>
    public string? BatchSpanId => batchSpan?.Id;

    /// <summary>
    /// Keeps the activity log in <paramref name="records"/> from now on (a durable scale set persists that list with its
    /// state); the records it already holds are the log's start.
    /// </summary>
    public void KeepActivityLogIn(List<AuditRecord> records) => activityLog = new Abstractions.Views.ActivityLog(records);

    /// <summary>The activity log, chronological, filtered by <paramref name="query"/>.</summary>
    public ImmutableArray<AuditRecord> ActivityLog(ActivityLogQuery query) => activityLog.Query(query);

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
            case RunStarted started:
                OnRunStarted(started.Run);
                break;
            case BatchEnded ended:
                OnBatchEnded(ended);
                break;
            case BatchStarted started:
                OnBatchStarted(started);
                break;
            case RunProgressed progressed:
                OnRunProgressed(progressed.Run);
                break;
            case RunFinished finished:
                OnRunFinished(finished.Run, finished.Health);
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
        var record = AuditRecord.Of(fact, Caller, Name, at ?? now());
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

    private static TagList RunTags(RunState run) =>
        new() { { "scaleSet", run.ScaleSet }, { "kind", run.Kind.ToString() }, { "startedBy", run.StartedBy } };

    private void OnRunStarted(RunState run)
    {
        monitor?.RunStarted();
        VmssTelemetry.RunsStarted.Add(1, RunTags(run));
        runSpan = StartSpan($"{run.Kind} {Name}", Activity.Current?.Context ?? default, now());
        runSpan?.SetTag("scaleSet", Name).SetTag("runId", run.RunId).SetTag("kind", run.Kind.ToString()).SetTag("startedBy", run.StartedBy)
            .SetTag("targetModelVersion", run.TargetModelVersion);
        Audit(ActivityFacts.Of(new RunStarted(run))!);
    }

    private void OnBatchEnded(BatchEnded fact)
    {
        var (run, batch, failed) = (fact.Run, fact.Batch, fact.Failed);
        var end = batch.EndTime ?? now();
        VmssTelemetry.BatchDuration.Record((end - batch.StartTime).TotalSeconds, new TagList { { "scaleSet", Name }, { "runId", run.RunId }, { "zone", batch.Zone ?? "" } });
        EndSpan(batchSpan, end, failed == 0 ? null : $"{failed} instance(s) failed");
        batchSpan = null;
        Audit(ActivityFacts.Of(fact)!);
        MeasureHealth(run, fact.Health);
    }

    private void OnBatchStarted(BatchStarted fact)
    {
        var (run, batch) = (fact.Run, fact.Batch);
        batchSpan = StartSpan($"batch {batch.Index}", runSpan?.Context ?? default, batch.StartTime);
        batchSpan?.SetTag("scaleSet", Name).SetTag("runId", run.RunId).SetTag("batch", batch.Index).SetTag("zone", batch.Zone).SetTag("instanceCount", batch.InstanceIds.Length);
        Audit(ActivityFacts.Of(fact)!);
        MeasureHealth(run, fact.Health);
    }

    private void OnRunProgressed(RunState run)
    {
        var (successful, failed, inProgress, pending) = run.Progress;
        VmssTelemetry.RunInstances.Record(successful, Progress(run, "successful"));
        VmssTelemetry.RunInstances.Record(failed, Progress(run, "failed"));
        VmssTelemetry.RunInstances.Record(inProgress, Progress(run, "inProgress"));
        VmssTelemetry.RunInstances.Record(pending, Progress(run, "pending"));
    }

    private void OnRunFinished(RunState run, RunHealth? health)
    {
        var at = now();
        var (successful, failed, _, _) = run.Progress;
        monitor?.RunEnded();
        (run.Code switch
        {
            RunStatusCode.Completed => VmssTelemetry.RunsCompleted,
            RunStatusCode.Faulted => VmssTelemetry.RunsFaulted,
            RunStatusCode.Failed => VmssTelemetry.RunsFailed,
            _ => VmssTelemetry.RunsCancelled,
        }).Add(1, RunTags(run));
        MeasureHealth(run, health);
        EndSpan(batchSpan, at, "cancelled with the run");
        batchSpan = null;
        runSpan?.SetTag("code", run.Code.ToString()).SetTag("successfulInstanceCount", successful).SetTag("failedInstanceCount", failed);
        EndSpan(runSpan, at, run.Code is RunStatusCode.Faulted or RunStatusCode.Failed ? run.Error?.Code : null);
        runSpan = null;
        Audit(ActivityFacts.Of(new RunFinished(run, health))!);
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
        foreach (var (audited, at) in ActivityFacts.OfReport(run, report, now()))
        {
            Audit(audited, at);
        }
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
