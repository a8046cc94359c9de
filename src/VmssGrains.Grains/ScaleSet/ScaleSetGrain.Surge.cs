using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>
/// <c>maxSurge</c> and <c>rollbackFailedInstancesOnPolicyBreach</c> (docs/behaviour.md#maxsurge, #rollback-on-policy-breach). With surge a batch creates new
/// instances (new ids) on the new model, waits until they are healthy, then deletes the old ones: capacity
/// never drops below N. An allocation failure falls back to upgrading the old instance in place; a new
/// instance that never becomes healthy is deleted and the run is cancelled.
/// </summary>
public sealed partial class ScaleSetGrain
{
    private const string SurgeSuffix = ":surge";
    private const string SurgeDeleteSuffix = ":surge-delete";
    private const string RollbackSuffix = ":rollback";
    private const string SurgeCleanupRun = "surge-cleanup";

    /// <summary>Surge applies to health-gated runs that apply a model or an OS image.</summary>
    private static bool Surges(RunState run) =>
        run.Policy.MaxSurge && run.Gated && run.Kind is RunKind.RollingUpgrade or RunKind.OSUpgrade;

    private async Task StartSurgeAsync(RunState run, InstanceSummary old)
    {
        var model = Model;
        var live = S.Instances.Values.Where(i => i.ProvisioningState != "Deleting").ToList();
        var zones = old.Zone is { } zone ? [zone] : model.Zones.IsEmpty ? model.Zones : [model.Zones[0]];
        var placement = FleetPlanner.PlaceNew(live, 1, zones, model.PlatformFaultDomainCount, S.NextInstanceId)[0];
        S.NextInstanceId++;
        var image = await ResolveAsync(run.TargetImage ?? model.Image);
        var created = InstanceMachine.New(Name, placement.InstanceId, placement.Zone, placement.FaultDomain, image.Image, model.AllLoadBalancers, time.Now);
        await Instance(placement.InstanceId).InitializeAsync(created);
        SetSummary(created.ToSummary() with { Busy = true, ModelVersion = S.ModelVersion });
        S.Surges[placement.InstanceId] = old.InstanceId;
        var order = await OrderForAsync(OperationKind.Provision, model, S.ModelVersion, image, run.RunId + SurgeSuffix, waitForHealth: true) with { TraceParent = batchSpan?.Id };
        await Instance(placement.InstanceId).StartAsync(order);
        Audit("MaxSurge", "Started", run.RunId, run.Batches.Count, old.InstanceId, message: $"instance {placement.InstanceId} is created to replace it", caller: "Platform");
    }

    /// <summary>A surge instance was provisioned (or was not).</summary>
    private async Task OnSurgeReportAsync(InstanceReport report)
    {
        var created = report.Outcome.InstanceId;
        if (!S.Surges.Remove(created, out var old) || S.Run is not { } run || !S.Instances.TryGetValue(old, out var replaced))
        {
            return;
        }

        if (report.Outcome.Succeeded && report.Summary.Health == HealthState.Healthy)
        {
            // The new instance serves: now the old one goes.
            SetSummary(replaced with { Busy = true, ProvisioningState = "Deleting" });
            var model = S.Models.GetValueOrDefault(replaced.ModelVersion, Model);
            await Instance(old).StartAsync(await OrderForAsync(OperationKind.Delete, model, replaced.ModelVersion, new ImageVersionInfo { Image = replaced.Image }, run.RunId + SurgeDeleteSuffix, waitForHealth: false));
            Audit("MaxSurge", "Succeeded", run.RunId, run.Batches.Count, old, message: $"instance {created} is healthy; instance {old} is deleted", caller: "Platform");
            return;
        }

        if (report.Outcome.ErrorCode == "AllocationFailed")
        {
            // No capacity for a new VM: upgrade the old instance in place instead.
            await Instance(created).RemoveAsync();
            RemoveSummary(created);
            Audit("MaxSurge", "AllocationFailed", run.RunId, run.Batches.Count, old, message: "no capacity for a new instance: upgraded in place", caller: "Platform");
            await Instance(old).StartAsync(await RunOrderAsync(run, replaced, []));
            return;
        }

        // A new instance that never becomes healthy is deleted and the run is cancelled.
        SetSummary(report.Summary with { Busy = true, ProvisioningState = "Deleting" });
        await Instance(created).StartAsync(await OrderForAsync(OperationKind.Delete, Model, S.ModelVersion, new ImageVersionInfo { Image = report.Summary.Image }, SurgeCleanupRun, waitForHealth: false));
        SetSummary(replaced with { Busy = false });
        Audit("MaxSurge", report.Outcome.ErrorCode ?? "Failed", run.RunId, run.Batches.Count, old, message: $"instance {created} did not become healthy: it is deleted and the run cancelled", caller: "Platform");
        var error = new RunError(
            "MaxSurgeInstanceUnhealthy",
            $"The rolling upgrade was cancelled: new instance {created}, created by maxSurge to replace instance {old}, did not become healthy. {report.Outcome.ErrorMessage}",
            [new RunErrorDetail(report.Outcome.ErrorCode ?? RollingUpgradeErrors.InstanceUnhealthy, RollingUpgradeErrors.Target(Name, created), report.Outcome.ErrorMessage ?? "")]);
        await ExecuteAsync(RollingUpgradeMachine.Handle(run, new CancelRequested { Error = error }, S.Instances, time.Now));
        if (S.Run is { } still && still.RunId == run.RunId)
        {
            await ExecuteAsync(RollingUpgradeMachine.Handle(still, new InstanceReturned(old), S.Instances, time.Now));
        }
    }

    /// <summary>The old instance of a surge is deleted: for the run it is upgraded.</summary>
    private async Task OnSurgeDeletedAsync(InstanceReport report)
    {
        if (S.Run is { } run && report.RunId == run.RunId + SurgeDeleteSuffix)
        {
            await ExecuteAsync(RollingUpgradeMachine.Handle(run, new InstanceFinished(new InstanceOutcome(report.Outcome.InstanceId, true)), S.Instances, time.Now));
        }
    }

    /// <summary>On a policy breach the failed instances return to the model they had (Uniform only).</summary>
    private async Task RollBackFailedInstancesAsync(RunState run, int runIndex)
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

                S.Rollbacks[id] = runIndex;
                SetSummary(instance with { Busy = true });
                var order = await OrderForAsync(OperationKind.Upgrade, model, previous, await ResolveAsync(model.Image), run.RunId + RollbackSuffix, waitForHealth: true);
                await Instance(id).StartAsync(order);
                Audit("RollbackOnPolicyBreach", "Started", run.RunId, instanceId: id, message: $"back to model version {previous}", caller: "Platform");
            }
        }

        S.RollbackModels.Clear();
    }

    private void OnRollbackReport(InstanceReport report)
    {
        var id = report.Outcome.InstanceId;
        if (!S.Rollbacks.Remove(id, out var index) || index >= S.Runs.Count)
        {
            return;
        }

        var succeeded = report.Outcome.Succeeded && report.Summary.Health == HealthState.Healthy;
        var record = S.Runs[index];
        S.Runs[index] = record with
        {
            Run = record.Run with
            {
                RolledBackSucceeded = record.Run.RolledBackSucceeded + (succeeded ? 1 : 0),
                RolledBackFailed = record.Run.RolledBackFailed + (succeeded ? 0 : 1),
            },
        };
        Audit("RollbackOnPolicyBreach", succeeded ? "Succeeded" : "Failed", record.Run.RunId, instanceId: id, message: report.Outcome.ErrorMessage, caller: "Platform");
    }
}
