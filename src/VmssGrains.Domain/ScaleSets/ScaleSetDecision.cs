using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// One decision of <see cref="ScaleSetMachine"/> under way: the state as it changes, the commands so far. Lives for one
/// call of <see cref="ScaleSetMachine.Decide"/>; the rules are in its partial files, by concern.
/// </summary>
internal sealed partial class ScaleSetDecision(ScaleSetState state, DateTimeOffset now)
{
    /// <summary>The state as decided so far.</summary>
    public ScaleSetState S { get; private set; } = state;

    /// <summary>The commands so far, in order.</summary>
    public List<ScaleSetCommand> Commands { get; } = [];

    private DateTimeOffset Now { get; } = now;

    private string Name => S.Name;

    private ScaleSetModel Model => S.Model ?? throw NotFound();

    /// <summary>Dispatches one event; returns the operation a request started, if any.</summary>
    public OperationStatus? Handle(ScaleSetEvent e)
    {
        switch (e)
        {
            case PutRequested put: return Put(put.ResourceJson, put.Settings);
            case PatchRequested patch: return Patch(patch.MergePatchJson);
            case ScaleRequested scale: return Scale(scale.Capacity);
            case OSUpgradeRequested: return StartOSUpgrade();
            case ExtensionUpgradeRequested: return StartExtensionUpgrade();
            case UpdateInstancesRequested update: return UpdateInstances(update.InstanceIds);
            case ReimageRequested reimage: return Reimage(reimage.InstanceIds, reimage.All);
            case CancelRollingUpgradeRequested: Cancel(); return null;
            case ApproveRequested approve: Approve(approve.InstanceIds); return null;
            case ProtectionRequested protect: SetProtection(protect.InstanceIds, protect.ProtectFromScaleIn, protect.ProtectFromScaleSetActions); return null;
            case UnhealthyRequested fault: SetUnhealthy(fault.InstanceIds, fault.Unhealthy); return null;
            case FaultsAdded faults: _ = Model; S = S with { Profiles = S.Profiles.Add(S.Profile!.WithFaults(faults.Faults)) }; return null;
            case DeleteRequested: Delete(); return null;
            case InstanceReported report: OnInstanceReport(report.Report); return null;
            case InstanceHealthChanged health: OnInstanceHealth(health.Summary); return null;
            case InstanceOperationsLost lost: Redo(lost.Operations, lost.Reason); return null;
            case WakeUpDue wake: OnWake(wake.Token); return null;
            case ImageVersionPublished published: OnImageVersionPublished(published.Version); return null;
            case CatalogChanged catalog: S = S with { Catalog = catalog.Catalog }; return null;
            default: throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not an event of a scale set");
        }
    }

    private static JsonObject ParseObject(string json, string what)
    {
        try
        {
            return ScaleSetModelReader.ParseObject(json);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new AzureException("InvalidRequestContent", $"{what} is not a valid JSON object: {e.Message}");
        }
    }

    private AzureException NotFound() => ScaleSetQueries.NotFound(Name);

    private void Audit(string action, string result, string? runId = null, int? batch = null, string? instanceId = null, string? message = null, string? caller = null) =>
        Commands.Add(new Audited(action, result, runId, batch, instanceId, message, caller));

    private OperationStatus NewOperation(string operation)
    {
        S = S with { Serial = S.Serial + 1 };
        var created = new OperationStatus { Name = ScaleSetIds.Derived(S, "operation", S.Serial), Operation = operation, StartTime = Now };
        S = S with { Operations = S.Operations.Add(created) };
        return created;
    }

    private OperationStatus Operation(string name) => ScaleSetQueries.Operation(S, name);

    private void CompleteOperation(string name, string status, RunError? error = null)
    {
        var index = S.Operations.FindIndex(o => o.Name == name);
        if (index >= 0 && !S.Operations[index].IsDone)
        {
            S = S with { Operations = S.Operations.SetItem(index, S.Operations[index] with { Status = status, EndTime = Now, ErrorCode = error?.Code, ErrorMessage = error?.Message }) };
        }
    }

    private ImageVersionInfo Resolve(ImageReference image) => S.Catalog.Resolve(image, Now);

