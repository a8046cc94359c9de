using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Domain.Time;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>Model changes, scaling and runs: the grain carries out what the pure core decides.</summary>
public sealed partial class ScaleSetGrain
{
    private const long EvaluateToken = 1;

    /// <summary>The run id of a scale operation's orders (scale-out and scale-in).</summary>
    private const string ScaleRun = "scale";
    private const long PauseTokenBase = 1_000_000;

    /// <inheritdoc/>
    public async Task OnInstanceReportAsync(InstanceReport report)
    {
        var id = report.Outcome.InstanceId;
        if (!S.Instances.ContainsKey(id))
        {
            return;
        }

        Observe(report);
        if (report.Summary.ProvisioningState == "Deleted")
        {
            RemoveSummary(id);
        }
        else
        {
            SetSummary(report.Summary);
        }

        RecordTimeline();
        if (report.RunId == ScaleRun && report.Kind == OperationKind.Provision)
        {
            await ScaleOutInstanceProvisionedAsync();
        }

        foreach (var (operation, waits) in S.ScaleWaits.ToList())
        {
            if (!waits.Remove(id))
            {
                continue;
            }

            if (!report.Outcome.Succeeded)
            {
                (S.ScaleFailures.TryGetValue(operation, out var failed) ? failed : S.ScaleFailures[operation] = []).Add(report.Outcome);
            }

            if (waits.Count == 0)
            {
                // As Azure fails a scale-out whose new VMs fail to provision, with the instance's own error.
                S.ScaleWaits.Remove(operation);
                if (S.ScaleFailures.Remove(operation, out var failures))
                {
                    CompleteOperation(operation, "Failed", OperationErrors.InstancesFailed(Name, failures));
                }
                else
                {
                    CompleteOperation(operation, "Succeeded");
                }
            }
        }

        if (report.Summary.Health == HealthState.Healthy)
        {
            S.RepairAttempts.Remove(id);
        }

        if (report.RunId == RepairRun)
        {
            OnRepairReport(report);
        }
        else if (report.RunId.EndsWith(SurgeSuffix, StringComparison.Ordinal))
        {
            await OnSurgeReportAsync(report);
        }
        else if (report.RunId.EndsWith(SurgeDeleteSuffix, StringComparison.Ordinal))
        {
            await OnSurgeDeletedAsync(report);
        }
        else if (report.RunId.EndsWith(RollbackSuffix, StringComparison.Ordinal))
        {
            OnRollbackReport(report);
        }

        if (S.Run is { } run && run.RunId == report.RunId)
        {
            await ExecuteAsync(RollingUpgradeMachine.Handle(run, new InstanceFinished(report.Outcome), S.Instances, time.Now));
        }

        await CheckRepairsAsync();
    }

    /// <inheritdoc/>
    public async Task OnInstanceHealthAsync(InstanceSummary summary)
    {
        if (S.Instances.TryGetValue(summary.InstanceId, out var known))
        {
            // A health report never changes whether the scale set has an operation under way on the instance.
            SetSummary(summary with { Busy = known.Busy });
            RecordTimeline();
            if (summary.Health == HealthState.Healthy)
            {
                S.RepairAttempts.Remove(summary.InstanceId);
            }

            await CheckRepairsAsync();
        }
    }

    private async Task OnWakeAsync(long token)
    {
        if (token == RepairToken)
        {
            await OnRepairCheckDueAsync();
            return;
        }

        if (S.Run is not { } run)
        {
            return;
        }

        RunEvent e = token == EvaluateToken ? new EvaluateDue() : new PauseElapsed((int)(token - PauseTokenBase));
        await ExecuteAsync(RollingUpgradeMachine.Handle(run, e, S.Instances, time.Now));
    }

    private async Task<OperationStatus> ApplyResourceAsync(JsonObject resource, string operationName)
    {
        var model = ReadModel(resource);
        EnsureNoRun(operationName);
        await EnsureImagesExistAsync(resource);
        var previous = Model;
        var operation = NewOperation(operationName);
        S.Operations.Add(operation);
        S.Resource = ResourceDocument.WithCapacity(resource, model.Capacity).ToJsonString();
        S.Model = model;
        if (model.ProfileFingerprint != previous.ProfileFingerprint)
        {
            RetagInstances(() => S.ModelVersion++);
            S.Models[S.ModelVersion] = model;
        }

        Audit(operationName, "Accepted", message: $"model version {S.ModelVersion}, {model.EffectiveUpgradeMode} mode");
        await FollowImageAsync();
        if (model.Capacity != S.Instances.Count)
        {
            await ScaleToAsync(model.Capacity, null);
        }

        await TellLoadBalancersAsync(previous, model);

        switch (model.EffectiveUpgradeMode)
        {
            case UpgradeMode.Rolling:
                // Every model update, even an empty one, starts a new run over the stale instances.
                await StartRunAsync(RunKind.RollingUpgrade, gated: true, RunScope.Stale(S.Instances.Values, S.ModelVersion), operation.Name, null, "User");
                break;
            case UpgradeMode.Automatic when RunScope.Stale(S.Instances.Values, S.ModelVersion) is { IsEmpty: false } stale:
                await StartRunAsync(RunKind.Automatic, gated: false, stale, operation.Name, null, "User");
                break;
            default:
                CompleteOperation(operation.Name, "Succeeded");
                break;
        }

        await store.WriteStateAsync();
        return Operation(operation.Name);
    }

