using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// <c>maxSurge</c> and <c>rollbackFailedInstancesOnPolicyBreach</c> (docs/behaviour.md#maxsurge, #rollback-on-policy-breach).
/// With surge a batch creates new instances (new ids) on the new model, waits until they are healthy, then deletes
/// the old ones: capacity never drops below N. An allocation failure falls back to upgrading the old instance in
/// place; a new instance that never becomes healthy is deleted and the run is cancelled.
/// </summary>
internal sealed partial class ScaleSetDecision
{
    /// <summary>Surge applies to health-gated runs that apply a model or an OS image.</summary>
    private static bool Surges(RunState run) => run.Surges;

    private void StartSurge(RunState run, InstanceSummary old)
    {
        var model = Model;
        var live = S.Instances.Values.Where(i => i.ProvisioningState != "Deleting").ToList();
        var zones = old.Zone is { } zone ? [zone] : model.Zones.IsEmpty ? model.Zones : [model.Zones[0]];
        var placement = FleetPlanner.PlaceNew(live, 1, zones, model.PlatformFaultDomainCount, S.NextInstanceId)[0];
        S = S with { NextInstanceId = S.NextInstanceId + 1 };
        var image = Resolve(run.TargetImage ?? model.Image);
        Create(placement, image.Image);
        S = S with { Surges = S.Surges.SetItem(placement.InstanceId, old.InstanceId) };
        var order = Order(new OrderTag(OrderPurpose.Surge, run.RunId), OperationKind.Provision, S.ModelVersion, image, waitForHealth: true) with { InBatch = true };
        Commands.Add(new StartOrder(placement.InstanceId, order));
        Audit("MaxSurge", "Started", run.RunId, run.Batches.Count, old.InstanceId, message: $"instance {placement.InstanceId} is created to replace it", caller: "Platform");
    }

    /// <summary>A surge instance was provisioned (or was not).</summary>
    private void OnSurgeReport(InstanceReport report)
    {
        var created = report.Outcome.InstanceId;
        if (!S.Surges.TryGetValue(created, out var old))
        {
            return;
        }

        S = S with { Surges = S.Surges.Remove(created) };
        if (S.Run is not { } run || !S.Instances.TryGetValue(old, out var replaced))
        {
            return;
        }

        if (report.Outcome.Succeeded && report.Summary.Health == HealthState.Healthy)
        {
            // The new instance serves: now the old one goes.
            Delete(replaced, new OrderTag(OrderPurpose.SurgeDelete, run.RunId));
            Audit("MaxSurge", "Succeeded", run.RunId, run.Batches.Count, old, message: $"instance {created} is healthy; instance {old} is deleted", caller: "Platform");
            return;
        }

        if (report.Outcome.ErrorCode == "AllocationFailed")
        {
            // No capacity for a new VM: upgrade the old instance in place instead.
            Commands.Add(new RemoveInstance(created));
            RemoveSummary(created);
            Audit("MaxSurge", "AllocationFailed", run.RunId, run.Batches.Count, old, message: "no capacity for a new instance: upgraded in place", caller: "Platform");
            Commands.Add(new StartOrder(old, RunOrder(run, replaced, [])));
            return;
        }

        // A new instance that never becomes healthy is deleted and the run is cancelled.
        var cleanup = Order(new OrderTag(OrderPurpose.SurgeCleanup), OperationKind.Delete, S.ModelVersion, new ImageVersionInfo { Image = report.Summary.Image }, waitForHealth: false);
        SetSummary(report.Summary with { Busy = true, ProvisioningState = "Deleting" });
        Commands.Add(new StartOrder(created, cleanup));
        SetSummary(replaced with { Busy = false });
        Audit("MaxSurge", report.Outcome.ErrorCode ?? "Failed", run.RunId, run.Batches.Count, old, message: $"instance {created} did not become healthy: it is deleted and the run cancelled", caller: "Platform");
        var error = new RunError(
            "MaxSurgeInstanceUnhealthy",
            $"The rolling upgrade was cancelled: new instance {created}, created by maxSurge to replace instance {old}, did not become healthy. {report.Outcome.ErrorMessage}",
            [new RunErrorDetail(report.Outcome.ErrorCode ?? RollingUpgradeErrors.InstanceUnhealthy, RollingUpgradeErrors.Target(Name, created), report.Outcome.ErrorMessage ?? "")]);
        Execute(RollingUpgradeMachine.Handle(run, new CancelRequested { Error = error }, S.Instances, Now));
        if (S.Run is { } still && still.RunId == run.RunId)
        {
            Execute(RollingUpgradeMachine.Handle(still, new InstanceReturned(old), S.Instances, Now));
        }
    }

    /// <summary>The old instance of a surge is deleted: for the run it is upgraded.</summary>
    private void OnSurgeDeleted(InstanceReport report, OrderTag tag)
    {
        if (S.Run is { } run && tag.RunId == run.RunId)
        {
            Execute(RollingUpgradeMachine.Handle(run, new InstanceFinished(new InstanceOutcome(report.Outcome.InstanceId, true)) { Steps = report.Steps }, S.Instances, Now));
        }
    }

    /// <summary>On a policy breach the failed instances return to the model they had (Uniform only).</summary>
    private void RollBackFailedInstances(RunState run, int runIndex)
    {
        var breach = run.Code == RunStatusCode.Faulted && run.Error?.Code == RollingUpgradeErrors.UpgradedExceeded && run.Policy.RollbackFailedInstancesOnPolicyBreach;
        if (breach)
        {
            foreach (var id in run.Failed.Keys.Order(InstanceOrder.Instance))
            {
                if (!S.Instances.TryGetValue(id, out var instance) || !S.RollbackModels.TryGetValue(id, out var previous) || !S.Models.TryGetValue(previous, out var model))
                {
                    continue;
                }

                S = S with { Rollbacks = S.Rollbacks.SetItem(id, runIndex) };
                SetSummary(instance with { Busy = true });
                var order = Order(new OrderTag(OrderPurpose.Rollback, run.RunId), OperationKind.Upgrade, previous, Resolve(model.Image), waitForHealth: true);
                Commands.Add(new StartOrder(id, order));
                Audit("RollbackOnPolicyBreach", "Started", run.RunId, instanceId: id, message: $"back to model version {previous}", caller: "Platform");
            }
        }

        S = S with { RollbackModels = S.RollbackModels.Clear() };
    }

    private void OnRollbackReport(InstanceReport report)
    {
        var id = report.Outcome.InstanceId;
        if (!S.Rollbacks.TryGetValue(id, out var index))
        {
            return;
        }

        S = S with { Rollbacks = S.Rollbacks.Remove(id) };
        if (index >= S.Runs.Count)
        {
            return;
        }

        var succeeded = report.Outcome.Succeeded && report.Summary.Health == HealthState.Healthy;
        var record = S.Runs[index];
        S = S with
        {
            Runs = S.Runs.SetItem(index, record with
            {
                Run = record.Run with
                {
                    RolledBackSucceeded = record.Run.RolledBackSucceeded + (succeeded ? 1 : 0),
                    RolledBackFailed = record.Run.RolledBackFailed + (succeeded ? 0 : 1),
                },
            }),
        };
        Audit("RollbackOnPolicyBreach", succeeded ? "Succeeded" : "Failed", record.Run.RunId, instanceId: id, message: report.Outcome.ErrorMessage, caller: "Platform");
    }
}