    /// <summary>
    /// Sets an instance's summary (and the counts with it); <paramref name="inFlight"/>, when given, replaces
    /// <see cref="ScaleSetState.InFlight"/> in the same change (a report ends its order as it sets the summary).
    /// </summary>
    private void SetSummary(InstanceSummary summary, ImmutableDictionary<string, OrderRequest>? inFlight = null)
    {
        var old = S.Instances.GetValueOrDefault(summary.InstanceId);
        if (old is not null && (summary.Sequence < old.Sequence || summary.OrderSerial < old.OrderSerial))
        {
            // What the scale set itself changes on a summary never moves the instance's numbers back.
            summary = summary with { Sequence = Math.Max(summary.Sequence, old.Sequence), OrderSerial = Math.Max(summary.OrderSerial, old.OrderSerial) };
        }

        var counts = S.Counts - (old is null ? default : FleetCounts.Of(old)) + FleetCounts.Of(summary);
        S = S with { Instances = S.Instances.SetItem(summary.InstanceId, summary), Counts = counts, InFlight = inFlight ?? S.InFlight };
        Commands.Add(new InstanceChanged(old, old?.ModelVersion == S.ModelVersion, summary, summary.ModelVersion == S.ModelVersion));
    }

    private void RemoveSummary(string instanceId)
    {
        if (S.Instances.TryGetValue(instanceId, out var old))
        {
            S = S with { Instances = S.Instances.Remove(instanceId), Counts = S.Counts - FleetCounts.Of(old), InFlight = S.InFlight.Remove(instanceId) };
            Commands.Add(new InstanceChanged(old, old.ModelVersion == S.ModelVersion, null, false));
        }
    }

    /// <summary>A new model version: every instance moves to the series of whether it runs the latest model.</summary>
    private void NewModelVersion(ScaleSetModel model)
    {
        var before = S.ModelVersion;
        S = S with { ModelVersion = before + 1, Models = S.Models.SetItem(before + 1, model) };
        foreach (var instance in S.Instances.Values)
        {
            Commands.Add(new InstanceChanged(instance, instance.ModelVersion == before, instance, instance.ModelVersion == S.ModelVersion));
        }
    }

    /// <summary>
    /// The fleet timeline's point for this instant: the counts as this decision leaves them. Recorded once, at the end
    /// of every decision, so the last decision of an instant leaves the counts as the instant ends, whatever order its
    /// events came in; an instant that ends where the previous point stands leaves no point.
    /// </summary>
    public void RecordTimeline()
    {
        var counts = S.Counts;
        var point = new TimelinePoint(Now, counts.InService, counts.Upgrading, counts.Unhealthy);
        var timeline = S.Timeline;
        var count = timeline.Count;
        if (count > 0 && timeline[^1].Time == point.Time)
        {
            // This instant already has a point: it takes the new counts, or goes when they are the previous point's.
            if (count > 1 && timeline[^2] with { Time = point.Time } == point)
            {
                S = S with { Timeline = timeline.RemoveAt(count - 1) };
            }
            else if (timeline[^1] != point || timeline[^1].Time.Offset != point.Time.Offset)
            {
                S = S with { Timeline = timeline.SetItem(count - 1, point) };
            }

            return;
        }

        if (count == 0 || timeline[^1] with { Time = point.Time } != point)
        {
            S = S with { Timeline = timeline.Add(point) };
        }
    }

    private static string Describe(IEnumerable<string> ids)
    {
        var sorted = ids.Order(InstanceOrder.Instance).ToList();
        return sorted.Count switch
        {
            0 => "none",
            <= 8 => string.Join(", ", sorted),
            _ => $"{sorted[0]}–{sorted[^1]}, {sorted.Count} in all",
        };
    }

    private void EnsureInstances(ImmutableArray<string> instanceIds, bool required)
    {
        _ = Model;
        if (required && instanceIds.IsDefaultOrEmpty)
        {
            throw new AzureException("InvalidParameter", "instanceIds: at least one instance id is required", "instanceIds");
        }

        foreach (var id in instanceIds.IsDefault ? [] : instanceIds)
        {
            if (!S.Instances.ContainsKey(id))
            {
                throw new AzureException("NotFound", $"instanceIds: instance '{id}' does not exist in scale set '{Name}' (instances: {Describe(S.Instances.Keys)})", "instanceIds");
            }
        }
    }

    private void EnsureNoRun(string operation)
    {
        _ = Model;
        if (S.Run is { IsEnded: false } run)
        {
            throw AzureException.Conflict($"Operation '{operation}' is not allowed on scale set '{Name}' while its {run.Kind} run ({run.RunId}) is in progress. Cancel it or wait for it to end.");
        }
    }
}