    private async Task ScaleToAsync(int capacity, string? operation)
    {
        var live = S.Instances.Values.Where(i => i.ProvisioningState != "Deleting").ToList();
        var waits = new HashSet<string>(StringComparer.Ordinal);
        if (capacity > live.Count)
        {
            var model = Model;
            var placements = FleetPlanner.PlaceNew(live, capacity - live.Count, model.Zones, model.PlatformFaultDomainCount, S.NextInstanceId);
            S.NextInstanceId += placements.Length;
            var image = await ResolveAsync(model.Image);
            var order = await OrderForAsync(OperationKind.Provision, model, S.ModelVersion, image, ScaleRun, waitForHealth: true);
            S.ScaleOutsCreating += placements.Length;
            foreach (var p in placements)
            {
                var state = InstanceMachine.New(Name, p.InstanceId, p.Zone, p.FaultDomain, image.Image, model.AllLoadBalancers, time.Now);
                await Instance(p.InstanceId).InitializeAsync(state);
                SetSummary(state.ToSummary() with { Busy = true, ModelVersion = S.ModelVersion });
                waits.Add(p.InstanceId);
                await Instance(p.InstanceId).StartAsync(order);
            }
        }
        else
        {
            foreach (var id in FleetPlanner.ChooseForScaleIn(live.Where(i => !i.Busy).ToList(), capacity - live.Count(i => i.Busy)))
            {
                var summary = S.Instances[id];
                var model = S.Models.GetValueOrDefault(summary.ModelVersion, Model);
                var order = await OrderForAsync(OperationKind.Delete, model, summary.ModelVersion, new ImageVersionInfo { Image = summary.Image }, ScaleRun, waitForHealth: false);
                SetSummary(summary with { Busy = true, ProvisioningState = "Deleting" });
                waits.Add(id);
                await Instance(id).StartAsync(order);
            }
        }

        RecordTimeline();
        if (operation is null)
        {
            return;
        }

        if (waits.Count == 0)
        {
            CompleteOperation(operation, "Succeeded");
        }
        else
        {
            S.ScaleWaits[operation] = waits;
        }
    }

    private async Task StartRunAsync(
        RunKind kind,
        bool gated,
        ImmutableArray<string> scope,
        string? operation,
        ImageReference? targetImage,
        string startedBy,
        RollingUpgradePolicy? policy = null,
        bool automaticRollback = false,
        bool deferred = false)
    {
        var model = Model;
        var template = new RunState
        {
            RunId = DeterministicGuid("run", ++S.Serial),
            Kind = kind,
            StartedBy = startedBy,
            Policy = policy ?? model.UpgradePolicy.RollingUpgradePolicy,
            Gated = gated,
            TargetModelVersion = S.ModelVersion,
            TargetImage = targetImage,
            ScaleSet = Name,
            UpgradedOverAll = model.UpgradedUnhealthyOverAllInstances,
            AutomaticRollback = automaticRollback,
            Deferred = deferred,
        };
        var transition = RollingUpgradeMachine.Start(template, scope, time.Now);
        S.Runs.Add(new RunRecord(transition.State, model.EffectiveUpgradeMode.ToString()));
        S.ActiveRun = S.Runs.Count - 1;
        if (gated)
        {
            S.LatestRollingRun = S.ActiveRun;
        }

        S.RunOperation = operation;
        if (operation is not null && S.Operations.FindIndex(o => o.Name == operation) is var index and >= 0)
        {
            S.Operations[index] = S.Operations[index] with { RunId = transition.State.RunId };
        }

        monitor?.RunStarted();
        Observe(null, transition.State);
        await ExecuteAsync(transition);
    }

    private async Task ExecuteAsync(RunTransition transition)
    {
        var index = S.ActiveRun;
        Observe(S.Runs[index].Run, transition.State);
        S.Runs[index] = S.Runs[index] with { Run = transition.State };
        foreach (var command in transition.Commands)
        {
            switch (command)
            {
                case StartBatch batch:
                    await StartBatchAsync(transition.State, batch.InstanceIds);
                    await store.WriteStateAsync();
                    break;
                case EvaluateAtEndOfInstant:
                    time.WakeAtEndOfInstant(EvaluateToken);
                    break;
                case WakeAfterPause pause:
                    time.WakeAfter(pause.Delay, PauseTokenBase + pause.Token);
                    break;
                case RunEnded ended:
                    EndRun(transition.State, ended.Code);
                    await RollBackFailedInstancesAsync(transition.State, index);
                    await store.WriteStateAsync();
                    await StartPendingPlatformUpgradeAsync();
                    await CheckRepairsAsync();
                    break;
            }
        }
    }

