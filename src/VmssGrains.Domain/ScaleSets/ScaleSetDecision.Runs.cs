using System.Collections.Immutable;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>Scaling, runs and the reports that drive them (docs/behaviour.md#rolling-upgrade, #scaling).</summary>
internal sealed partial class ScaleSetDecision
{
    private void OnInstanceReport(InstanceReport report)
    {
        var id = report.Outcome.InstanceId;
        if (!S.Instances.TryGetValue(id, out var known) || ScaleSetQueries.IsStale(S, report))
        {
            return;
        }

        var tag = OrderTag.Parse(report.RunId);
        var inFlight = S.InFlight.Remove(id);
        if (report.Summary.ProvisioningState == "Deleted")
        {
            S = S with { InFlight = inFlight };
            RemoveSummary(id);
        }
        else if (report.Summary.Sequence < known.Sequence)
        {
            // A newer report (the instance's health since) arrived first: it holds the instance as it is now; this one
            // only ends the operation.
            SetSummary(known with { Busy = report.Summary.Busy }, inFlight);
        }
        else
        {
            SetSummary(report.Summary, inFlight);
        }

        if (tag.Purpose == OrderPurpose.Scale && report.Kind == OperationKind.Provision)
        {
            // An instance a scale-out created ended its provisioning (succeeded or failed): its capacity is now asked.
            S = S with { ScaleOutsCreating = Math.Max(0, S.ScaleOutsCreating - 1) };
            TellLoadBalancers(Model, Model);
        }

        foreach (var (operation, waits) in S.ScaleWaits)
        {
            if (!waits.Contains(id))
            {
                continue;
            }

            var left = waits.Remove(id);
            S = S with { ScaleWaits = S.ScaleWaits.SetItem(operation, left) };
            if (!report.Outcome.Succeeded)
            {
                var failed = S.ScaleFailures.GetValueOrDefault(operation, []);
                S = S with { ScaleFailures = S.ScaleFailures.SetItem(operation, failed.Add(report.Outcome)) };
            }

            if (left.Count == 0)
            {
                // As Azure fails a scale-out whose new VMs fail to provision, with the instance's own error.
                S = S with { ScaleWaits = S.ScaleWaits.Remove(operation) };
                if (S.ScaleFailures.TryGetValue(operation, out var failures))
                {
                    S = S with { ScaleFailures = S.ScaleFailures.Remove(operation) };
                    CompleteOperation(operation, "Failed", OperationErrors.InstancesFailed(Name, failures));
                }
                else
                {
                    CompleteOperation(operation, "Succeeded");
                }
            }
        }

        if (report.Summary.Health == HealthState.Healthy && S.RepairAttempts.ContainsKey(id))
        {
            S = S with { RepairAttempts = S.RepairAttempts.Remove(id) };
        }

        switch (tag.Purpose)
        {
            case OrderPurpose.Repair:
                OnRepairReport(report);
                break;
            case OrderPurpose.Surge:
                OnSurgeReport(report);
                break;
            case OrderPurpose.SurgeDelete:
                OnSurgeDeleted(report, tag);
                break;
            case OrderPurpose.Rollback:
                OnRollbackReport(report);
                break;
        }

        if (S.Run is { } run && tag.Purpose == OrderPurpose.Run && run.RunId == tag.RunId)
        {
            Execute(RollingUpgradeMachine.Handle(run, new InstanceFinished(report.Outcome) { Steps = report.Steps }, S.Instances, Now));
        }

        CheckRepairs();
    }

    private void OnInstanceHealth(InstanceSummary summary)
    {
        if (S.Instances.TryGetValue(summary.InstanceId, out var known) && summary.Sequence >= known.Sequence)
        {
            // A health report never changes whether the scale set has an operation under way on the instance.
            SetSummary(summary with { Busy = known.Busy });
            if (summary.Health == HealthState.Healthy && S.RepairAttempts.ContainsKey(summary.InstanceId))
            {
                S = S with { RepairAttempts = S.RepairAttempts.Remove(summary.InstanceId) };
            }

            CheckRepairs();
        }
    }

    private void OnWake(long token)
    {
        if (token == ScaleSetMachine.RepairToken)
        {
            OnRepairCheckDue();
            return;
        }

        if (S.Run is not { } run)
        {
            return;
        }

        RunEvent e = token == ScaleSetMachine.EvaluateToken ? new EvaluateDue() : new PauseElapsed((int)(token - ScaleSetMachine.PauseTokenBase));
        Execute(RollingUpgradeMachine.Handle(run, e, S.Instances, Now));
    }

    /// <summary>
    /// After a run, instances a scale-in had to keep because they were busy in it (the new instances of a maxSurge
    /// batch) go: the scale set ends at its <c>sku.capacity</c>, as it would have without the run.
    /// </summary>
    private void ScaleInToCapacity()
    {
        if (S.Model is { } model && S.Instances.Values.Count(i => i.ProvisioningState != "Deleting") > model.Capacity)
        {
            ScaleTo(model.Capacity, null);
        }
    }

    private void ScaleTo(int capacity, string? operation)
    {
        // An instance a maxSurge batch is replacing is already on its way out: its replacement stands for it.
        var replaced = S.Surges.Values.ToHashSet(StringComparer.Ordinal);
        var live = S.Instances.Values.Where(i => i.ProvisioningState != "Deleting" && !replaced.Contains(i.InstanceId)).ToList();
        var waits = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        if (capacity > live.Count)
        {
            var model = Model;
            var placements = FleetPlanner.PlaceNew(live, capacity - live.Count, model.Zones, model.PlatformFaultDomainCount, S.NextInstanceId);
            S = S with { NextInstanceId = S.NextInstanceId + placements.Length, ScaleOutsCreating = S.ScaleOutsCreating + placements.Length };
            var image = Resolve(model.Image);
            var order = Order(new OrderTag(OrderPurpose.Scale), OperationKind.Provision, S.ModelVersion, image, waitForHealth: true);
            foreach (var p in placements)
            {
                Create(p, image.Image);
                waits.Add(p.InstanceId);
                Commands.Add(new StartOrder(p.InstanceId, order));
            }
        }
        else
        {
            foreach (var id in FleetPlanner.ChooseForScaleIn(live.Where(i => !i.Busy).ToList(), capacity - live.Count(i => i.Busy)))
            {
                Delete(S.Instances[id], new OrderTag(OrderPurpose.Scale));
                waits.Add(id);
            }
        }

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
            S = S with { ScaleWaits = S.ScaleWaits.SetItem(operation, waits.ToImmutable()) };
        }
    }

    /// <summary>A new instance (scale-out, surge, replacement) on the current model: busy until its provisioning ends.</summary>
    private void Create(Placement placement, ImageReference image)
    {
        var spec = new InstanceSpec
        {
            InstanceId = placement.InstanceId,
            Zone = placement.Zone,
            FaultDomain = placement.FaultDomain,
            Image = image,
            ModelVersion = S.ModelVersion,
            LoadBalancers = Model.AllLoadBalancers,
        };
        Commands.Add(new CreateInstance(spec));
        SetSummary(spec.NewInstance(Name, Model.Extensions, S.Profile!.Key, Now).ToSummary() with { Busy = true, ModelVersion = S.ModelVersion });
    }

    /// <summary>Deletes an instance (its report ends <paramref name="tag"/>): no longer in service from now.</summary>
    private void Delete(InstanceSummary instance, OrderTag tag)
    {
        var order = Order(tag, OperationKind.Delete, instance.ModelVersion, new ImageVersionInfo { Image = instance.Image }, waitForHealth: false);
        SetSummary(instance with { Busy = true, ProvisioningState = "Deleting" });
        Commands.Add(new StartOrder(instance.InstanceId, order));
    }

    private static OrderRequest Order(OrderTag tag, OperationKind kind, int modelVersion, ImageVersionInfo image, bool waitForHealth) =>
        new() { Tag = tag, Kind = kind, ModelVersion = modelVersion, Image = image, WaitForHealth = waitForHealth };

    private void StartRun(
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
        S = S with { Serial = S.Serial + 1 };
        var template = new RunState
        {
            RunId = ScaleSetIds.Derived(S, "run", S.Serial),
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
        var transition = RollingUpgradeMachine.Start(template, scope, Now);
        S = S with
        {
            Runs = S.Runs.Add(new RunRecord(transition.State, model.EffectiveUpgradeMode.ToString())),
            ActiveRun = S.Runs.Count,
            LatestRollingRun = gated ? S.Runs.Count : S.LatestRollingRun,
            RunOperation = operation,
        };
        if (operation is not null && S.Operations.FindIndex(o => o.Name == operation) is var index and >= 0)
        {
            S = S with { Operations = S.Operations.SetItem(index, S.Operations[index] with { RunId = transition.State.RunId }) };
        }

        Commands.Add(new RunStarted(transition.State));
        Execute(transition);
    }

    private void Execute(RunTransition transition)
    {
        var index = S.ActiveRun;
        var before = S.Runs[index].Run;
        S = S with { Runs = S.Runs.SetItem(index, S.Runs[index] with { Run = transition.State }) };
        ObserveRun(before, transition.State);
        foreach (var command in transition.Commands)
        {
            switch (command)
            {
                case StartBatch batch:
                    StartBatch(transition.State, batch.InstanceIds);
                    break;
                case EvaluateAtEndOfInstant:
                    Commands.Add(new WakeUp(ScaleSetMachine.EvaluateToken, null));
                    break;
                case WakeAfterPause pause:
                    Commands.Add(new WakeUp(ScaleSetMachine.PauseTokenBase + pause.Token, pause.Delay));
                    break;
                case RunEnded ended:
                    EndRun(transition.State, ended.Code);
                    RollBackFailedInstances(transition.State, index);
                    ScaleInToCapacity();
                    StartPendingPlatformUpgrade();
                    CheckRepairs();
                    break;
            }
        }
    }

    /// <summary>The facts of a run's change: a batch ended, a batch started, the counts, the run ended.</summary>
    private void ObserveRun(RunState before, RunState after)
    {
        RunHealth? health = null;
        RunHealth? Health() => after.Gated ? health ??= RunHealth.Measure(after, S.Instances) : null;
        if (RunFacts.EndedBatch(before, after) is { } ended)
        {
            Commands.Add(new BatchEnded(after, ended, ended.InstanceIds.Count(after.Failed.ContainsKey), Health()));
        }

        if (RunFacts.StartedBatch(before, after) is { } started)
        {
            Commands.Add(new BatchStarted(after, started, Health()));
        }

        Commands.Add(new RunProgressed(after));
        if (RunFacts.Ended(before, after))
        {
            Commands.Add(new RunFinished(after, Health()));
        }
    }

    private void StartBatch(RunState run, ImmutableArray<string> instanceIds)
    {
        var orders = new Dictionary<(int, string), OrderRequest>();
        foreach (var id in instanceIds)
        {
            var summary = S.Instances[id];
            if (run.Policy.RollbackFailedInstancesOnPolicyBreach)
            {
                S = S with { RollbackModels = S.RollbackModels.SetItem(id, summary.ModelVersion) };
            }

            if (Surges(run))
            {
                // The old instance keeps serving until its replacement is healthy.
                StartSurge(run, summary);
                continue;
            }

            SetSummary(summary with { Busy = true });
            if (run.Deferred && !S.ApprovedAll && !S.Approved.Contains(id))
            {
                // osRollingUpgradeDeferral: the instance is told an OS upgrade is pending and waits for approval.
                S = S with { AwaitingApproval = S.AwaitingApproval.Add(id) };
                Audit("AwaitingApproval", "Pending", run.RunId, run.Batches.Count, id, caller: "Platform");
                continue;
            }

            Commands.Add(new StartOrder(id, RunOrder(run, summary, orders)));
        }

    }

    /// <summary>The order an instance gets in a run; instances on the same model and image share one.</summary>
    private OrderRequest RunOrder(RunState run, InstanceSummary summary, Dictionary<(int, string), OrderRequest> orders)
    {
        var (kind, modelVersion) = run.Kind switch
        {
            RunKind.OSUpgrade => (OperationKind.Reimage, summary.ModelVersion),
            RunKind.Reimage => (OperationKind.Reimage, summary.ModelVersion),
            RunKind.ReimageAll => (OperationKind.ReimageAll, summary.ModelVersion),
            RunKind.ExtensionUpgrade => (OperationKind.Extensions, summary.ModelVersion),
            _ => (OperationKind.Upgrade, run.TargetModelVersion),
        };
        var model = ScaleSetQueries.ModelOf(S, modelVersion);
        var imageKey = run.TargetImage?.ToString() ?? (kind == OperationKind.Extensions ? summary.Image.ToString() : model.Image.ToString());
        if (orders.TryGetValue((modelVersion, imageKey), out var order))
        {
            return order;
        }

        var image = run.TargetImage is { } target
            ? Resolve(target)
            : kind == OperationKind.Extensions ? new ImageVersionInfo { Image = summary.Image } : Resolve(model.Image);
        order = Order(new OrderTag(OrderPurpose.Run, run.RunId), kind, modelVersion, image, run.Gated) with
        {
            InBatch = true,
            RollbackOnFailure = run.AutomaticRollback,

            // Automatic OS image upgrades wait up to 5 minutes for an instance to become healthy.
            HealthWaitTimeout = run.StartedBy == "Platform" ? TimeSpan.FromMinutes(5) : null,
        };
        orders[(modelVersion, imageKey)] = order;
        return order;
    }

    private void EndRun(RunState run, RunStatusCode code)
    {
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

        // Keep only the models some instance still runs: OS upgrades and reimages use the instance's own.
        var used = S.Instances.Values.Select(i => i.ModelVersion).Append(S.ModelVersion).Concat(S.RollbackModels.Values).ToHashSet();
        S = S with
        {
            RunOperation = null,
            ActiveRun = -1,
            AwaitingApproval = S.AwaitingApproval.Clear(),
            Approved = S.Approved.Clear(),
            ApprovedAll = false,
            Models = S.Models.RemoveRange(S.Models.Keys.Where(v => !used.Contains(v)).ToList()),
        };
    }
}
