using System.Collections.Immutable;
using System.Diagnostics;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>Metrics, spans and the activity log of a scale set: observed from outside the pure core, never deciding anything.</summary>
public sealed partial class ScaleSetGrain
{
    /// <summary>How many activity log records a scale set keeps; the oldest tenth goes when it is full.</summary>
    public const int ActivityLogCapacity = ActivityLog.Capacity;

    private readonly ActivityLog activityLog = new();
    private Activity? runSpan;
    private Activity? batchSpan;

    /// <inheritdoc/>
    public Task<ImmutableArray<AuditRecord>> GetActivityLogAsync(ActivityLogQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(activityLog.Query(query));

    /// <summary>The caller named by the console or driver in the request context, else "User".</summary>
    private static string Caller => RequestContext.Get(GrainKeys.CallerKey) as string ?? "User";

    /// <summary>A fact of the machine: the activity log, metrics, spans, the simulation monitor.</summary>
    private void ObserveFact(ScaleSetCommand fact)
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
                EndSpan(batchSpan, time.Now, "deleted");
                EndSpan(runSpan, time.Now, "deleted");
                (batchSpan, runSpan) = (null, null);
                monitor?.RunEnded();
                break;
            case RepairObserved repair:
                VmssTelemetry.Repairs.Add(1, new TagList { { "scaleSet", Name }, { "repairAction", repair.Action.ToString() }, { "result", repair.Result } });
                break;
        }
    }

    private void Audit(Audited fact, DateTimeOffset? at = null)
    {
        var record = AuditRecord.Of(fact, Caller, Name, at ?? time.Now);
        activityLog.Add(record);
        AuditLog.Write(auditLogger, record);
    }

    /// <summary>Adds <paramref name="delta"/> to the <c>vmss.instances</c> series an instance counts in.</summary>
    private void CountInstance(InstanceSummary instance, bool latestModelApplied, int delta)
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
        var now = time.Now;
        var tags = new TagList { { "scaleSet", Name }, { "kind", after.Kind.ToString() }, { "startedBy", after.StartedBy } };
        if (before is null)
        {
            monitor?.RunStarted();
            VmssTelemetry.RunsStarted.Add(1, tags);
            runSpan = StartSpan($"{after.Kind} {Name}", Activity.Current?.Context ?? default, now);
            runSpan?.SetTag("scaleSet", Name).SetTag("runId", after.RunId).SetTag("kind", after.Kind.ToString()).SetTag("startedBy", after.StartedBy)
                .SetTag("targetModelVersion", after.TargetModelVersion);
        }

        if (RunFacts.EndedBatch(before, after) is { EndTime: { } end } ended)
        {
            VmssTelemetry.BatchDuration.Record((end - ended.StartTime).TotalSeconds, new TagList { { "scaleSet", Name }, { "runId", after.RunId }, { "zone", ended.Zone ?? "" } });
            var failed = ended.InstanceIds.Count(after.Failed.ContainsKey);
            EndSpan(batchSpan, end, failed == 0 ? null : $"{failed} instance(s) failed");
            batchSpan = null;
            MeasureHealth(after, health);
        }

        if (RunFacts.StartedBatch(before, after) is { } batch)
        {
            batchSpan = StartSpan($"batch {batch.Index}", runSpan?.Context ?? default, batch.StartTime);
            batchSpan?.SetTag("scaleSet", Name).SetTag("runId", after.RunId).SetTag("batch", batch.Index).SetTag("zone", batch.Zone).SetTag("instanceCount", batch.InstanceIds.Length);
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
            EndSpan(batchSpan, now, "cancelled with the run");
            batchSpan = null;
            runSpan?.SetTag("code", after.Code.ToString()).SetTag("successfulInstanceCount", successful).SetTag("failedInstanceCount", failedCount);
            EndSpan(runSpan, now, after.Code is RunStatusCode.Faulted or RunStatusCode.Failed ? after.Error?.Code : null);
            runSpan = null;
        }

        foreach (var audited in ActivityFacts.OfRun(before, after))
        {
            Audit(audited);
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
    private void Observe(InstanceReport report)
    {
        var end = report.Steps.IsEmpty ? time.Now : report.Steps[^1].End;
        var result = report.Outcome.Succeeded ? "Succeeded" : "Failed";
        VmssTelemetry.InstanceUpgradeDuration.Record(
            (end - report.StartedAt).TotalSeconds,
            new TagList { { "scaleSet", Name }, { "kind", report.Kind.ToString() }, { "result", result }, { "imageVersion", report.Summary.Image.Version } });
        foreach (var (audited, at) in ActivityFacts.OfReport(S, report, time.Now))
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