    private async Task StartBatchAsync(RunState run, ImmutableArray<string> instanceIds)
    {
        var orders = new Dictionary<(int, string), UpgradeOrder>();
        foreach (var id in instanceIds)
        {
            var summary = S.Instances[id];
            if (run.Policy.RollbackFailedInstancesOnPolicyBreach)
            {
                S.RollbackModels[id] = summary.ModelVersion;
            }

            if (Surges(run))
            {
                // The old instance keeps serving until its replacement is healthy.
                await StartSurgeAsync(run, summary);
                continue;
            }

            SetSummary(summary with { Busy = true });

            if (run.Deferred && !S.ApprovedAll && !S.Approved.Contains(id))
            {
                // osRollingUpgradeDeferral: the instance is told an OS upgrade is pending and waits for approval.
                S.AwaitingApproval.Add(id);
                Audit("AwaitingApproval", "Pending", run.RunId, run.Batches.Count, id, caller: "Platform");
                continue;
            }

            await Instance(id).StartAsync(await RunOrderAsync(run, summary, orders));
        }

        RecordTimeline();
    }

    /// <summary>The order an instance gets in a run; instances on the same model and image share one.</summary>
    private async Task<UpgradeOrder> RunOrderAsync(RunState run, InstanceSummary summary, Dictionary<(int, string), UpgradeOrder> orders)
    {
        var (kind, modelVersion) = run.Kind switch
        {
            RunKind.OSUpgrade => (OperationKind.Reimage, summary.ModelVersion),
            RunKind.Reimage => (OperationKind.Reimage, summary.ModelVersion),
            RunKind.ReimageAll => (OperationKind.ReimageAll, summary.ModelVersion),
            RunKind.ExtensionUpgrade => (OperationKind.Extensions, summary.ModelVersion),
            _ => (OperationKind.Upgrade, run.TargetModelVersion),
        };
        var model = S.Models.GetValueOrDefault(modelVersion, Model);
        var imageKey = run.TargetImage?.ToString() ?? (kind == OperationKind.Extensions ? summary.Image.ToString() : model.Image.ToString());
        if (orders.TryGetValue((modelVersion, imageKey), out var order))
        {
            return order;
        }

        var image = run.TargetImage is { } target
            ? await ResolveAsync(target)
            : kind == OperationKind.Extensions ? new ImageVersionInfo { Image = summary.Image } : await ResolveAsync(model.Image);
        order = await OrderForAsync(kind, model, modelVersion, image, run.RunId, run.Gated) with
        {
            TraceParent = batchSpan?.Id,
            RollbackOnFailure = run.AutomaticRollback,
        };
        if (run.StartedBy == "Platform")
        {
            // Automatic OS image upgrades wait up to 5 minutes for an instance to become healthy.
            order = order with { Timing = order.Timing with { HealthWaitTimeout = Distribution.Fixed(TimeSpan.FromMinutes(5)) } };
        }

        orders[(modelVersion, imageKey)] = order;
        return order;
    }

    private void EndRun(RunState run, RunStatusCode code)
    {
        monitor?.RunEnded();
        if (S.RunOperation is { } operation)
        {
            // The operation that started the run ends with it: a faulted rolling upgrade or a failed operation
            // fails with the run's error; a completed run's error (failed instances within the limit) is not one.
            CompleteOperation(operation, code switch
            {
                RunStatusCode.Completed => "Succeeded",
                RunStatusCode.Cancelled => "Canceled",
                _ => "Failed",
            }, code == RunStatusCode.Completed ? null : run.Error);
        }

        S.RunOperation = null;
        S.ActiveRun = -1;
        S.AwaitingApproval.Clear();
        S.Approved.Clear();
        S.ApprovedAll = false;

        // Keep only the models some instance still runs: OS upgrades and reimages use the instance's own.
        var used = S.Instances.Values.Select(i => i.ModelVersion).Append(S.ModelVersion).Concat(S.RollbackModels.Values).ToHashSet();
        foreach (var version in S.Models.Keys.Where(v => !used.Contains(v)).ToList())
        {
            S.Models.Remove(version);
        }
    }

    private void SetSummary(InstanceSummary summary)
    {
        if (S.Instances.TryGetValue(summary.InstanceId, out var old))
        {
            counts -= FleetCounts.Of(old);
            Telemetry.VmssTelemetry.Instances.Add(-1, InstanceTags(old));
        }

        S.Instances[summary.InstanceId] = summary;
        counts += FleetCounts.Of(summary);
        Telemetry.VmssTelemetry.Instances.Add(1, InstanceTags(summary));
    }

    private void RemoveSummary(string instanceId)
    {
        if (S.Instances.Remove(instanceId, out var old))
        {
            counts -= FleetCounts.Of(old);
            Telemetry.VmssTelemetry.Instances.Add(-1, InstanceTags(old));
        }
    }

    private void RecordTimeline()
    {
        var point = new TimelinePoint(time.Now, counts.InService, counts.Upgrading, counts.Unhealthy);
        if (S.Timeline.Count > 0 && S.Timeline[^1].Time == point.Time)
        {
            S.Timeline[^1] = point;
        }
        else if (S.Timeline.Count == 0 || S.Timeline[^1] with { Time = point.Time } != point)
        {
            S.Timeline.Add(point);
        }
    }
}
