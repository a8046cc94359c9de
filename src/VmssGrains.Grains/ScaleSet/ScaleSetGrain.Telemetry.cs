using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
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
    public const int ActivityLogCapacity = 1_000_000;

    private readonly List<AuditRecord> activityLog = [];
    private Activity? runSpan;
    private Activity? batchSpan;

    /// <inheritdoc/>
    public Task<ImmutableArray<AuditRecord>> GetActivityLogAsync(ActivityLogQuery query, CancellationToken cancellationToken = default)
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

        return Task.FromResult(matching.ToImmutableArray());
    }

    /// <summary>The caller named by the console or driver in the request context, else "User".</summary>
    private static string Caller => RequestContext.Get(GrainKeys.CallerKey) as string ?? "User";

    private void Audit(string action, string result, string? runId = null, int? batch = null, string? instanceId = null, string? step = null, string? message = null, string? caller = null, DateTimeOffset? time = null)
    {
        var record = new AuditRecord
        {
            Time = time ?? this.time.Now,
            Caller = caller ?? Caller,
            ScaleSet = Name,
            Action = action,
            Result = result,
            RunId = runId,
            Batch = batch,
            InstanceId = instanceId,
            Step = step,
            Message = message,
        };
        if (activityLog.Count >= ActivityLogCapacity)
        {
            activityLog.RemoveRange(0, ActivityLogCapacity / 10);
        }

        activityLog.Add(record);
        AuditLog.Write(auditLogger, record);
    }

    /// <summary>Runs an operation, recording a rejected request (Azure's error code) before passing the error on.</summary>
    private async Task<T> AuditedAsync<T>(string action, Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (AzureException e)
        {
            Audit(action, e.Code, message: e.Message);
            throw;
        }
    }

    private Task AuditedAsync(string action, Func<Task> operation) =>
        AuditedAsync(action, async () =>
        {
            await operation();
            return true;
        });

    /// <summary>The <c>vmss.instances</c> series an instance counts in.</summary>
    private TagList InstanceTags(InstanceSummary instance)
    {
        var state = instance.ProvisioningState == "Deleting" ? "Deleting" : instance.Busy ? "Upgrading" : instance.Settling ? "Settling" : "Running";
        return new TagList
        {
            { "scaleSet", Name },
            { "state", state },
            { "health", instance.Health.ToString() },
            { "latestModelApplied", instance.ModelVersion == S.ModelVersion ? "true" : "false" },
        };
    }

    /// <summary>Moves every instance to the series of a new model version (latestModelApplied changes for all).</summary>
    private void RetagInstances(Action changeModelVersion)
    {
        foreach (var instance in S.Instances.Values)
        {
            VmssTelemetry.Instances.Add(-1, InstanceTags(instance));
        }

        changeModelVersion();
        foreach (var instance in S.Instances.Values)
        {
            VmssTelemetry.Instances.Add(1, InstanceTags(instance));
        }
    }

    /// <summary>What a run transition means for metrics, spans and the activity log.</summary>
    private void Observe(RunState? before, RunState after)
    {
        var now = time.Now;
        var tags = new TagList { { "scaleSet", Name }, { "kind", after.Kind.ToString() }, { "startedBy", after.StartedBy } };
        if (before is null)
        {
            VmssTelemetry.RunsStarted.Add(1, tags);
            runSpan = StartSpan($"{after.Kind} {Name}", Activity.Current?.Context ?? default, now);
            runSpan?.SetTag("scaleSet", Name).SetTag("runId", after.RunId).SetTag("kind", after.Kind.ToString()).SetTag("startedBy", after.StartedBy)
                .SetTag("targetModelVersion", after.TargetModelVersion);
            Audit("RunStarted", "Started", after.RunId, message: $"{after.Kind}, {after.Pending.Count} instance(s) in scope", caller: after.StartedBy == "Platform" ? "Platform" : null);
        }

        var previousBatches = before?.Batches.Count ?? 0;
        if (previousBatches > 0 && before!.Batches[^1].EndTime is null && after.Batches[previousBatches - 1].EndTime is { } end)
        {
            var batch = after.Batches[previousBatches - 1];
            VmssTelemetry.BatchDuration.Record((end - batch.StartTime).TotalSeconds, new TagList { { "scaleSet", Name }, { "runId", after.RunId }, { "zone", batch.Zone ?? "" } });
            var failed = batch.InstanceIds.Count(after.Failed.ContainsKey);
            EndSpan(batchSpan, end, failed == 0 ? null : $"{failed} instance(s) failed");
            batchSpan = null;
            Audit("BatchCompleted", failed == 0 ? "Succeeded" : "Failed", after.RunId, batch.Index, message: $"{batch.InstanceIds.Length - failed} succeeded, {failed} failed", caller: "Platform");
            MeasureHealth(after);
        }

        if (after.Batches.Count > previousBatches)
        {
            var batch = after.Batches[^1];
            batchSpan = StartSpan($"batch {batch.Index}", runSpan?.Context ?? default, batch.StartTime);
            batchSpan?.SetTag("scaleSet", Name).SetTag("runId", after.RunId).SetTag("batch", batch.Index).SetTag("zone", batch.Zone).SetTag("instanceCount", batch.InstanceIds.Length);
            Audit("BatchStarted", "Started", after.RunId, batch.Index, message: $"{batch.InstanceIds.Length} instance(s){(batch.Zone is null ? "" : $" in zone {batch.Zone}")}", caller: "Platform");
            MeasureHealth(after);
        }

        var (successful, failedCount, inProgress, pending) = after.Progress;
        VmssTelemetry.RunInstances.Record(successful, Progress(after, "successful"));
        VmssTelemetry.RunInstances.Record(failedCount, Progress(after, "failed"));
        VmssTelemetry.RunInstances.Record(inProgress, Progress(after, "inProgress"));
        VmssTelemetry.RunInstances.Record(pending, Progress(after, "pending"));

        if (after.IsEnded && before is not { IsEnded: true })
        {
            (after.Code switch
            {
                RunStatusCode.Completed => VmssTelemetry.RunsCompleted,
                RunStatusCode.Faulted => VmssTelemetry.RunsFaulted,
                RunStatusCode.Failed => VmssTelemetry.RunsFailed,
                _ => VmssTelemetry.RunsCancelled,
            }).Add(1, tags);
            MeasureHealth(after);
            EndSpan(batchSpan, now, "cancelled with the run");
            batchSpan = null;
            runSpan?.SetTag("code", after.Code.ToString()).SetTag("successfulInstanceCount", successful).SetTag("failedInstanceCount", failedCount);
            EndSpan(runSpan, now, after.Code is RunStatusCode.Faulted or RunStatusCode.Failed ? after.Error?.Code : null);
            runSpan = null;
            Audit($"Run{after.Code}", after.Code.ToString(), after.RunId, message: after.Error is { } error ? $"{error.Code}: {error.Message}" : $"{successful} succeeded, {failedCount} failed", caller: "Platform");
        }
    }

    private TagList Progress(RunState run, string progress) =>
        new() { { "scaleSet", Name }, { "runId", run.RunId }, { "kind", run.Kind.ToString() }, { "progress", progress } };

    private void MeasureHealth(RunState run)
    {
        if (!run.Gated)
        {
            return;
        }

        var health = RunHealth.Measure(run, S.Instances);
        var tags = new TagList { { "scaleSet", Name }, { "runId", run.RunId } };
        VmssTelemetry.UnhealthyPercent.Record(health.UnhealthyPercent, tags);
        VmssTelemetry.UnhealthyLimitPercent.Record(health.UnhealthyLimitPercent, tags);
        VmssTelemetry.UpgradedUnhealthyPercent.Record(health.UpgradedUnhealthyPercent, tags);
        VmssTelemetry.UpgradedUnhealthyLimitPercent.Record(health.UpgradedUnhealthyLimitPercent, tags);
    }

    /// <summary>An instance's operation: its duration, and its steps in the activity log.</summary>
    private void Observe(InstanceReport report)
    {
        var end = report.Steps.IsEmpty ? time.Now : report.Steps[^1].End;
        var result = report.Outcome.Succeeded ? "Succeeded" : "Failed";
        VmssTelemetry.InstanceUpgradeDuration.Record(
            (end - report.StartedAt).TotalSeconds,
            new TagList { { "scaleSet", Name }, { "kind", report.Kind.ToString() }, { "result", result }, { "imageVersion", report.Summary.Image.Version } });
        var batch = S.Run is { } run && run.RunId == report.RunId ? run.Batches.LastOrDefault(b => b.InstanceIds.Contains(report.Outcome.InstanceId))?.Index : null;
        var runId = S.Run?.RunId == report.RunId ? report.RunId : null;
        foreach (var step in report.Steps)
        {
            Audit(
                $"Instance{report.Kind}",
                step.Result,
                runId,
                batch,
                report.Outcome.InstanceId,
                step.Step,
                step.Message ?? step.Extension,
                caller: "Platform",
                time: step.End);
        }

        Audit($"Instance{report.Kind}", result, runId, batch, report.Outcome.InstanceId, message: report.Outcome.ErrorMessage, caller: "Platform", time: end);
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
